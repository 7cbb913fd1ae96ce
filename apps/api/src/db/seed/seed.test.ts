import { parseStreamLink } from '@capitune/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { verifyPassword } from '../../lib/password';
import { users } from '../schema';
import { demoAccounts, demoEvents, demoPassword, seedDemoData } from '.';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates the demo accounts once, with argon2id password hashes', async () => {
    expect(await seedDemoData(t.database.db)).toEqual({
      created: demoAccounts.length,
      events: demoEvents.length,
    });
    expect(await seedDemoData(t.database.db)).toEqual({ created: 0, events: 0 });
    const rows = await t.database.db.select().from(users);
    expect(rows.map((row) => row.email).sort()).toEqual(demoAccounts.map((account) => account.email).sort());
    for (const row of rows) {
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.passwordHash, demoPassword)).toBe(true);
      expect(row.emailVerifiedAt).toBeInstanceOf(Date);
    }
  });

  it('gives the demo pro upcoming webinars with valid stream links, shown in the Live list', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/events?limit=100' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { title: string; status: string; host: { firstName: string } }[];
    expect(items.map((item) => item.title)).toEqual(demoEvents.map((demo) => demo.title));
    for (const item of items) {
      expect(item.status).toBe('scheduled');
      expect(item.host.firstName).toBe('Julien');
    }
    for (const demo of demoEvents) expect(parseStreamLink(demo.streamUrl)?.provider).toBe('youtube');
  });

  it('gives the demo pro a firm, so candidates can find them', async () => {
    const pros = await t.app.inject({ method: 'GET', url: '/api/pros' }); // needs a signed-in user: 401
    expect(pros.statusCode).toBe(401);
    const rows = await t.database.db.execute(
      (await import('drizzle-orm'))
        .sql`select u.licence_number, o.name from users u join organisations o on o.id = u.organisation_id where u.email = 'pro@demo.capitune.ca'`,
    );
    expect(rows.rows).toEqual([{ licence_number: 'R700123', name: 'Tremblay Immigration' }]);
  });

  it('stores emails case-insensitively', async () => {
    const [row] = await t.database.db
      .select()
      .from(users)
      .where((await import('drizzle-orm')).eq(users.email, 'CANDIDAT@demo.capitune.ca'));
    expect(row?.role).toBe('candidate');
  });
});
