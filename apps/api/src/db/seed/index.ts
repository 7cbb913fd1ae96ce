import { hashPassword } from '../../lib/password';
import type { Database } from '../../platform/db/database';
import type { BlobStore } from '../../platform/storage/blob-store';
import { users } from '../schema';
import { demoAccounts, demoPassword, demoPro } from './demo-accounts';
import { demoEvents, seedDemoEvents } from './demo-events';
import { demoPros, demoReviewers, seedDemoPros } from './demo-pros';

/**
 * Seeds the demo data. Idempotent: rows that exist are left as they are, so a second start changes
 * nothing and a demo user's own edits survive. With the BlobStore, the demo pros' evidence files
 * (register captures, identity documents) are written too.
 */
export async function seedDemoData(
  db: Database,
  options: { storage?: BlobStore } = {},
): Promise<{ created: number; events: number }> {
  const passwordHash = await hashPassword(demoPassword);
  const now = new Date();
  const inserted = await db
    .insert(users)
    .values(demoAccounts.map((account) => ({ ...account, passwordHash, emailVerifiedAt: now })))
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  // The pros (firms, verification files, profiles) and the reviews of their clients.
  await seedDemoPros(db, { now, passwordHash, ...(options.storage ? { storage: options.storage } : {}) });
  return { created: inserted.length, events: await seedDemoEvents(db, now) };
}

export { demoAccounts, demoEvents, demoPassword, demoPro, demoPros, demoReviewers };
