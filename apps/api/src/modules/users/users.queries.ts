import type { TGoals, TStoredNotificationPreferences, TUpdateMeBody } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { firmAgents, organisations, proStandingBasis, proVerifications, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { standingSql } from '../access';

/** Every statement of the users module: the account as its owner sees it, their settings, admin accounts. */

export type UserRow = typeof users.$inferSelect;

/**
 * The user with their organisation and, for a pro, the licence and standing of their verification file
 * (an agent's standing is their supervisor's), on the platform's `today`.
 */
export async function meRow(db: Database, userId: string, today: string) {
  const [row] = await db
    .select({
      user: users,
      organisation: { id: organisations.id, name: organisations.name },
      licenceNumber: proVerifications.licenceNumber,
      // The standing the pro works under: an agent's is their supervisor's.
      standing: standingSql(today),
      agent: sql<boolean>`${firmAgents.userId} is not null`,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id))
    .leftJoin(firmAgents, eq(firmAgents.userId, users.id))
    .where(eq(users.id, userId));
  return row;
}

type UserChanges = TUpdateMeBody & {
  goals?: TGoals;
  notificationPreferences?: TStoredNotificationPreferences;
};

export async function updateUser(db: Database, userId: string, changes: UserChanges, now: Date) {
  await db
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(eq(users.id, userId));
}

export async function goalsOf(db: Database, userId: string): Promise<TGoals | undefined> {
  const [row] = await db.select({ goals: users.goals }).from(users).where(eq(users.id, userId));
  return row?.goals ?? undefined;
}

export async function notificationPreferencesOf(
  db: Database,
  userId: string,
): Promise<TStoredNotificationPreferences | undefined> {
  const [row] = await db
    .select({ preferences: users.notificationPreferences })
    .from(users)
    .where(eq(users.id, userId));
  return row?.preferences ?? undefined;
}

// Administrator accounts (the command line)

export async function userWithEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

export async function makeAdmin(db: Database, userId: string, now: Date): Promise<void> {
  await db.update(users).set({ role: 'admin', updatedAt: now }).where(eq(users.id, userId));
}

export async function insertAdmin(
  db: Database,
  admin: { email: string; passwordHash: string; firstName: string; lastName: string; now: Date },
): Promise<void> {
  await db.insert(users).values({
    email: admin.email,
    passwordHash: admin.passwordHash,
    role: 'admin',
    firstName: admin.firstName,
    lastName: admin.lastName,
    emailVerifiedAt: admin.now,
  });
}
