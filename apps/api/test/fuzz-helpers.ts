// Over 500 lines: one generator per kind of bad input, all built from the same JSON-schema walk.
import fc from 'fast-check';

/**
 * Generators for the OpenAPI fuzz test (src/openapi-fuzz.test.ts): from each operation's JSON schemas,
 * requests that are valid but for one thing, or not valid at all, in every way a client can get wrong.
 */

/** The subset of JSON Schema that the OpenAPI document (zod → JSON Schema) uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation declares one. */
  body: JsonSchema | undefined;
  /** Takes a multipart form (its summary says so: the document gives such bodies no schema). */
  multipart: boolean;
  /** Needs a signed-in user. */
  secured: boolean;
  /** The problem codes the document lists for each error status. */
  problems: Map<number, Set<string>>;
}

/** An operation as the OpenAPI document gives it (the parts read here). */
interface DocumentedOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
  summary?: string;
  description?: string;
  security?: unknown[];
  responses?: Record<string, { content?: Record<string, { schema?: ProblemSchema }> }>;
}

type ProblemSchema = { allOf?: [unknown, { properties?: { code?: { enum?: string[] } } }] };

/**
 * The document with every `$ref` to a named schema replaced by the schema itself, so that the generators
 * see each body's fields (the document names the contracts' schemas once, under components).
 */
export function withSchemasInline<T extends { components?: { schemas?: Record<string, unknown> } }>(
  document: T,
): T {
  const schemas = document.components?.schemas ?? {};
  const inline = (value: unknown, seen: readonly string[]): unknown => {
    if (Array.isArray(value)) return value.map((item) => inline(item, seen));
    if (!value || typeof value !== 'object') return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      // A schema that contains itself stays a reference past its first level.
      return seen.includes(name) ? {} : inline(schemas[name], [...seen, name]);
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, inline(inner, seen)]));
  };
  return { ...document, paths: inline((document as { paths?: unknown }).paths, []) } as T;
}

/** The problem codes an operation documents, by status. */
function problemsOf(operation: DocumentedOperation): Map<number, Set<string>> {
  const problems = new Map<number, Set<string>>();
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const codes = response.content?.['application/problem+json']?.schema?.allOf?.[1].properties?.code?.enum;
    if (codes) problems.set(Number(status), new Set(codes));
  }
  return problems;
}

/** The operations of an OpenAPI document, in its order. */
export function operationsOf(document: {
  paths: Record<string, Record<string, DocumentedOperation>>;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      return {
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.['application/json']?.schema,
        multipart: /multipart/i.test(`${operation.summary} ${operation.description}`),
        secured: (operation.security?.length ?? 0) > 0,
        problems: problemsOf(operation),
      };
    }),
  );
}

/** A long string kept short in fast-check's reports: `Long("a"×100000)`. */
class Long {
  constructor(
    readonly unit: string,
    readonly count: number,
  ) {}
  toString(): string {
    return this.unit.repeat(this.count);
  }
  toJSON(): string {
    return this.toString();
  }
  [fc.toStringMethod](): string {
    return `Long(${JSON.stringify(this.unit)}×${this.count})`;
  }
}

/** Text put in a URL as it is, not percent-encoded: malformed escapes, encoded invalid UTF-8. */
class Raw {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
  [fc.toStringMethod](): string {
    return `Raw(${JSON.stringify(this.text)})`;
  }
}

const HUGE = 100_000;

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Dates a parser may take but no column holds, and dates no calendar has. */
const badDates = [
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '10000-01-01',
  '10000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-14T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31',
  '0001-01-01',
  '2024-02-30',
  '2024-02-30T00:00:00Z',
  '2024-13-01T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00:00+99:99',
  '1969-12-31T23:59:59Z',
];

const badIds = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '------------------------------------',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '0000000g-0000-4000-8000-000000000000',
  'not-a-uuid',
  '123',
  '-1',
  '0',
  '2147483648',
];

/** Cursors with the right shape and wrong contents, as each cursor kind of the API is encoded. */
const forgedCursors = [
  base64url('+275760-09-13T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  base64url('0000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  base64url('10000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  base64url('2024-01-01T00:00:00.000Z|------------------------------------'),
  base64url('2024-01-01T00:00:00.000Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'),
  base64url('2024-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000|extra'),
  base64url('1e300|00000000-0000-4000-8000-000000000000'),
  base64url('#999999999999999'),
  base64url('#-1'),
  base64url('#'),
  base64url('[1e400,"00000000-0000-4000-8000-000000000000"]'),
  base64url('[-1e300,"x"]'),
  base64url('["+275760-09-13T00:00:00.000Z","00000000-0000-4000-8000-000000000000"]'),
  base64url('[null,null,null]'),
  base64url('[{"a":1},[]]'),
  base64url('["\\u0000","\\ud800"]'),
  base64url('[2147483648,"------------------------------------"]'),
  base64url('{}'),
  base64url('"x"'),
  base64url('['.repeat(5000)),
  '!!!',
  '====',
];

/** Text that passes a plain string check and breaks what comes after: PostgreSQL, JSON, a log line. */
const hostileText = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0007\b\t\n\v\f\r\u001b\u007f\u0085',
  '\u202eevil\u2066',
];
const loneSurrogates = ['\ud800', 'a\udfffb', '\udc00\ud800', 'ok\ud83d'];
const numericText = [
  'NaN',
  'Infinity',
  '-1',
  '1e300',
  '2147483648',
  '-2147483649',
  '9223372036854775808',
  '-0',
  '0x10',
  ' 1 ',
  '1.5',
];
const oddText = [
  '',
  ' ',
  '\ufeff',
  '\uffff\ufffe',
  '💥🇨🇦',
  'true',
  'null',
  "' OR 1=1 --",
  '%',
  '%_\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
];

const longValues = [
  new Long('a', HUGE),
  new Long('é', HUGE),
  new Long('9', HUGE),
  new Long('\u0000', HUGE),
  new Long('\ud800', HUGE / 5),
  new Long('💥', HUGE / 2),
];

/** Any sequence of UTF-16 units, lone surrogates and controls included. */
const anyUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});

/** One value a client should never send where a field is expected. */
export function badValue(realIds: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...hostileText) },
    { weight: 3, arbitrary: fc.constantFrom(...loneSurrogates) },
    { weight: 3, arbitrary: fc.constantFrom(...badDates) },
    { weight: 2, arbitrary: fc.constantFrom(...numericText) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        -1,
        0,
        1.5,
        1e300,
        -1e300,
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 53 + 1,
        2 ** 63,
        Number.MIN_VALUE,
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...badIds) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[[[[]]]]], { a: { b: {} } }, ['\u0000']),
    },
    { weight: 2, arbitrary: fc.constantFrom(...longValues) },
    { weight: 1, arbitrary: fc.constantFrom(...oddText) },
    { weight: 1, arbitrary: anyUnits },
    { weight: 1, arbitrary: fc.constantFrom(...forgedCursors) },
    { weight: 1, arbitrary: fc.base64String({ maxLength: 80 }) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: realIds.length > 0 ? fc.constantFrom(...realIds) : fc.uuid() },
    { weight: 1, arbitrary: fc.array(fc.constant('x'), { minLength: 1000, maxLength: 1000 }) },
  );
}

/** The schema itself, or its first choice that is not `null` (`anyOf: [X, null]`). */
function concrete(schema: JsonSchema): JsonSchema {
  const choices = schema.anyOf ?? schema.oneOf;
  return choices?.find((choice) => choice.type !== 'null') ?? schema;
}

/**
 * A bad value aimed at what a field is: bad dates for a date, forged ids for an id, forged cursors for a
 * cursor, out-of-range numbers for a number, hostile text for text; any bad value too.
 */
export function badFor(schema: JsonSchema, name: string, realIds: readonly string[]): fc.Arbitrary<unknown> {
  const field = concrete(schema);
  const type = Array.isArray(field.type) ? field.type.find((one) => one !== 'null') : field.type;
  const any = { weight: 1, arbitrary: badValue(realIds) };
  if (/cursor|^before$|^after$/i.test(name)) {
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...forgedCursors) }, any);
  }
  if (field.format === 'date' || field.format === 'date-time' || /(At|Date|^from|^to)$/.test(name)) {
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...badDates) }, any);
  }
  if (field.format === 'uuid' || /(^id|Id|Ids)$/.test(name)) {
    return fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...badIds) },
      { weight: 2, arbitrary: realIds.length > 0 ? fc.constantFrom(...realIds) : fc.uuid() },
      { weight: 1, arbitrary: fc.uuid() },
      any,
    );
  }
  if (type === 'integer' || type === 'number') {
    return fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(-1, 0, 1.5, 1e300, -1e300, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 2 ** 63),
      },
      { weight: 2, arbitrary: fc.constantFrom(...numericText) },
      any,
    );
  }
  if (type === 'array') {
    return fc.oneof(
      { weight: 1, arbitrary: fc.array(fc.constant('x'), { minLength: 1000, maxLength: 1000 }) },
      { weight: 2, arbitrary: fc.array(badValue(realIds), { minLength: 1, maxLength: 3 }) },
      any,
    );
  }
  if (type === 'string' || field.enum) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...hostileText) },
      { weight: 3, arbitrary: fc.constantFrom(...loneSurrogates) },
      { weight: 2, arbitrary: fc.constantFrom(...longValues) },
      any,
    );
  }
  return badValue(realIds);
}

/** A field of a JSON body: where it is (keys, and 0 for an array's items), its name and its schema. */
export interface Field {
  at: (string | number)[];
  name: string;
  schema: JsonSchema;
}

/** Every field of a body schema, nested ones too (three levels deep). */
export function fieldsOf(schema: JsonSchema, at: (string | number)[] = [], name = ''): Field[] {
  if (at.length > 3) return [];
  const node = concrete(schema);
  const here = at.length > 0 ? [{ at, name, schema }] : [];
  if (node.properties) {
    return [
      ...here,
      ...Object.entries(node.properties).flatMap(([key, child]) => fieldsOf(child, [...at, key], key)),
    ];
  }
  if (node.items) return [...here, ...fieldsOf(node.items, [...at, 0], name)];
  return here;
}

/** A copy of `value` with the field `at` set to `bad` (the objects and arrays on the way made if missing). */
export function setAt(value: unknown, at: (string | number)[], bad: unknown): unknown {
  const [key, ...rest] = at;
  if (key === undefined) return bad;
  if (typeof key === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    list[Math.min(key, list.length)] = setAt(list[key], rest, bad);
    return list;
  }
  const object = value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  (object as Record<string, unknown>)[key] = setAt((object as Record<string, unknown>)[key], rest, bad);
  return object;
}

/** Text for a URL part that is not valid percent-encoding, or encodes bytes that are not UTF-8. */
export const malformedEscapes = fc.constantFrom(
  new Raw('%'),
  new Raw('%zz'),
  new Raw('%E0%A4%A'),
  new Raw('%ED%A0%80'),
  new Raw('%C0%AF'),
  new Raw('%FF%FE'),
  new Raw('%00'),
  new Raw('a%2Fb'),
  new Raw('..%2F..%2F'),
  new Raw('%25%32%65'),
);

/** What a plausible value of a field is, by its name, so that requests get past the schema to the rules. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** A value the schema accepts (shapes only: refinements written in code may still refuse it). */
export function validValue(
  schema: JsonSchema,
  hints: Hints,
  realIds: readonly string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => validValue(choice, hints, realIds, depth)));
  if (schema.allOf?.[0]) return validValue(schema.allOf[0], hints, realIds, depth);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) {
    return fc.oneof(...type.map((one) => validValue({ ...schema, type: one }, hints, realIds, depth)));
  }
  switch (type[0]) {
    case 'string':
      return validString(schema, realIds);
    case 'integer':
    case 'number': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max =
        schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth > 3 || !schema.items) return fc.constant([]);
      const minLength = schema.minItems ?? 0;
      return fc.array(validValue(schema.items, hints, realIds, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)),
      });
    }
    case 'object': {
      if (depth > 3) return fc.constant({});
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) {
        const hint = hints[name];
        const generated = validValue(property, hints, realIds, depth + 1);
        model[name] = hint ? fc.oneof(hint, generated) : generated;
      }
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: JsonSchema, realIds: readonly string[]): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  switch (schema.format) {
    case 'uuid':
      return realIds.length > 0 ? fc.oneof(fc.uuid(), fc.constantFrom(...realIds)) : fc.uuid();
    case 'date-time':
      return plausibleDate.map((date) => date.toISOString());
    case 'date':
      return plausibleDate.map((date) => date.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern, 'u'))
        .filter((text) => text.length >= minLength && text.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot generate from: plain letters and digits fit most of them.
    }
  }
  return fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
    minLength,
    maxLength,
  });
}

const plausibleDate = fc.date({
  min: new Date('2020-01-01'),
  max: new Date('2035-12-31'),
  noInvalidDate: true,
});

/**
 * How one valid value is spoiled: a field set to a bad value, a required field removed, an unknown field
 * added. `at` picks the field, at any depth, by walking the value.
 */
export interface Spoil {
  how: 'set' | 'remove' | 'add';
  at: number;
  value: unknown;
}

export function spoil(value: unknown, { how, at, value: bad }: Spoil): unknown {
  const copy = structuredCloneLoose(value);
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const collect = (node: unknown) => {
    if (node && typeof node === 'object' && !(node instanceof Long) && !(node instanceof Raw)) {
      containers.push(node as Record<string, unknown>);
      for (const child of Object.values(node)) collect(child);
    }
  };
  collect(copy);
  const target = containers[at % Math.max(containers.length, 1)];
  if (!target) return bad;
  const keys = Object.keys(target);
  const key = keys[Math.floor(at / Math.max(containers.length, 1)) % Math.max(keys.length, 1)];
  if (how === 'add' || key === undefined) {
    if (Array.isArray(target)) target.push(bad);
    else target[`unexpected${at % 3}`] = bad;
  } else if (how === 'remove') {
    if (Array.isArray(target)) target.splice(Number(key), 1);
    else delete target[key];
  } else {
    (target as Record<string, unknown>)[key] = bad;
  }
  return copy;
}

function structuredCloneLoose(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCloneLoose);
  if (value && typeof value === 'object' && !(value instanceof Long) && !(value instanceof Raw)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, structuredCloneLoose(child)]),
    );
  }
  return value;
}

/** A value as text in a URL or a form field: strings as they are, anything else as JSON. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Long) return value.toString();
  if (value instanceof Raw) return value.text;
  return JSON.stringify(value) ?? '';
}

/** Percent-encodes a value for a URL, except `Raw` text which goes as it is. */
export function urlEncode(value: unknown): string {
  if (value instanceof Raw) return value.text;
  const bytes = Buffer.from(asText(value), 'utf8');
  let encoded = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The file part of a multipart body. */
export interface BodyFile {
  name: unknown;
  content: 'pdf' | 'png' | 'empty' | 'random' | 'huge';
  type: string;
}

/** A request body, as the fuzz test sends it. */
export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType?: string }
  | { kind: 'raw'; contentType: string | null; payload: string | Long }
  | {
      kind: 'multipart';
      boundary: 'good' | 'missing' | 'empty' | 'mismatched';
      fields: [string, unknown][];
      file: BodyFile | null;
      cut: boolean;
    };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Bodies in the wrong form: not JSON, not the declared type, broken multipart. */
export function wrongBody(realIds: readonly string[], multipartFields: Hints): fc.Arbitrary<Body> {
  const bad = badValue(realIds);
  return fc.oneof(
    fc.constant<Body>({ kind: 'none' }),
    bad.map((value): Body => ({ kind: 'json', value })),
    fc.record({
      kind: fc.constant('raw' as const),
      contentType: fc.constantFrom<string | null>(
        'application/json',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'application/octet-stream',
        'invalid',
        null,
      ),
      payload: fc.oneof(
        fc.constantFrom(
          '',
          '{',
          '{"a":',
          '[1,2',
          'nul',
          '\ufeff{}',
          '{"__proto__":{"x":1}}',
          'a=b&c=%zz',
          '\u0000',
        ),
        anyUnits,
        fc.constantFrom(new Long('[', 10_000), new Long('{"a":', 10_000), new Long('a', 1_100_000)),
      ),
    }),
    multipartBody(realIds, multipartFields),
  );
}

/**
 * Multipart forms: each named field mostly plausible (from `fields`), sometimes bad, sometimes absent,
 * plus unknown fields; a file or none; a boundary right or wrong; the body complete or cut short.
 */
export function multipartBody(realIds: readonly string[], fields: Hints): fc.Arbitrary<Body> {
  const bad = badValue(realIds);
  const named = Object.entries(fields).map(([name, plausible]) =>
    fc.option(
      fc
        .oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: bad })
        .map((value): [string, unknown] => [name, value]),
    ),
  );
  const formFields = fc
    .tuple(fc.tuple(...named), fc.array(fc.tuple(fc.constant('unexpected'), bad), { maxLength: 1 }))
    .map(([known, unknown]) => [...known.filter((field) => field !== null), ...unknown]);
  return fc.record({
    kind: fc.constant('multipart' as const),
    boundary: fc.constantFrom<'good' | 'missing' | 'empty' | 'mismatched'>(
      'good',
      'good',
      'good',
      'missing',
      'empty',
      'mismatched',
    ),
    fields: formFields,
    file: fc.option<BodyFile>(
      fc
        .tuple(
          fc.oneof(fc.constantFrom<unknown>('passport.pdf', 'photo.png'), badValue(realIds)),
          fc.constantFrom<'pdf' | 'png' | 'empty' | 'random' | 'huge'>(
            'pdf',
            'png',
            'empty',
            'random',
            'huge',
          ),
          fc.constantFrom('application/pdf', 'image/png', 'text/plain', 'application/octet-stream'),
        )
        .map(([name, content, type]): BodyFile => ({ name, content, type })),
    ),
    cut: fc.boolean(),
  });
}

/** A multipart form as the web app sends it: every field plausible, a real PDF or PNG, nothing cut. */
export function plausibleMultipart(fields: Hints): fc.Arbitrary<Body> {
  const named = Object.entries(fields).map(([name, plausible]) =>
    plausible.map((value): [string, unknown] => [name, value]),
  );
  return fc.tuple(fc.tuple(...named), fc.constantFrom<'pdf' | 'png'>('pdf', 'png')).map(
    ([formFields, content]): Body => ({
      kind: 'multipart',
      boundary: 'good',
      fields: formFields,
      file: {
        name: content === 'pdf' ? 'passport.pdf' : 'photo.png',
        content,
        type: content === 'pdf' ? 'application/pdf' : 'image/png',
      },
      cut: false,
    }),
  );
}

/** The payload and content type of a body. */
export function encodeBody(body: Body): { payload?: string | Buffer; contentType?: string } {
  switch (body.kind) {
    case 'none':
      return {};
    case 'json':
      return {
        payload: JSON.stringify(body.value) ?? 'null',
        contentType: body.contentType ?? 'application/json',
      };
    case 'raw':
      return {
        payload: body.payload.toString(),
        ...(body.contentType ? { contentType: body.contentType } : {}),
      };
    case 'multipart': {
      const boundary = 'fuzzboundary7f3a';
      const parts: Buffer[] = [];
      for (const [name, value] of body.fields) {
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${asText(value)}\r\n`,
          ),
        );
      }
      if (body.file) {
        const content = {
          pdf: PDF,
          png: PNG,
          empty: Buffer.alloc(0),
          random: Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 73 + 11) % 256)),
          huge: Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]),
        }[body.file.content];
        const name = asText(body.file.name).replaceAll('"', '%22').replaceAll('\r', '').replaceAll('\n', '');
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${body.file.type}\r\n\r\n`,
          ),
          content,
          Buffer.from('\r\n'),
        );
      }
      if (!body.cut) parts.push(Buffer.from(`--${boundary}--\r\n`));
      const contentType = {
        good: `multipart/form-data; boundary=${boundary}`,
        missing: 'multipart/form-data',
        empty: 'multipart/form-data; boundary=',
        mismatched: 'multipart/form-data; boundary=other',
      }[body.boundary];
      return { payload: Buffer.concat(parts), contentType };
    }
  }
}

/** A short, printable account of a text: its start and its end when long, controls escaped. */
export function shorten(text: string, max = 400): string {
  if (text.length <= max) return JSON.stringify(text);
  const tail = Math.floor(max / 4);
  return `${JSON.stringify(text.slice(0, max - tail))}…${JSON.stringify(text.slice(-tail))} (${text.length} chars)`;
}
