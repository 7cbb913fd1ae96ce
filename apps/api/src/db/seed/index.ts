import { hashPassword } from '../../lib/password';
import type { Database } from '../../platform/db/database';
import { users } from '../schema';
import { demoAccounts, demoPassword } from './demo-accounts';
import { demoEvents, seedDemoEvents } from './demo-events';

/**
 * Seeds the demo data. Idempotent: rows that exist are left as they are, so a second start changes
 * nothing and a demo user's own edits survive restarts.
 */
export async function seedDemoData(db: Database): Promise<{ created: number; events: number }> {
  const passwordHash = await hashPassword(demoPassword);
  const now = new Date();
  const inserted = await db
    .insert(users)
    .values(demoAccounts.map((account) => ({ ...account, passwordHash, emailVerifiedAt: now })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return { created: inserted.length, events: await seedDemoEvents(db, now) };
}

export { demoAccounts, demoEvents, demoPassword };
