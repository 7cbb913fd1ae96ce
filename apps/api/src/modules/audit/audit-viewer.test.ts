import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { type Person, person } from '../../../test/inside-helpers';
import { insertAuditEntry } from './audit.queries';
import { recordAudit } from './audit.service';

type Entry = {
  id: number;
  seq: number | null;
  createdAt: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organisationId: string | null;
  after: unknown;
  ip: string | null;
};
type Page = { items: Entry[]; nextCursor: string | null };

describe('Audit log viewer', () => {
  let t: TestApp;
  let admin: Person;
  let pro: Person;
  let candidate: Person;
  const firm = randomUUID();
  const target = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await person(t.app, t.database, 'admin');
    pro = await person(t.app, t.database, 'pro');
    candidate = await person(t.app, t.database);
    const db = t.database.db;
    await recordAudit(db, {
      actorId: admin.userId,
      action: 'user.suspended',
      subjectType: 'user',
      subjectId: target,
      after: { reason: 'spam' },
      ip: '203.0.113.9',
    });
    await recordAudit(db, {
      actorId: admin.userId,
      action: 'user.tagged',
      subjectType: 'user',
      subjectId: target,
    });
    await recordAudit(db, {
      actorId: pro.userId,
      action: 'dossier.assignment_accepted',
      subjectType: 'dossier',
      organisationId: firm,
    });
    await insertAuditEntry(db, {
      actorId: null,
      action: 'users.purged',
      subjectType: 'system',
      createdAt: new Date('2020-03-01T12:00:00Z'),
    });
    // Cells a spreadsheet would run as formulas, and text that needs quoting.
    await recordAudit(db, {
      actorId: pro.userId,
      action: '@x.test',
      subjectType: '=cmd()',
      after: { note: 'a,b "c"\nd' },
    });
  });
  afterAll(() => t.close());

  const list = async (query = '', who: Person = admin) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit${query}`,
      headers: who.auth,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };

  it('refuses candidates and pros on every route', async () => {
    for (const who of [candidate, pro]) {
      for (const url of ['/api/admin/audit', '/api/admin/audit.csv', '/api/admin/audit/verify']) {
        const response = await t.app.inject({ method: 'GET', url, headers: who.auth });
        expect(response.statusCode, url).toBe(403);
      }
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/audit' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lists entries newest first, with the actor’s name', async () => {
    const page = await list('?limit=100');
    const ids = page.items.map((item) => item.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const suspended = page.items.find((item) => item.action === 'user.suspended');
    expect(suspended).toMatchObject({
      actor: { id: admin.userId, name: `${admin.firstName} ${admin.lastName}`, email: admin.email },
      subjectType: 'user',
      subjectId: target,
      after: { reason: 'spam' },
      ip: '203.0.113.9',
    });
    expect(suspended?.seq).toBeGreaterThan(0);
    expect(page.items.find((item) => item.action === 'users.purged')?.actor).toBeNull();
  });

  it('filters by actor (id or email), action (exact or prefix), target, firm and dates', async () => {
    const actions = async (query: string) => (await list(query)).items.map((item) => item.action).sort();
    expect(await actions(`?actor=${pro.userId}`)).toEqual(
      expect.arrayContaining(['@x.test', 'dossier.assignment_accepted']),
    );
    expect((await list(`?actor=${pro.userId}`)).items.every((item) => item.actor?.id === pro.userId)).toBe(
      true,
    );
    expect(await actions(`?actor=${encodeURIComponent(pro.email.toUpperCase())}`)).toEqual(
      await actions(`?actor=${pro.userId}`),
    );
    expect(await actions('?action=user.suspended')).toEqual(['user.suspended']);
    expect(await actions('?action=user.')).toEqual(['user.suspended', 'user.tagged']);
    expect(await actions('?action=user.*')).toEqual(['user.suspended', 'user.tagged']);
    expect(await actions(`?target=${target}`)).toEqual(['user.suspended', 'user.tagged']);
    expect(await actions(`?firm=${firm}`)).toEqual(['dossier.assignment_accepted']);
    expect(await actions('?from=2020-01-01T00:00:00Z&to=2020-12-31T00:00:00Z')).toEqual(['users.purged']);
    expect(await actions('?to=2020-01-01T00:00:00Z')).toEqual([]);
    expect(await actions(`?actor=${target}`)).toEqual([]);
    expect(await actions('?actor=nobody%40example.com')).toEqual([]);
  });

  it('pages by keyset without repeating or skipping an entry', async () => {
    const all = (await list('?limit=100')).items.map((item) => item.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers 400 to malformed filters', async () => {
    for (const query of [
      '?target=not-a-uuid',
      '?firm=123',
      '?actor=nobody',
      '?from=yesterday',
      '?to=2026-02-30T00:00:00Z',
      '?action=DROP%20TABLE',
      '?limit=1000',
      '?cursor=garbage',
      '?unknown=1',
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/admin/audit${query}`,
        headers: admin.auth,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit.csv?from=nope',
      headers: admin.auth,
    });
    expect(csv.statusCode).toBe(400);
  });

  it('exports CSV: BOM, header, formulas neutralised, cells quoted, and the export audited', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit.csv?actor=${pro.userId}`,
      headers: admin.auth,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-/);
    const body = response.body;
    expect(body.startsWith('\uFEFFid,seq,created_at,actor_id,actor_name,actor_email,action,')).toBe(true);
    const lines = body.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const row = lines.find((line) => line.includes('@x.test')) ?? '';
    expect(row).toContain(`,'@x.test,'=cmd(),`);
    expect(body).toContain('"{""note"":""a,b \\""c\\""\\nd""}"');
    expect(body).not.toContain('dossier.assignment_accepted,user');
    expect(body).not.toContain('user.suspended');

    const [exported] = (
      await t.database.db.execute(
        sql`select actor_id, after from audit_log where action = 'audit.exported' order by id desc limit 1`,
      )
    ).rows as { actor_id: string; after: { filters: Record<string, string> } }[];
    expect(exported).toEqual({ actor_id: admin.userId, after: { filters: { actor: pro.userId } } });
  });

  it('streams a large export in pages', async () => {
    const db = t.database.db;
    await db.execute(
      sql`insert into audit_log (actor_id, action, subject_type) select null, 'bulk.entry', 'system' from generate_series(1, 2500)`,
    );
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit.csv?action=bulk.entry',
      headers: admin.auth,
    });
    expect(response.statusCode).toBe(200);
    const rows = response.body.split('\r\n').filter((line) => line.includes('bulk.entry'));
    expect(rows).toHaveLength(2500);
    expect(new Set(rows).size).toBe(2500);
  });
});
