import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { verifyPassword } from '../../lib/password';
import { users } from '../schema';
import { demoAccounts, demoPassword, seedDemoData } from '.';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates the demo accounts once, with argon2id password hashes', async () => {
    expect(await seedDemoData(t.database.db)).toEqual({ created: demoAccounts.length });
    expect(await seedDemoData(t.database.db)).toEqual({ created: 0 });
    const rows = await t.database.db.select().from(users);
    expect(rows.map((row) => row.email).sort()).toEqual(demoAccounts.map((account) => account.email).sort());
    for (const row of rows) {
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.passwordHash, demoPassword)).toBe(true);
      expect(row.emailVerifiedAt).toBeInstanceOf(Date);
    }
  });

  it('stores emails case-insensitively', async () => {
    const [row] = await t.database.db
      .select()
      .from(users)
      .where((await import('drizzle-orm')).eq(users.email, 'CANDIDAT@demo.capitune.ca'));
    expect(row?.role).toBe('candidate');
  });
});
