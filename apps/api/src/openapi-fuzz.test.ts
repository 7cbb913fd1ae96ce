// Over 500 lines: one fuzz run over every operation and role: the accounts, fixtures and restore steps it needs are set up once here.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createTestApp } from '../test/app';
import { STRONG_PASSWORD, signUpAndLogIn } from '../test/auth-helpers';
import { assignedDossier, makeAdmin, multipart, pdfBytes } from '../test/dossier-helpers';
import {
  type Body,
  badFor,
  badValue,
  encodeBody,
  fieldsOf,
  type Hints,
  malformedEscapes,
  multipartBody,
  type Operation,
  operationsOf,
  type Parameter,
  plausibleMultipart,
  type Spoil,
  setAt,
  shorten,
  spoil,
  urlEncode,
  validValue,
  withSchemasInline,
  wrongBody,
} from '../test/fuzz-helpers';
import { samplePost } from '../test/inside-helpers';
import { eventInput } from '../test/live-helpers';
import { verifyPro } from '../test/pro-helpers';
import { proVerifications, users } from './db/schema';
import { signAccessToken } from './lib/tokens';
import { systemClock } from './platform/clock';

/**
 * Every operation of the OpenAPI document the app serves, for every role, receives generated invalid
 * requests (fast-check): wrong types, missing and unknown fields, huge strings, controls, NUL and lone
 * surrogates, out-of-range numbers and dates, forged cursors, ids and tokens, wrong or broken content types,
 * malformed percent-encoding. Whatever comes in, the answer is below 500, and an error is
 * application/problem+json with a string `code` that the document lists for that operation and status (a
 * generated client knows every answer). 1xx–3xx answers are not errors and are not checked further.
 *
 * Reproducible: a fixed seed unless FUZZ_SEED is set; FUZZ_RUNS sets the requests per fault (see faultsOf).
 * A failure prints the operation, the role, the request, the answer, the server's error and the command that
 * replays it. FUZZ_LOG=<file> writes every answer's status there, to see what a run reached.
 */
const seed = Number(process.env.FUZZ_SEED ?? 14_2026);
const runs = Number(process.env.FUZZ_RUNS ?? 4);
/** A file to write one line per answer to (role, operation, fault, status, URL): what a run reached. */
const answersLog = process.env.FUZZ_LOG;

/**
 * Routes the app serves that the document does not describe, and why they are not fuzzed here. Not served
 * to this test at all: the dev mailbox (embedded mode only) and the web app's pages (no build here).
 */
const notFuzzed = [
  {
    method: 'GET',
    url: '/api/ws',
    why: 'WebSocket upgrade: app.inject cannot open one (realtime tests cover it)',
  },
  { method: 'GET', url: '/metrics', why: 'Prometheus text, no input to vary' },
  { method: 'GET', url: '/api/openapi.json', why: 'the document itself, no input' },
  { method: 'GET', url: '/api/docs', why: 'the Swagger UI: static files' },
];

const roles = ['anonymous', 'candidate', 'pro', 'admin'] as const;
type Role = (typeof roles)[number];

/** The error behind each answer of the error handler, by request id, printed with a failure (then forgotten). */
const serverErrors = new Map<string, string>();
// With VAPID keys, a valid push subscription is accepted (without them the route answers 503 PUSH_UNAVAILABLE).
const vapid = webpush.generateVAPIDKeys();
const t = await createTestApp({
  env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
  beforeReady(app) {
    // Only the start of the stack: the whole error may hold a 100k-character input.
    app.addHook('onError', async (request, _reply, error) => {
      serverErrors.set(
        request.id,
        (error.stack ?? error.message).split('\n').slice(0, 6).join('\n').slice(0, 1000),
      );
    });
  },
});
const document = withSchemasInline((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
// Deletions last, so that what they remove is there for the other operations first.
const operations = operationsOf(document).sort(
  (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
);

interface Account {
  userId: string;
  email: string;
  headers: Record<string, string>;
}
const accounts = {} as Record<Exclude<Role, 'anonymous'>, Account>;
/** Real ids by what they name, for path parameters and fields. */
const real: Record<string, string[]> = {};
let allRealIds: string[] = [];
let hints: Hints = {};
/** Bodies known to be accepted, by operation: field faults set on them reach the rules behind the checks. */
let examples: Record<string, unknown> = {};
/** The fields of the multipart forms (document upload), with plausible values. */
let formFields: Hints = {};
let forgedAuthorizations: string[] = [];
let loginCount = 0;

async function logIn(email: string): Promise<Record<string, string>> {
  loginCount += 1;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: STRONG_PASSWORD },
    remoteAddress: `127.42.${(loginCount >> 8) & 255}.${loginCount & 255}`,
  });
  if (response.statusCode !== 200) throw new Error(`login of ${email} failed: ${response.body}`);
  return { authorization: `Bearer ${response.json().accessToken}` };
}

async function inject(options: InjectOptions, expected: number) {
  const response = await t.app.inject(options);
  const { method, url } = options as { method: string; url: string };
  if (response.statusCode !== expected) throw new Error(`setup ${method} ${url}: ${response.body}`);
  return response.json();
}

beforeAll(async () => {
  console.info(
    `OpenAPI fuzz: seed ${seed} (FUZZ_SEED), ${runs} requests per fault, operation and role (FUZZ_RUNS), ${operations.length} operations`,
  );
  const { candidate, pro, dossierId, principalId } = await assignedDossier(t);
  const admin = await signUpAndLogIn(t.app, t.database);
  await makeAdmin(t.database, admin.userId);
  // Month-old members of Inside's trust level 1: the limits and holds of new accounts (posting,
  // inviting, first posts) stay out of the way; the two-factor grace of the pro and the admin still runs.
  await t.database.db.update(users).set({
    createdAt: sql`now() - interval '30 days'`,
    trustLevel: 1,
    twoFactorGraceEndsAt: sql`now() + interval '7 days'`,
  });
  accounts.candidate = { userId: candidate.userId, email: candidate.body.email, headers: candidate.auth };
  accounts.pro = { userId: pro.userId, email: pro.body.email, headers: pro.auth };
  accounts.admin = { userId: admin.userId, email: admin.body.email, headers: await logIn(admin.body.email) };
  const as = (role: Exclude<Role, 'anonymous'>) => accounts[role].headers;

  const programs = (await inject({ method: 'GET', url: '/api/programs' }, 200)).items as {
    id: string;
    items: { id: string }[];
  }[];
  const program = programs.find((one) => one.id === 'express_entry_fsw') ?? programs[0];
  const itemId = program?.items[0]?.id ?? 'none';
  const upload = multipart({ memberId: principalId, itemId }, { name: 'passport.pdf', content: pdfBytes() });
  const document = await inject(
    {
      method: 'POST',
      url: `/api/dossiers/${dossierId}/documents`,
      headers: { ...as('candidate'), ...upload.headers },
      payload: upload.payload,
    },
    201,
  );
  const dependant = await inject(
    {
      method: 'POST',
      url: `/api/dossiers/${dossierId}/members`,
      headers: as('candidate'),
      payload: { role: 'dependant', fullName: 'Awa Diallo', dateOfBirth: '2016-06-01' },
    },
    201,
  );
  const milestone = await inject(
    {
      method: 'POST',
      url: `/api/dossiers/${dossierId}/milestones`,
      headers: as('pro'),
      payload: { kind: 'biometrics_requested' },
    },
    201,
  );
  const post = await inject(
    { method: 'POST', url: '/api/posts', headers: as('candidate'), payload: samplePost() },
    201,
  );
  const comment = await inject(
    {
      method: 'POST',
      url: `/api/posts/${post.id}/comments`,
      headers: as('pro'),
      payload: { body: 'Merci pour ce partage détaillé.' },
    },
    201,
  );
  const event = await inject(
    { method: 'POST', url: '/api/events', headers: as('pro'), payload: eventInput(systemClock) },
    201,
  );
  const word = await inject(
    {
      method: 'POST',
      url: '/api/admin/watched-words',
      headers: as('admin'),
      payload: { word: 'arnaquefuzz', action: 'hold' },
    },
    201,
  );
  await inject(
    {
      method: 'POST',
      url: '/api/dossiers/invitations',
      headers: as('pro'),
      payload: { email: candidate.body.email, programId: program?.id ?? 'express_entry_fsw' },
    },
    202,
  );
  const invitations = await inject(
    { method: 'GET', url: '/api/dossiers/invitations', headers: as('candidate') },
    200,
  );
  const feed = await inject({ method: 'GET', url: '/api/me/calendar-feed', headers: as('candidate') }, 200);
  const feedToken = /\/api\/calendar\/([^/]+)\.ics$/.exec(new URL(feed.url).pathname)?.[1] ?? 'none';
  const { slug } = await inject({ method: 'GET', url: '/api/me/pro-profile', headers: as('pro') }, 200);
  const [verification] = await t.database.db
    .select({ id: proVerifications.id })
    .from(proVerifications)
    .where(eq(proVerifications.userId, pro.userId));
  const sessions: string[] = [];
  for (const role of ['candidate', 'pro', 'admin'] as const) {
    const mine = await inject({ method: 'GET', url: '/api/me/sessions', headers: as(role) }, 200);
    sessions.push(...(mine.items ?? mine).map((session: { id: string }) => session.id));
  }

  Object.assign(real, {
    dossiers: [dossierId],
    members: [principalId, dependant.id],
    milestones: [milestone.id],
    documents: [document.id],
    posts: [post.id],
    comments: [comment.id],
    events: [event.id],
    'watched-words': [word.id],
    invitations: invitations.items.map((one: { id: string }) => one.id),
    verifications: [verification?.id ?? randomUUID()],
    sessions,
    users: [candidate.userId, pro.userId, admin.userId],
    slug: [slug],
    token: [feedToken],
  });
  allRealIds = Object.values(real).flat();
  hints = {
    programId: fc.constantFrom(...programs.map((one) => one.id)),
    itemId: fc.constant(itemId),
    memberId: fc.constant(principalId),
    dossierId: fc.constant(dossierId),
    proId: fc.constant(pro.userId),
    targetId: fc.constantFrom(post.id, comment.id),
    parentId: fc.constant(comment.id),
    documentIds: fc.constant([document.id]),
    timeZone: fc.constantFrom('America/Toronto', 'Europe/Paris'),
    email: fc.emailAddress(),
    password: fc.constant(STRONG_PASSWORD),
  };
  // Dates at the edges of what a column holds too: an expiry computed from them may fall outside.
  const day = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10)),
    },
    { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '9999-12-31', '9999-12-30', '1582-10-10') },
  );
  examples = {
    'POST /api/events': eventInput(systemClock),
    'PATCH /api/events/{id}': { title: 'Réussir son Entrée express', capacity: 50 },
    'POST /api/posts': samplePost(),
    'PATCH /api/posts/{id}': { title: 'Mon parcours Entrée express, suite' },
    'POST /api/posts/{id}/comments': { body: 'Merci, très utile.' },
    'POST /api/dossiers': { programId: program?.id ?? 'express_entry_fsw' },
    'POST /api/dossiers/{id}/members': {
      role: 'dependant',
      fullName: 'Awa Diallo',
      dateOfBirth: '2016-06-01',
    },
    'POST /api/dossiers/{id}/milestones': { kind: 'medical_requested', date: '2027-01-15' },
    'POST /api/dossiers/{id}/messages': { clientId: randomUUID(), body: 'Bonjour, voici mon passeport.' },
    'POST /api/dossiers/{id}/notes': { body: 'Appeler la cliente lundi.' },
  };
  formFields = {
    memberId: fc.constant(principalId),
    itemId: fc.constantFrom(...programs.flatMap((one) => one.items.map((item) => item.id))),
    issueDate: day,
    expiryDate: day,
  };
  const signed = (secret: Uint8Array, at: Date) =>
    signAccessToken(
      { id: admin.userId, role: 'admin', sessionId: randomUUID(), emailVerified: true },
      secret,
      at,
    );
  const unsignedHeader = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
  const claims = Buffer.from(JSON.stringify({ sub: admin.userId, role: 'admin' })).toString('base64url');
  const yesterday = new Date(systemClock.now().getTime() - 24 * 3600_000);
  forgedAuthorizations = [
    'Bearer ',
    'Bearer x',
    'Bearer a.b.c',
    `Bearer ${unsignedHeader}.${claims}.`,
    `Bearer ${await signed(new TextEncoder().encode('not-the-secret-of-this-app-at-all-32+'), systemClock.now())}`,
    // The app's own signature, for a session that does not exist, and an expired one.
    `Bearer ${await signed(t.app.deps.config.jwtSecret, systemClock.now())}`,
    `Bearer ${await signed(t.app.deps.config.jwtSecret, yesterday)}`,
    `Bearer ${'a'.repeat(10_000)}`,
    'Basic YTpi',
    'bearer',
  ];
}, 120_000);

afterAll(async () => {
  await t.close();
});

/** Roles whose session a request may have ended (a 401 to their own token): logged in again after the operation. */
const sessionsToRenew = new Set<Exclude<Role, 'anonymous'>>();

/** Puts things back after each operation: the rate-limit windows, the pro's licence, ended sessions. */
async function restore(operation: Operation) {
  await t.database.db.execute(sql`delete from rate_limits`);
  if (operation.path.includes('verification')) await verifyPro(t, accounts.pro.userId);
  if (operation.path.startsWith('/api/admin/users')) {
    // An admin's action may have suspended, banned or silenced the accounts (ending their sessions).
    await t.database.db.execute(sql`update users set status = 'active', suspended_until = null,
      suspension_reason = null, banned_at = null, silenced_until = null`);
    for (const role of ['candidate', 'pro'] as const) sessionsToRenew.add(role);
  }
  for (const role of sessionsToRenew) accounts[role].headers = await logIn(accounts[role].email);
  sessionsToRenew.clear();
}

interface FuzzRequest {
  /** `role`: the role's own token; a string: a forged Authorization header; null: none. */
  authorization: 'role' | string | null;
  cookie: unknown;
  path: Record<string, unknown>;
  query: [string, unknown][];
  /** Headers a client may send oddly (what an HTTP parser lets through: no controls). */
  headers: [string, string][];
  body: Body;
}

/** What a path parameter names, from its name or the segment before it (`/posts/{id}` → posts). */
function realFor(path: string, parameter: string): string[] {
  if (parameter === 'memberId') return real.members ?? [];
  if (parameter === 'milestoneId') return real.milestones ?? [];
  if (parameter === 'userId') return real.users ?? [];
  if (parameter === 'slug' || parameter === 'token') return real[parameter] ?? [];
  if (path.startsWith('/api/admin/moderation/')) return [...(real.posts ?? []), ...(real.comments ?? [])];
  const segments = path.split('/');
  const before = segments[segments.indexOf(`{${parameter}}`) - 1] ?? '';
  return real[before] ?? [];
}

/** Requests with one kind of fault, named for the report. */
interface Fault {
  name: string;
  requests: fc.Arbitrary<FuzzRequest>;
  /** Runs relative to FUZZ_RUNS. */
  share: number;
}

/**
 * The faults tried on one operation as one role. Each is one place (a path parameter, a query parameter,
 * a body field, the body's form, the credentials) given a bad value fit for what is there, the rest of the
 * request being right, so that the fault reaches the code behind the checks; each is tried FUZZ_RUNS times.
 * Then requests wrong everywhere at once, and right ones (the happy path must hold too).
 */
function faultsOf(operation: Operation, role: Role): Fault[] {
  const bad = badValue(allRealIds);
  const pathParameters = operation.parameters.filter((one) => one.in === 'path');
  const queryParameters = operation.parameters.filter((one) => one.in === 'query');
  const validPath = (parameter: Parameter) => {
    const owned = realFor(operation.path, parameter.name);
    return owned.length > 0 ? fc.constantFrom(...owned) : validValue(parameter.schema, hints, allRealIds);
  };
  let validBody: fc.Arbitrary<Body> = fc.constant({ kind: 'none' });
  if (operation.body) {
    const example = examples[`${operation.method} ${operation.path}`];
    const generated = validValue(operation.body, hints, allRealIds);
    validBody = (example === undefined ? generated : fc.oneof(fc.constant(example), generated)).map(
      (value): Body => ({ kind: 'json', value }),
    );
  } else if (operation.multipart) {
    validBody = plausibleMultipart(formFields);
  }
  const valid: fc.Arbitrary<FuzzRequest> = fc.record({
    authorization: fc.constant(role === 'anonymous' ? null : 'role'),
    cookie: fc.constant(null),
    path: fc.record(
      Object.fromEntries(pathParameters.map((parameter) => [parameter.name, validPath(parameter)])),
    ),
    query: fc
      .tuple(
        ...queryParameters.map((parameter) =>
          fc.option(
            validValue(parameter.schema, hints, allRealIds).map((value): [string, unknown] => [
              parameter.name,
              value,
            ]),
          ),
        ),
      )
      .map((pairs) => pairs.filter((pair) => pair !== null)),
    headers: fc.constant<[string, string][]>([]),
    body: validBody,
  });
  /** The valid request with one change. */
  const withOne = <T>(change: fc.Arbitrary<T>, apply: (request: FuzzRequest, value: T) => FuzzRequest) =>
    fc.tuple(valid, change).map(([request, value]) => apply(request, value));

  const bodyValue = (request: FuzzRequest) => (request.body as { value: unknown }).value;
  const faults: Fault[] = [
    { name: 'a valid request', requests: valid, share: 1 },
    { name: 'several faults at once', requests: chaos(operation, role), share: 2 },
    {
      name: 'forged credentials',
      requests: withOne(fc.constantFrom(...forgedAuthorizations), (request, authorization) => ({
        ...request,
        authorization,
      })),
      share: 1,
    },
    {
      name: 'a bad refresh cookie',
      requests: withOne(bad, (request, cookie) => ({ ...request, cookie })),
      share: 1,
    },
    {
      name: 'a body of the wrong form',
      requests: withOne(wrongBody(allRealIds, formFields), (request, body) => ({ ...request, body })),
      share: 2,
    },
    {
      name: 'odd headers',
      requests: withOne(oddHeaders, (request, headers) => ({ ...request, headers })),
      share: 1,
    },
    {
      name: 'an unknown query parameter',
      requests: withOne(
        fc.tuple(fc.constantFrom('unexpected', 'a[b]', '__proto__'), bad),
        (request, pair) => ({
          ...request,
          query: [...request.query, pair],
        }),
      ),
      share: 1,
    },
  ];
  for (const parameter of pathParameters) {
    const value = fc.oneof(
      { weight: 4, arbitrary: badFor(parameter.schema, parameter.name, allRealIds) },
      { weight: 2, arbitrary: malformedEscapes },
      { weight: 1, arbitrary: fc.constantFrom(...allRealIds) },
    );
    faults.push({
      name: `path parameter ${parameter.name}`,
      requests: withOne(value, (request, v) => ({
        ...request,
        path: { ...request.path, [parameter.name]: v },
      })),
      share: 1,
    });
  }
  for (const parameter of queryParameters) {
    const value = fc.oneof(
      { weight: 4, arbitrary: badFor(parameter.schema, parameter.name, allRealIds) },
      { weight: 1, arbitrary: malformedEscapes },
    );
    faults.push({
      name: `query parameter ${parameter.name}`,
      requests: withOne(fc.tuple(value, fc.boolean()), (request, [v, twice]) => ({
        ...request,
        // Given twice, a parameter arrives as an array.
        query: [...request.query.filter(([name]) => twice || name !== parameter.name), [parameter.name, v]],
      })),
      share: 1,
    });
  }
  if (operation.body) {
    for (const field of fieldsOf(operation.body)) {
      faults.push({
        name: `body field ${field.at.join('.')}`,
        requests: withOne(badFor(field.schema, field.name, allRealIds), (request, v) => ({
          ...request,
          body: { kind: 'json', value: setAt(bodyValue(request), field.at, v) },
        })),
        share: 1,
      });
    }
    faults.push(
      {
        name: 'a body field missing or unknown',
        requests: withOne(
          fc.record<Spoil>({ how: fc.constantFrom('remove', 'add'), at: fc.nat(60), value: bad }),
          (request, how) => ({ ...request, body: { kind: 'json', value: spoil(bodyValue(request), how) } }),
        ),
        share: 1,
      },
      {
        name: 'a JSON body of the wrong type',
        requests: withOne(bad, (request, value) => ({ ...request, body: { kind: 'json', value } })),
        share: 1,
      },
    );
  }
  if (operation.multipart || ['POST', 'PUT', 'PATCH'].includes(operation.method)) {
    faults.push({
      name: 'a multipart form, right or broken',
      requests: withOne(multipartBody(allRealIds, formFields), (request, body) => ({ ...request, body })),
      share: operation.multipart ? 4 : 1,
    });
  }
  return faults;
}

/** Header values an HTTP parser accepts (visible ASCII, Latin-1 bytes), long or odd. */
const headerText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'é',
    '\u00ff\u00fe',
    '*',
    '"x"',
    'W/"x"',
    'fr;q=NaN, *;q=2',
    'x'.repeat(8000),
    '%00%ED%A0%80',
  ),
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((code) => code !== 0x7f)
      .map((code) => String.fromCharCode(code)),
    maxLength: 60,
  }),
);
const oddHeaders: fc.Arbitrary<[string, string][]> = fc.uniqueArray(
  fc.tuple(
    fc.constantFrom(
      'user-agent',
      'x-request-id',
      'if-none-match',
      'accept-language',
      'x-forwarded-for',
      'origin',
      'referer',
      'accept',
      'range',
    ),
    headerText,
  ),
  { minLength: 1, maxLength: 3, selector: ([name]) => name },
);

/** Requests wrong in several places at once. */
function chaos(operation: Operation, role: Role): fc.Arbitrary<FuzzRequest> {
  const bad = badValue(allRealIds);
  const forged = fc.constantFrom(...forgedAuthorizations);
  const path: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of operation.parameters.filter((one) => one.in === 'path')) {
    const owned = realFor(operation.path, parameter.name);
    path[parameter.name] = fc.oneof(
      owned.length > 0 ? fc.constantFrom(...owned) : fc.constantFrom(...allRealIds),
      bad,
      malformedEscapes,
    );
  }
  const queryParameters = operation.parameters.filter((one) => one.in === 'query');
  const query = fc
    .tuple(
      ...queryParameters.map((parameter) =>
        fc.option(
          fc
            .oneof(validValue(parameter.schema, hints, allRealIds), bad, malformedEscapes)
            .map((value): [string, unknown] => [parameter.name, value]),
        ),
      ),
    )
    .map((pairs) => pairs.filter((pair) => pair !== null));
  const body = operation.body
    ? fc
        .record({
          value: validValue(operation.body, hints, allRealIds),
          spoil: fc.record<Spoil>({
            how: fc.constantFrom('set', 'set', 'remove', 'add'),
            at: fc.nat(60),
            value: bad,
          }),
        })
        .map(({ value, spoil: how }): Body => ({ kind: 'json', value: spoil(value, how) }))
    : wrongBody(allRealIds, formFields);
  return fc.record({
    headers: fc.oneof(fc.constant<[string, string][]>([]), oddHeaders),
    authorization: role === 'anonymous' ? fc.option(forged) : fc.oneof(fc.constant('role'), forged),
    cookie: fc.option(bad, { freq: 4 }),
    path: fc.record(path),
    query,
    body,
  });
}

function describeRequest(options: {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}) {
  const payload =
    options.payload === undefined ? '' : ` payload ${shorten(options.payload.toString('latin1'))}`;
  const headers = Object.entries(options.headers).map(([name, value]) => `${name}: ${shorten(value, 80)}`);
  return `${options.method} ${shorten(options.url, 300)} headers {${headers.join(', ')}}${payload}`;
}

/** Why an answer breaks the rule, or undefined when it keeps it. */
function breach(response: LightMyRequestResponse, operation: Operation): string | undefined {
  if (response.statusCode >= 500) return `a server error (${response.statusCode})`;
  if (response.statusCode < 400) return undefined;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    return `an error that is not problem+json (${type || 'no content type'})`;
  let code: unknown;
  try {
    code = (JSON.parse(response.body) as { code?: unknown }).code;
  } catch {
    return 'a problem+json body that is not JSON';
  }
  if (typeof code !== 'string') return 'a problem without a string `code`';
  // A generated client knows every answer: the document lists this code under this status.
  if (operation && operation.problems.size > 0 && !operation.problems.get(response.statusCode)?.has(code))
    return `a problem the document does not list (${response.statusCode} ${code})`;
  return undefined;
}

const ANSWER_WITHIN_MS = 10_000;

async function send(operation: Operation, role: Role, fault: string, request: FuzzRequest) {
  let url = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => urlEncode(request.path[name]));
  if (request.query.length > 0) {
    url += `?${request.query.map(([name, value]) => `${urlEncode(name)}=${urlEncode(value)}`).join('&')}`;
  }
  const { payload, contentType } = encodeBody(request.body);
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  if (request.authorization === 'role' && role !== 'anonymous')
    Object.assign(headers, accounts[role].headers);
  else if (request.authorization !== null && request.authorization !== 'role')
    headers.authorization = request.authorization;
  if (request.cookie !== null) headers.cookie = `capitune_refresh=${urlEncode(request.cookie)}`;
  if (contentType) headers['content-type'] = contentType;
  const options = { method: operation.method, url, headers, ...(payload !== undefined ? { payload } : {}) };
  const answered = t.app.inject(options as InjectOptions);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  try {
    const response = await Promise.race([answered, late]);
    if (answersLog) {
      appendFileSync(
        answersLog,
        `${role} ${operation.method} ${operation.path} ${fault}: ${response.statusCode} ${shorten(url, 200)}\n`,
      );
    }
    if (response.statusCode === 401 && request.authorization === 'role' && role !== 'anonymous') {
      sessionsToRenew.add(role);
    }
    const why = breach(response, operation);
    const requestId = String(response.headers['x-request-id']);
    const error = serverErrors.get(requestId);
    serverErrors.delete(requestId);
    if (!why) return;
    throw new Error(
      [
        `${operation.method} ${operation.path} as ${role}, ${fault}: got ${why}`,
        `request: ${describeRequest(options)}`,
        `response: ${response.statusCode} ${response.headers['content-type'] ?? ''} ${shorten(response.body, 600)}`,
        ...(error ? [`server error: ${error}`] : []),
        reproduce(operation, role),
      ].join('\n'),
    );
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('no answer')) {
      throw new Error(
        [
          `${operation.method} ${operation.path} as ${role}, ${fault}: ${error.message}`,
          `request: ${describeRequest(options)}`,
          reproduce(operation, role),
        ].join('\n'),
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const reproduce = (operation: Operation, role: Role) =>
  `reproduce: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npx vitest run --project api apps/api/src/openapi-fuzz.test.ts -t '${operation.method} ${operation.path} as ${role}'`;

/** A seed of its own for each operation, role and fault, all drawn from the one seed. */
function seedFor(name: string): number {
  let hash = seed | 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

describe('the OpenAPI document', () => {
  it('describes every route but the few that cannot be fuzzed, which exist', () => {
    expect(operations.length).toBeGreaterThan(100);
    for (const route of notFuzzed) {
      expect(t.app.hasRoute({ method: route.method as 'GET', url: route.url }), route.url).toBe(true);
      expect(document.paths[route.url], route.url).toBeUndefined();
    }
  });

  it('paths it does not have are answered with a problem too', async () => {
    const segment = fc.oneof(
      fc.constantFrom('api', 'dossiers', 'me', '..', '.', '', 'openapi.json'),
      malformedEscapes.map(urlEncode),
      badValue(allRealIds).map(urlEncode),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.limitShrink(
          fc.record({
            method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
            segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
          }),
          10,
        ),
        ({ method, segments }) => {
          const unknown = {
            method,
            path: `/api/${segments.join('/')}`,
            parameters: [],
            body: undefined,
            multipart: false,
            secured: false,
            // Not an operation of the document: any problem code will do.
            problems: new Map(),
          };
          return send(unknown, 'anonymous', 'a path the API does not have', {
            authorization: null,
            cookie: null,
            path: {},
            query: [],
            headers: [],
            body: { kind: 'none' },
          });
        },
      ),
      { seed: seedFor('unknown paths'), numRuns: runs * 25 },
    );
  });
});

for (const operation of operations) {
  describe(`${operation.method} ${operation.path}`, () => {
    for (const role of roles) {
      it(`as ${role}: no 5xx, every error a problem with a code`, async () => {
        // Without credentials a signed-in route stops at 401 whatever follows: one request per fault tells as much.
        const alwaysRefused = role === 'anonymous' && operation.secured;
        try {
          for (const fault of faultsOf(operation, role)) {
            await fc.assert(
              fc.asyncProperty(fc.limitShrink(fault.requests, 10), (request) =>
                send(operation, role, fault.name, request),
              ),
              {
                seed: seedFor(`${role} ${operation.method} ${operation.path} ${fault.name}`),
                numRuns: alwaysRefused ? 1 : Math.max(1, Math.round(runs * fault.share)),
                // Bounds the shrinking of a request that hangs (each try waits ANSWER_WITHIN_MS): the failure
                // found is reported all the same, and runs cut short fail rather than pass unseen.
                interruptAfterTimeLimit: 40_000,
                markInterruptAsFailure: true,
              },
            );
          }
        } finally {
          await restore(operation);
        }
      }, 180_000);
    }
  });
}
