import { and, eq } from 'drizzle-orm';
import { type PhotoRef, programs, proProfiles, users } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';

/** Every statement of the pro's own profile. */

export type ProfileRecord = typeof proProfiles.$inferSelect;
export type { PhotoRef };

export async function profileRow(db: Database, userId: string): Promise<ProfileRecord | undefined> {
  const [row] = await db.select().from(proProfiles).where(eq(proProfiles.userId, userId));
  return row;
}

/** The profile row, locked, with the photo it points at now. */
export async function lockedPhoto(db: Database, userId: string): Promise<PhotoRef | null> {
  const [row] = await db
    .select({ photo: proProfiles.photo })
    .from(proProfiles)
    .where(eq(proProfiles.userId, userId))
    .for('update');
  return row?.photo ?? null;
}

export async function userName(db: Database, userId: string) {
  const [row] = await db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Makes the profile row unless it exists. */
export async function insertProfile(db: Database, userId: string, slug: string): Promise<void> {
  await db.insert(proProfiles).values({ userId, slug }).onConflictDoNothing();
}

/** The ids among `ids` that are active programs of the catalogue. */
export async function activeProgramIds(db: Database, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .select({ id: programs.id })
    .from(programs)
    .where(and(anyOf(programs.id, ids), eq(programs.active, true)));
  return new Set(rows.map((row) => row.id));
}

export async function updateProfile(
  db: Database,
  userId: string,
  changes: Partial<typeof proProfiles.$inferInsert>,
): Promise<ProfileRecord> {
  const rows = await db.update(proProfiles).set(changes).where(eq(proProfiles.userId, userId)).returning();
  return returnedRow(rows, 'profile update');
}
