import type { TRegulator } from '@capitune/contracts';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  auditLog,
  dossiers,
  licenceConflicts,
  organisations,
  proProfiles,
  proReferences,
  proVerifications,
  users,
} from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import type { Database } from '../../platform/db/database';

/** Every statement of licence verification (files, references, conflicts, the admin queue). */

export type VerificationRow = typeof proVerifications.$inferSelect;
export type ReferenceRow = typeof proReferences.$inferSelect;
export type ConflictRow = typeof licenceConflicts.$inferSelect;

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
        inArray(proVerifications.status, [...CLAIMING_STATUSES]),
        exceptUserId ? ne(proVerifications.userId, exceptUserId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function conflictsOf(db: Database, verificationId: string): Promise<ConflictRow[]> {
  return db
    .select()
    .from(licenceConflicts)
    .where(eq(licenceConflicts.verificationId, verificationId))
    .orderBy(desc(licenceConflicts.createdAt), desc(licenceConflicts.id));
}

/** The verification's entries of the audit log, newest first, with their actor's name. */
export async function historyOf(db: Database, verificationId: string) {
  return db
    .select({
      action: auditLog.action,
      after: auditLog.after,
      at: auditLog.createdAt,
      actorId: users.id,
      actorFirstName: users.firstName,
      actorLastName: users.lastName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectType, 'verification'), eq(auditLog.subjectId, verificationId)))
    .orderBy(desc(auditLog.id))
    .limit(100);
}

/** The dossiers this pro follows as agent, not closed: their candidates are told when the pro goes. */
export async function followedDossiers(db: Database, proId: string) {
  return db
    .select({ id: dossiers.id, ownerId: dossiers.ownerId })
    .from(dossiers)
    .where(and(eq(dossiers.agentId, proId), ne(dossiers.status, 'closed')))
    .orderBy(asc(dossiers.id));
}

export async function openConflict(db: Database, verificationId: string, conflictId: string) {
  const [row] = await db
    .select()
    .from(licenceConflicts)
    .where(and(eq(licenceConflicts.id, conflictId), eq(licenceConflicts.verificationId, verificationId)))
    .for('update');
  return row;
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

// ————— The admin queue —————

export type Queue = 'pending' | 'conflicts' | 'expiring' | 'references' | 'appeals' | 'all';

/** Days a reference may stay unanswered before the file shows in the `references` queue. */
export const REFERENCE_WAIT_DAYS = 7;

const ZQueueRow = z.object({
  id: z.string(),
  user_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  organisation_id: z.string().nullable(),
  organisation_name: z.string().nullable(),
  status: z.enum(['pending', 'verified', 'rejected', 'expired', 'suspended', 'revoked']),
  profession: z.enum(['rcic', 'lawyer', 'notary', 'paralegal']),
  regulator: z.string(),
  licence_number: z.string().nullable(),
  submitted_at: z.date().nullable(),
  renewal_date: z.string().nullable(),
  references_confirmed: z.coerce.number(),
  references_waiting: z.coerce.number(),
  open_conflicts: z.coerce.number(),
  appealed: z.boolean(),
  updated_at: z.date(),
  sort_key: z.date(),
});
export type QueueRow = z.infer<typeof ZQueueRow>;

/**
 * One page of a queue. Each queue has its own order (oldest waiting first; `expiring` soonest first;
 * `all` latest change first) on one timestamp key, cut to the millisecond so that the cursor (a JS Date)
 * compares exactly; then the id.
 */
export async function queuePage(
  db: Database,
  query: { queue: Queue; q?: string | undefined; limit: number; after: Cursor | null; id?: string },
  today: string,
  now: Date,
): Promise<QueueRow[]> {
  const waitedSince = new Date(now.getTime() - REFERENCE_WAIT_DAYS * 86_400_000);
  const openConflicts = sql`(select count(*) from licence_conflicts c
    where c.verification_id = v.id and c.resolved_at is null)`;
  const spec = {
    pending: {
      where: sql`v.status = 'pending' and v.submitted_at is not null`,
      key: sql`v.submitted_at`,
      asc: true,
    },
    references: {
      where: sql`v.status = 'pending' and v.submitted_at is not null and exists (select 1 from pro_references r
        where r.verification_id = v.id and r.status = 'waiting' and r.sent_at < ${waitedSince})`,
      key: sql`v.submitted_at`,
      asc: true,
    },
    appeals: {
      where: sql`v.appealed_at is not null and v.appeal_decided_at is null`,
      key: sql`v.appealed_at`,
      asc: true,
    },
    conflicts: {
      where: sql`${openConflicts} > 0`,
      key: sql`(select min(c.created_at) from licence_conflicts c
        where c.verification_id = v.id and c.resolved_at is null)`,
      asc: true,
    },
    expiring: {
      where: sql`v.status = 'verified' and (v.renewal_date <= ${today}::date + 30
        or v.next_check_date <= ${today}::date)`,
      key: sql`(least(v.renewal_date, v.next_check_date)::timestamp at time zone 'UTC')`,
      asc: true,
    },
    all: { where: sql`true`, key: sql`v.updated_at`, asc: false },
  }[query.queue];
  const key = sql`date_trunc('milliseconds', ${spec.key})`;
  const after = query.after
    ? spec.asc
      ? sql`and (${key}, v.id) > (${query.after.at}, ${query.after.id})`
      : sql`and (${key}, v.id) < (${query.after.at}, ${query.after.id})`
    : sql``;
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%` : null;
  const search = pattern
    ? sql`and (u.first_name || ' ' || u.last_name ilike ${pattern} or u.email ilike ${pattern}
        or v.licence_number ilike ${pattern} or o.name ilike ${pattern})`
    : sql``;
  const only = query.id ? sql`and v.id = ${query.id}` : sql``;
  const order = spec.asc ? sql`${key} asc, v.id asc` : sql`${key} desc, v.id desc`;
  const { rows } = await db.execute(sql`
    select v.id, v.user_id, u.first_name, u.last_name, u.email::text as email,
      o.id as organisation_id, o.name as organisation_name, v.status, v.profession, v.regulator,
      v.licence_number, v.submitted_at, v.renewal_date::text as renewal_date,
      (select count(*) from pro_references r where r.verification_id = v.id and r.status = 'confirmed')
        as references_confirmed,
      (select count(*) from pro_references r where r.verification_id = v.id and r.status = 'waiting')
        as references_waiting,
      ${openConflicts} as open_conflicts,
      (v.appealed_at is not null and v.appeal_decided_at is null) as appealed,
      v.updated_at, ${key} as sort_key
    from pro_verifications v
    join users u on u.id = v.user_id
    left join organisations o on o.id = u.organisation_id
    where ${spec.where} ${after} ${search} ${only}
    order by ${order}
    limit ${query.limit + 1}`);
  return rows.map((row) => ZQueueRow.parse(normaliseDates(row)));
}

/** node-postgres gives timestamps as Dates and `date`s as text already; this only guards the shape. */
function normaliseDates(row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const field of ['submitted_at', 'updated_at', 'sort_key']) {
    const value = out[field];
    if (typeof value === 'string') out[field] = new Date(value);
  }
  return out;
}

/** The queue's item of one file (the detail page extends the list's shape). */
export async function queueRowOf(db: Database, verificationId: string, today: string, now: Date) {
  const [row] = await queuePage(db, { queue: 'all', limit: 1, after: null, id: verificationId }, today, now);
  return row;
}
