import { hashPassword } from '../../lib/password';
import type { Database } from '../../platform/db/database';
import type { BlobStore } from '../../platform/storage/blob-store';
import { users } from '../schema';
import { demoAccounts, demoPassword, demoPro, demoProPastGrace } from './demo-accounts';
import { seedDemoConsents } from './demo-consents';
import { demoCandidates, seedDemoDossiers } from './demo-dossiers';
import { demoEvents, demoPastEvents, seedDemoEvents, seedDemoLiveHistory } from './demo-events';
import { seedDemoInside } from './demo-inside';
import { demoPosts } from './demo-inside-posts';
import { demoPros, demoReviewers, seedDemoPros } from './demo-pros';

/**
 * Seeds the demo data: accounts, pros, dossiers in progress with their documents and conversations,
 * Inside's posts and Live's webinars, dated from `now` so that the demo looks current on a first start.
 * Idempotent: rows that exist are left as they are, so a second start changes nothing and a demo user's
 * own edits survive. With the BlobStore, the demo's files (documents, verification evidence) are written
 * too, so that their downloads work.
 */
export async function seedDemoData(
  db: Database,
  options: { storage?: BlobStore; now?: Date } = {},
): Promise<{ created: number; events: number }> {
  const passwordHash = await hashPassword(demoPassword);
  const now = options.now ?? new Date();
  const storage = options.storage ? { storage: options.storage } : {};
  const inserted = await db
    .insert(users)
    .values(
      [...demoAccounts, ...demoCandidates].map((account) => ({
        ...account,
        role: 'role' in account ? account.role : ('candidate' as const),
        passwordHash,
        emailVerifiedAt: now,
        // Demo members are established: their posts and links publish at once.
        trustLevel: 1,
        ...(account.email === demoProPastGrace
          ? { twoFactorGraceEndsAt: new Date(now.getTime() - 86_400_000) }
          : {}),
      })),
    )
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  // The pros (firms, verification files, profiles) and the reviews of their clients.
  await seedDemoPros(db, { now, passwordHash, ...storage });
  const events = (await seedDemoEvents(db, now)) + (await seedDemoLiveHistory(db, now));
  await seedDemoDossiers(db, { now, ...storage });
  await seedDemoInside(db, now);
  await seedDemoConsents(db, now);
  return { created: inserted.length, events };
}

export {
  demoAccounts,
  demoCandidates,
  demoEvents,
  demoPassword,
  demoPastEvents,
  demoPosts,
  demoPro,
  demoProPastGrace,
  demoPros,
  demoReviewers,
};
