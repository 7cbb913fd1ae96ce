import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { registration, signUpAndLogIn } from '../../test/auth-helpers';
import { multipart, pdfBytes } from '../../test/dossier-helpers';
import { createPost, person } from '../../test/inside-helpers';
import { encodeCursor } from './cursor';

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

function expectFieldError(response: Response, path: string, code: string) {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json()).toMatchObject({
    code: 'VALIDATION_FAILED',
    errors: expect.arrayContaining([expect.objectContaining({ path, code })]),
  });
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const someId = '8f6c2f8e-3b1a-4c55-9d6e-2a7b1c0d9e4f';

/** Cursors no page of the API ever gave: each must be answered 400 INVALID_CURSOR, never read. */
const forgedCursors = {
  'random base64': base64url('just some bytes \u0001\u00ff'),
  'not base64url at all': '!!!not*base64!!!',
  'base64 of invalid UTF-8': Buffer.from([0xc3, 0x28, 0xa0, 0xa1]).toString('base64url'),
  'padded base64': `${encodeCursor({ at: new Date('2026-01-01T00:00:00Z'), id: someId })}==`,
  'a huge year': base64url(`+275760-09-13T00:00:00.000Z|${someId}`),
  'year 0': base64url(`0000-12-31T00:00:00.000Z|${someId}`),
  'an impossible day': base64url(`2026-02-30T00:00:00.000Z|${someId}`),
  'an id that is no uuid': base64url('2026-01-01T00:00:00.000Z|------------------------------------'),
  'a NUL in the id': base64url(`2026-01-01T00:00:00.000Z|${someId.slice(0, -1)}\u0000`),
  'JSON garbage': encodeCursor(['0000-01-01T00:00:00.000Z', someId, 0, '2026-01-01T00:00:00.000Z', someId]),
  'a rank beyond real': encodeCursor(['f', 1e300, someId]),
};

describe('clean input: text, dates, integers and cursors never reach the database unchecked', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a NUL byte in a sign-up name is a 400 on the field, not a 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ firstName: 'Ami\u0000na' }),
    });
    expectFieldError(response, 'body.firstName', 'invalid_characters');
  });

  it('a lone surrogate bound for a jsonb column is a 400, as is a tab in a single-line field', async () => {
    const candidate = await signUpAndLogIn(t.app, t.database);
    // JSON.stringify writes a lone surrogate as the escape `\ud800`, which PostgreSQL's jsonb refuses.
    const goals = await t.app.inject({
      method: 'PUT',
      url: '/api/me/goals',
      headers: { ...candidate.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({
        targetProgram: null,
        targetProvince: null,
        targetDate: null,
        notes: 'a\uD800b',
      }),
    });
    expectFieldError(goals, 'body.notes', 'invalid_characters');
    const me = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: candidate.auth,
      payload: { lastName: 'Dia\tllo' },
    });
    expectFieldError(me, 'body.lastName', 'invalid_characters');
  });

  it('Inside drops control characters from a post (its rule) and refuses them in a search', async () => {
    const author = await person(t.app, t.database);
    const post = await createPost(t.app, author, {
      title: 'Titre\u0000 propre',
      body: 'Un corps\u0000 avec un NUL et une moitié d’emoji \uD83D.',
    });
    expect(post.title).toBe('Titre propre');
    const [stored] = (
      await t.database.db.execute<{ body_source: string }>(
        sql`select body_source from posts where id = ${post.id}`,
      )
    ).rows;
    expect(stored?.body_source).toBe('Un corps avec un NUL et une moitié d’emoji .');
    const search = await t.app.inject({ method: 'GET', url: '/api/posts?q=visa%00' });
    expectFieldError(search, 'query.q', 'invalid_characters');
  });

  it('dates outside years 1–9999 are a 400, typed or computed by the server', async () => {
    const candidate = await signUpAndLogIn(t.app, t.database);
    const dossier = (
      await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'express_entry_fsw' },
      })
    ).json();
    for (const date of ['10000-01-01', '0000-12-31']) {
      const milestone = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/milestones`,
        headers: candidate.auth,
        payload: { kind: 'biometrics_requested', date },
      });
      expect(milestone.statusCode, date).toBe(400);
      expect(milestone.json().code).toBe('VALIDATION_FAILED');
    }
    const events = await t.app.inject({
      method: 'GET',
      url: '/api/events?from=0001-01-01T00:00:00%2B01:00&to=0001-01-02T00:00:00Z',
    });
    expectFieldError(events, 'query.from', 'date_out_of_range');
    for (const [from, to] of [
      ['0001-01-01T00:00:00Z', '0001-01-02T00:00:00Z'],
      ['9999-12-30T00:00:00Z', '9999-12-31T23:59:59.999Z'],
    ]) {
      const edge = await t.app.inject({ method: 'GET', url: `/api/events?from=${from}&to=${to}` });
      expect(edge.statusCode, edge.body).toBe(200);
    }

    // A language test is valid 24 months: issued in June 9999, it would expire in year 10001.
    const form = multipart(
      {
        itemId: 'express_entry_fsw.language_test',
        memberId: dossier.members[0].id,
        issueDate: '9999-06-01',
      },
      { name: 'ielts.pdf', content: pdfBytes() },
    );
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/documents`,
      headers: { ...candidate.auth, ...form.headers },
      payload: form.payload,
    });
    expectFieldError(upload, 'body.issueDate', 'date_out_of_range');
    const [{ count } = { count: -1 }] = (
      await t.database.db.execute<{ count: number }>(
        sql`select count(*)::int as count from documents where dossier_id = ${dossier.id}`,
      )
    ).rows;
    expect(count).toBe(0);

    // A renewal date of 31 December 9999 would put the end of its grace in year 10000.
    const admin = await person(t.app, t.database, 'admin');
    const decision = await t.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${someId}/decision`,
      headers: admin.auth,
      payload: {
        decision: 'approve',
        reason: 'Inscrit au registre, en règle',
        registerEntry: {
          nameOnRegister: 'Amina Diallo',
          statusOnRegister: 'Active',
          entitledToPractise: true,
        },
        renewalDate: '9999-12-20',
        nextCheckDate: '9999-12-20',
      },
    });
    expectFieldError(decision, 'body.renewalDate', 'date_out_of_range');
  });

  it('integers in a query string stay within their column type', async () => {
    const candidate = await signUpAndLogIn(t.app, t.database);
    const dossier = (
      await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'express_entry_fsw' },
      })
    ).json();
    const limit = await t.app.inject({
      method: 'GET',
      url: '/api/notifications?limit=1e12',
      headers: candidate.auth,
    });
    expectFieldError(limit, 'query.limit', 'too_big');
    for (const query of ['before=1e12', 'after=2147483648']) {
      const messages = await t.app.inject({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/messages?${query}`,
        headers: candidate.auth,
      });
      expect(messages.statusCode, query).toBe(400);
      expect(messages.json().code).toBe('VALIDATION_FAILED');
    }
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/messages/read`,
      headers: candidate.auth,
      payload: { upToSeq: 1e12 },
    });
    expectFieldError(read, 'body.upToSeq', 'too_big');
  });

  it('a forged cursor is a 400 INVALID_CURSOR on every kind of list', async () => {
    const candidate = await person(t.app, t.database);
    const admin = await person(t.app, t.database, 'admin');
    const post = await createPost(t.app, candidate);
    const lists = [
      { url: '/api/notifications', headers: candidate.auth },
      { url: '/api/dossiers', headers: candidate.auth },
      // An admin's page of dossiers is empty: its cursor is still checked.
      { url: '/api/dossiers', headers: admin.auth },
      { url: '/api/posts' },
      { url: '/api/posts?sort=top' },
      { url: '/api/posts?q=parcours' },
      { url: `/api/posts/${post.id}/comments` },
      { url: '/api/events' },
      { url: '/api/pros' },
      { url: '/api/pros?sort=newest' },
    ];
    for (const list of lists) {
      for (const [name, cursor] of Object.entries(forgedCursors)) {
        const separator = list.url.includes('?') ? '&' : '?';
        const response = await t.app.inject({
          method: 'GET',
          url: `${list.url}${separator}cursor=${encodeURIComponent(cursor)}`,
          ...(list.headers ? { headers: list.headers } : {}),
        });
        expect(response.statusCode, `${list.url} with ${name}: ${response.body}`).toBe(400);
        expect(response.json()).toMatchObject({
          code: 'INVALID_CURSOR',
          errors: [{ path: 'query.cursor', code: 'invalid_cursor' }],
        });
      }
    }
    // The cursors the API writes still lead to the next page.
    await createPost(t.app, candidate);
    const first = (await t.app.inject({ method: 'GET', url: '/api/posts?limit=1' })).json();
    const next = await t.app.inject({ method: 'GET', url: `/api/posts?limit=1&cursor=${first.nextCursor}` });
    expect(next.statusCode).toBe(200);
    expect(next.json().items[0].id).not.toBe(first.items[0].id);
  });
});
