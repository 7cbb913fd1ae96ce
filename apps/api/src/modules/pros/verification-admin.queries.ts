import { ZProfession, ZRegulator, ZVerificationStatus } from '@capitune/contracts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, licenceConflicts, users } from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import { likeLiteral } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** Every statement of the admins' side of verification: the queues, a file's conflicts and history. */

export type ConflictRow = typeof licenceConflicts.$inferSelect;

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

export async function openConflict(db: Database, verificationId: string, conflictId: string) {
  const [row] = await db
    .select()
    .from(licenceConflicts)
    .where(and(eq(licenceConflicts.id, conflictId), eq(licenceConflicts.verificationId, verificationId)))
    .for('update');
  return row;
}

/** Marks an open conflict as looked into (a resolved one stays as it was). */
export async function resolveConflictRow(db: Database, conflictId: string, now: Date, adminId: string) {
  await db
    .update(licenceConflicts)
    .set({ resolvedAt: now, resolvedBy: adminId })
    .where(and(eq(licenceConflicts.id, conflictId), isNull(licenceConflicts.resolvedAt)));
}

// ————— The admin queue —————

export type Queue = 'pending' | 'conflicts' | 'expiring' | 'references' | 'appeals' | 'all';

/** Days a reference may stay unanswered before the file shows in the `references` queue. */
export const REFERENCE_WAIT_DAYS = 7;

/** A file as the queue lists it (raw statements return timestamps as text; counts are numbers). */
const ZQueueRow = z.object({
  id: z.string(),
  user_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  organisation_id: z.string().nullable(),
  organisation_name: z.string().nullable(),
  status: ZVerificationStatus,
  profession: ZProfession,
  regulator: ZRegulator,
  licence_number: z.string().nullable(),
  submitted_at: z.string().nullable(),
  renewal_date: z.string().nullable(),
  references_confirmed: z.number(),
  references_waiting: z.number(),
  open_conflicts: z.number(),
  appealed: z.boolean(),
  updated_at: z.string(),
  /** The queue's key, cut to the millisecond: what the cursor carries. */
  sort_key: z.string(),
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
  const pattern = query.q ? `%${likeLiteral(query.q)}%` : null;
  const search = pattern
    ? sql`and (u.first_name || ' ' || u.last_name ilike ${pattern} or u.email ilike ${pattern}
        or v.licence_number ilike ${pattern} or o.name ilike ${pattern})`
    : sql``;
  const only = query.id ? sql`and v.id = ${query.id}` : sql``;
  const order = spec.asc ? sql`${key} asc, v.id asc` : sql`${key} desc, v.id desc`;
  return selectRows(
    db,
    ZQueueRow,
    sql`
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
    limit ${query.limit + 1}`,
    'verification queue',
  );
}

/** The queue's item of one file (the detail page extends the list's shape). */
export async function queueRowOf(db: Database, verificationId: string, today: string, now: Date) {
  const [row] = await queuePage(db, { queue: 'all', limit: 1, after: null, id: verificationId }, today, now);
  return row;
}
