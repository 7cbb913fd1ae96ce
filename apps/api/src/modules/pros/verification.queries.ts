import { type TRegulator, ZRegulator } from '@capitune/contracts';
import { and, asc, eq, gt, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  dossiers,
  licenceConflicts,
  organisations,
  proProfiles,
  proReferences,
  proVerifications,
  type StoredFileRef,
  users,
} from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';
import { addDays, GRACE_DAYS } from '../access';

/**
 * Every statement of a pro's verification file: the file, its references, licence claims, and the daily
 * watch of renewal dates (the admins' queue: `verification-admin.queries.ts`).
 */

export type VerificationRow = typeof proVerifications.$inferSelect;
export type ReferenceRow = typeof proReferences.$inferSelect;
export type { StoredFileRef };

/** The statuses under which a file holds its licence (the partial unique index's predicate). */
export const CLAIMING_STATUSES = ['pending', 'verified', 'suspended'] as const;

export async function fileOfUser(db: Database, userId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(proVerifications).where(eq(proVerifications.userId, userId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function fileById(db: Database, id: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(proVerifications).where(eq(proVerifications.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function referencesOf(db: Database, verificationId: string): Promise<ReferenceRow[]> {
  return db
    .select()
    .from(proReferences)
    .where(eq(proReferences.verificationId, verificationId))
    .orderBy(asc(proReferences.position));
}

/** What the directory needs of a profile, to tell whether it is complete (`profileComplete`). */
export async function profileFacts(db: Database, userId: string) {
  const [row] = await db
    .select({ bio: proProfiles.bio, languages: proProfiles.languages, provinces: proProfiles.provinces })
    .from(proProfiles)
    .where(eq(proProfiles.userId, userId));
  return row;
}

/** The pro as emails and cards name them. */
export async function personOf(db: Database, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      locale: users.locale,
      organisationId: users.organisationId,
      organisationName: organisations.name,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  return row;
}

/** The file that holds (regulator, licence), other than `exceptUserId`'s own. */
export async function licenceHolder(
  db: Database,
  regulator: TRegulator,
  licenceNumber: string,
  exceptUserId?: string,
) {
  const [row] = await db
    .select({ id: proVerifications.id, userId: proVerifications.userId, email: users.email })
    .from(proVerifications)
    .innerJoin(users, eq(users.id, proVerifications.userId))
    .where(
      and(
        eq(proVerifications.regulator, regulator),
        eq(proVerifications.licenceNumber, licenceNumber),
        anyOf(proVerifications.status, CLAIMING_STATUSES),
        exceptUserId ? ne(proVerifications.userId, exceptUserId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

/** The dossiers this pro follows as agent, not closed: their candidates are told when the pro goes. */
export async function followedDossiers(db: Database, proId: string) {
  return db
    .select({ id: dossiers.id, ownerId: dossiers.ownerId })
    .from(dossiers)
    .where(and(eq(dossiers.agentId, proId), ne(dossiers.status, 'closed')))
    .orderBy(asc(dossiers.id));
}

export async function referenceByTokenHash(
  db: Database,
  tokenHash: string,
  options: { lock?: boolean } = {},
) {
  const query = db.select().from(proReferences).where(eq(proReferences.tokenHash, tokenHash));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** References named but never emailed: the emails go out on submission. */
export async function unsentReferences(db: Database, verificationId: string): Promise<ReferenceRow[]> {
  return db
    .select()
    .from(proReferences)
    .where(
      and(
        eq(proReferences.verificationId, verificationId),
        eq(proReferences.status, 'waiting'),
        isNull(proReferences.tokenHash),
      ),
    )
    .orderBy(asc(proReferences.position));
}

// ————— Writes —————

/** A new pro's file (pending, not submitted); fails on the claim index if another file holds the licence. */
export async function insertFile(db: Database, values: typeof proVerifications.$inferInsert): Promise<void> {
  await db.insert(proVerifications).values(values);
}

/** A new pro's public profile, unless they have one. */
export async function insertProfileOnce(
  db: Database,
  values: typeof proProfiles.$inferInsert,
): Promise<void> {
  await db.insert(proProfiles).values(values).onConflictDoNothing();
}

/** A refused claim of a licence, on the holder's file. */
export async function insertConflict(db: Database, values: typeof licenceConflicts.$inferInsert) {
  await db.insert(licenceConflicts).values(values);
}

/** Changes a file and returns it as it is now. */
export async function updateFile(
  db: Database,
  id: string,
  changes: Partial<typeof proVerifications.$inferInsert>,
): Promise<VerificationRow> {
  const rows = await db.update(proVerifications).set(changes).where(eq(proVerifications.id, id)).returning();
  return returnedRow(rows, 'verification update');
}

/** Changes a file (nothing returned). */
export async function setFile(
  db: Database,
  id: string,
  changes: Partial<typeof proVerifications.$inferInsert>,
): Promise<void> {
  await db.update(proVerifications).set(changes).where(eq(proVerifications.id, id));
}

/** Drops the references past `count` (positions count+1…). */
export async function deleteReferencesAfter(db: Database, verificationId: string, count: number) {
  await db
    .delete(proReferences)
    .where(and(eq(proReferences.verificationId, verificationId), gt(proReferences.position, count)));
}

/** Writes the reference at its position: `values` if new, `changes` if one is there already. */
export async function upsertReference(
  db: Database,
  values: typeof proReferences.$inferInsert,
  changes: Partial<typeof proReferences.$inferInsert>,
): Promise<void> {
  await db
    .insert(proReferences)
    .values(values)
    .onConflictDoUpdate({ target: [proReferences.verificationId, proReferences.position], set: changes });
}

export async function updateReference(
  db: Database,
  id: string,
  changes: Partial<typeof proReferences.$inferInsert>,
): Promise<void> {
  await db.update(proReferences).set(changes).where(eq(proReferences.id, id));
}

// ————— The daily watch of renewal dates —————

/**
 * The steps of the watch, each a condition on a verified file and the change that claims it: `expire`
 * past the grace, `lapse` once per renewal date passed, `remind7` / `remind30` before the date (the
 * 7-day reminder also marks the 30-day one, never sent after it).
 */
export type WatchStep = 'expire' | 'lapse' | 'remind7' | 'remind30';

/** Files handled per step of one run: a larger backlog waits for the next day. */
const WATCH_BATCH = 500;

function watchStep(step: WatchStep, today: string, now: Date): { condition: SQL; changes: SQL } {
  if (step === 'expire') {
    const lastGraceRenewal = addDays(today, -GRACE_DAYS - 1);
    return {
      condition: sql`status = 'verified' and renewal_date <= ${lastGraceRenewal}::date`,
      changes: sql`status = 'expired', updated_at = ${now}`,
    };
  }
  if (step === 'lapse') {
    return {
      condition: sql`status = 'verified' and renewal_date < ${today}::date
      and lapse_notified_for is distinct from renewal_date`,
      changes: sql`lapse_notified_for = renewal_date`,
    };
  }
  const threshold = step === 'remind7' ? 7 : 30;
  const column = threshold === 7 ? sql.raw('reminded_at7_for') : sql.raw('reminded_at30_for');
  return {
    condition: sql`status = 'verified' and renewal_date >= ${today}::date
      and renewal_date <= ${addDays(today, threshold)}::date and ${column} is distinct from renewal_date`,
    changes:
      threshold === 7
        ? sql`reminded_at7_for = renewal_date, reminded_at30_for = renewal_date`
        : sql`reminded_at30_for = renewal_date`,
  };
}

/** The files a step of the watch applies to today, at most a batch. */
export async function dueFiles(db: Database, step: WatchStep, today: string, now: Date): Promise<string[]> {
  const { condition } = watchStep(step, today, now);
  const rows = await selectRows(
    db,
    z.object({ id: z.string() }),
    sql`select id from pro_verifications where ${condition} order by renewal_date, id limit ${WATCH_BATCH}`,
    'files due',
  );
  return rows.map((row) => row.id);
}

const ZClaimedRow = z.object({
  user_id: z.string(),
  renewal_date: z.string().nullable(),
  regulator: ZRegulator,
});

/** Applies the step's change to the file if its condition still holds, and returns it: the run's claim. */
export async function claimFile(
  db: Database,
  id: string,
  step: WatchStep,
  today: string,
  now: Date,
): Promise<Pick<VerificationRow, 'id' | 'userId' | 'renewalDate' | 'regulator'> | undefined> {
  const { condition, changes } = watchStep(step, today, now);
  const [row] = await selectRows(
    db,
    ZClaimedRow,
    sql`update pro_verifications set ${changes} where id = ${id} and ${condition}
      returning user_id, renewal_date::text as renewal_date, regulator`,
    'claimed file',
  );
  return row && { id, userId: row.user_id, renewalDate: row.renewal_date, regulator: row.regulator };
}
