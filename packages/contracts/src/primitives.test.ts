import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index';
import {
  DATE_OUT_OF_RANGE,
  INT4_MAX,
  INVALID_CHARACTERS,
  isSupportedDay,
  stripControls,
  ZDate,
  ZDateTime,
  ZDateTimeWithOffset,
  ZLine,
  ZString,
  ZStrippedText,
  ZText,
  ZUrl,
} from './primitives';

/** The field error code of a failed parse, as the API reports it (a refinement's own code). */
function codes(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) =>
        issue.code === 'custom' ? String((issue.params as { code?: string })?.code) : issue.code,
      );
}

describe('strings', () => {
  it('single-line text refuses every control character, DEL and lone surrogates', () => {
    for (const bad of ['a\u0000b', 'a\tb', 'a\nb', 'a\rb', '\u001B[31m', 'a\u007Fb', '\uD83D', 'x\uDE00']) {
      expect(codes(ZLine, bad), JSON.stringify(bad)).toEqual([INVALID_CHARACTERS]);
    }
    for (const good of ['Amina Diallo', 'Zoë Ğüneş-Łukasz', '😀 emoji pair', '日本語', '']) {
      expect(ZLine.parse(good)).toBe(good);
    }
  });

  it('multi-line text keeps tab, line feed and carriage return, refuses the other controls', () => {
    expect(ZText.parse('one\r\n\ttwo')).toBe('one\r\n\ttwo');
    for (const bad of ['a\u0000', 'a\u0001', 'a\u000B', 'a\u000C', 'a\u007F', 'a\uD800']) {
      expect(codes(ZText, bad), JSON.stringify(bad)).toEqual([INVALID_CHARACTERS]);
    }
  });

  it('server-written strings refuse only what no column can hold', () => {
    expect(ZString.parse('tab\tand \u0001 kept')).toBe('tab\tand \u0001 kept');
    expect(codes(ZString, 'nul\u0000')).toEqual([INVALID_CHARACTERS]);
    expect(codes(ZString, 'lone\uDBFF')).toEqual([INVALID_CHARACTERS]);
    expect(codes(ZUrl, 'https://example.com/\u0000')).toEqual([INVALID_CHARACTERS]);
  });

  it('layered rules keep working: trim, length, email, the refinement first', () => {
    expect(contracts.ZEmail.parse('  Amina@Example.CA ')).toBe('amina@example.ca');
    expect(codes(contracts.ZEmail, 'amina\u0000@example.ca')).toContain(INVALID_CHARACTERS);
    expect(codes(ZLine.trim().min(1).max(3), 'abcd')).toEqual(['too_big']);
  });

  it('stripping drops controls (tab and line feed kept) and lone surrogates', () => {
    expect(stripControls('a\u0000b\r\n\tc\u007F\uD800😀')).toBe('ab\n\tc😀');
  });

  it('Inside strips instead of refusing: its text never reaches the database with a NUL', () => {
    const body = contracts.ZCreatePostBody.parse({
      title: 'Un\u0000 titre',
      body: 'Bonjour\u0000\r\n\uDC00tout le monde',
      category: 'general',
    });
    expect(body).toMatchObject({ title: 'Un titre', body: 'Bonjour\ntout le monde' });
  });

  it('request bodies refuse a NUL byte in a name, with the field and the code', () => {
    const result = contracts.ZRegisterBody.safeParse({
      role: 'candidate',
      email: 'amina@example.ca',
      password: 'un mot de passe assez long',
      firstName: 'Ami\u0000na',
      lastName: 'Diallo',
      locale: 'fr',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['firstName'], params: { code: INVALID_CHARACTERS } }),
    ]);
  });
});

describe('dates', () => {
  it('days are years 1–9999', () => {
    expect(ZDate.parse('0001-01-01')).toBe('0001-01-01');
    expect(ZDate.parse('9999-12-31')).toBe('9999-12-31');
    expect(codes(ZDate, '0000-12-31')).toEqual([DATE_OUT_OF_RANGE]);
    expect(ZDate.safeParse('10000-01-01').success).toBe(false);
    expect(ZDate.safeParse('+010000-01-01').success).toBe(false);
    expect(ZDate.safeParse('2023-02-29').success).toBe(false);
    expect(isSupportedDay('+010000-01')).toBe(false);
  });

  it('instants are years 1–9999 once in UTC, whatever the offset', () => {
    expect(ZDateTime.parse('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(codes(ZDateTime, '0000-12-31T23:59:59Z')).toEqual([DATE_OUT_OF_RANGE]);
    expect(ZDateTime.safeParse('+275760-09-13T00:00:00.000Z').success).toBe(false);
    expect(codes(ZDateTimeWithOffset, '9999-12-31T23:00:00-05:00')).toEqual([DATE_OUT_OF_RANGE]);
    expect(codes(ZDateTimeWithOffset, '0001-01-01T00:30:00+01:00')).toEqual([DATE_OUT_OF_RANGE]);
    expect(ZDateTimeWithOffset.parse('2026-03-08T02:30:00-05:00')).toBe('2026-03-08T02:30:00-05:00');
  });
});

describe('query integers', () => {
  it('a sequence number beyond int4 is refused, a limit of 1e12 too', () => {
    expect(contracts.ZMessageQuery.safeParse({ before: '1e12' }).success).toBe(false);
    expect(contracts.ZMessageQuery.safeParse({ after: String(INT4_MAX + 1) }).success).toBe(false);
    expect(contracts.ZMessageQuery.parse({ after: String(INT4_MAX) }).after).toBe(INT4_MAX);
    expect(contracts.ZPageQuery.safeParse({ limit: '1e12' }).success).toBe(false);
    expect(contracts.ZReadBody.safeParse({ upToSeq: 1e12 }).success).toBe(false);
  });
});

// ————— Every schema of the contracts is made of these primitives —————

type Checked = z.core.$ZodType;
/** A schema's definition, read generically: each kind of schema keeps its children under its own keys. */
const defOf = (schema: Checked) =>
  schema._zod.def as unknown as Record<string, unknown> & { type: string; checks?: unknown[] };

const primitiveChecks = new Set(
  [ZLine, ZText, ZString, ZUrl, ZDate, ZDateTime, ZDateTimeWithOffset].map(
    (schema) => defOf(schema).checks?.[0],
  ),
);
/** The string under Inside's stripping transform: everything it holds is cleaned before use. */
const strippedBase = defOf(ZStrippedText).in;
/** Formats whose own pattern cannot hold a control character. */
const safeFormats = new Set(['uuid', 'email']);

/** Walks a schema and calls `visit` on every node, with its path from the exported schema. */
function walk(schema: Checked, path: string, visit: (node: Checked, path: string) => void, seen = new Set()) {
  if (seen.has(schema)) return;
  seen.add(schema);
  visit(schema, path);
  const def = defOf(schema);
  const next = (child: unknown, suffix: string) =>
    child &&
    typeof child === 'object' &&
    '_zod' in child &&
    walk(child as Checked, path + suffix, visit, seen);
  if (def.type === 'object') {
    for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) next(child, `.${key}`);
  }
  next(def.element, '[]');
  next(def.innerType, '');
  next(def.in, '');
  next(def.out, '');
  next(def.keyType, '{key}');
  next(def.valueType, '{value}');
  for (const option of (def.options as unknown[] | undefined) ?? []) next(option, '|');
  next(def.left, '&');
  next(def.right, '&');
}

const exported = Object.entries(contracts).flatMap(([name, value]) =>
  value instanceof z.ZodType ? [[name, value as Checked] as const] : [],
);

describe('every schema', () => {
  it('builds its strings on the shared primitives (or a format that cannot hold controls)', () => {
    const bare: string[] = [];
    for (const [name, schema] of exported) {
      walk(schema, name, (node, path) => {
        const def = defOf(node);
        if (def.type !== 'string' || node === strippedBase) return;
        const format = (def as { format?: string }).format;
        if (format && safeFormats.has(format)) return;
        if (!def.checks?.some((check) => primitiveChecks.has(check))) bare.push(path);
      });
    }
    expect(bare).toEqual([]);
  });

  it('bounds every number read from a query string within int4', () => {
    const unbounded: string[] = [];
    for (const [name, schema] of exported) {
      walk(schema, name, (node, path) => {
        if (!(node instanceof z.ZodNumber) || !defOf(node).coerce) return;
        const { minValue, maxValue } = node;
        if (minValue === null || maxValue === null || minValue < -INT4_MAX - 1 || maxValue > INT4_MAX) {
          unbounded.push(path);
        }
      });
    }
    expect(unbounded).toEqual([]);
  });
});
