import { eq } from 'drizzle-orm';
import { hashPassword } from '../../lib/password';
import type { Database } from '../../platform/db/database';
import { organisations, users } from '../schema';
import { demoAccounts, demoPassword, demoPro } from './demo-accounts';
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
  await giveDemoProAFirm(db);
  return { created: inserted.length, events: await seedDemoEvents(db, now) };
}

/** The demo pro practises in a firm of their own, so candidates can find them and send requests. */
async function giveDemoProAFirm(db: Database): Promise<void> {
  const [pro] = await db.select().from(users).where(eq(users.email, demoPro.email));
  if (!pro || pro.organisationId) return;
  const [firm] = await db
    .insert(organisations)
    .values({ name: demoPro.organisationName })
    .returning({ id: organisations.id });
  await db
    .update(users)
    .set({ organisationId: firm?.id ?? null, licenceNumber: pro.licenceNumber ?? demoPro.licenceNumber })
    .where(eq(users.id, pro.id));
}

export { demoAccounts, demoEvents, demoPassword };
