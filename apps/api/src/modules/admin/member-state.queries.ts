import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { checkRows, selectRows } from '../../platform/db/rows';

/** Every statement of a member's state: status, suspension, tags, as the admin console changes them. */

const ZMemberRow = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string(),
  locale: z.enum(['fr', 'en']),
  time_zone: z.string(),
  role: z.enum(['candidate', 'pro', 'admin']),
  status: z.enum(['active', 'suspended']),
  suspended_until: z.string().nullable(),
  suspension_reason: z.string().nullable(),
  banned_at: z.string().nullable(),
  tags: z.array(z.string()),
});
export type MemberRow = z.infer<typeof ZMemberRow>;

const memberColumns = sql`u.id, u.email::text as email, u.first_name, u.locale, u.time_zone, u.role, u.status,
  ${isoTime(sql`u.suspended_until`)} as suspended_until, u.suspension_reason, ${isoTime(sql`u.banned_at`)} as banned_at,
  coalesce((select array_agg(t.tag order by t.tag) from user_tags t where t.user_id = u.id), '{}') as tags`;

/** A member's state, the row locked until the transaction ends: two admins acting on one member wait in turn. */
export async function memberForUpdate(db: Database, userId: string): Promise<MemberRow | undefined> {
  const [row] = await selectRows(
    db,
    ZMemberRow,
    sql`select ${memberColumns} from users u where u.id = ${userId} for update of u`,
    'member for update',
  );
  return row;
}

/**
 * How many active admins other than `userId` there are. Every active admin's row is locked first, so two
 * admins suspending each other at once cannot both succeed and leave the platform without one.
 */
export async function otherActiveAdmins(db: Database, userId: string): Promise<number> {
  const result = await db.execute(
    sql`select id from users where role = 'admin' and status = 'active' order by id for update`,
  );
  const ids = checkRows(z.object({ id: z.string() }), result.rows, 'active admins');
  return ids.filter((row) => row.id !== userId).length;
}

export async function setSuspension(
  db: Database,
  userId: string,
  state: { status: 'active' | 'suspended'; until: Date | null; reason: string | null; bannedAt: Date | null },
  now: Date,
): Promise<void> {
  await db.execute(sql`update users set status = ${state.status}, suspended_until = ${state.until},
    suspension_reason = ${state.reason}, banned_at = ${state.bannedAt}, updated_at = ${now}
    where id = ${userId}`);
}

/** Whether the tag was added (false: the member had it already). */
export async function insertTag(db: Database, userId: string, tag: string, by: string | null, now: Date) {
  const result = await db.execute(sql`insert into user_tags (user_id, tag, created_by, created_at)
    values (${userId}, ${tag}, ${by}, ${now}) on conflict do nothing returning tag`);
  return result.rows.length > 0;
}

/** Whether the tag was removed (false: the member did not have it). */
export async function deleteTag(db: Database, userId: string, tag: string) {
  const result = await db.execute(
    sql`delete from user_tags where user_id = ${userId} and tag = ${tag} returning tag`,
  );
  return result.rows.length > 0;
}

/** Makes a member's tags exactly `tags` (a batch's undo). */
export async function replaceTags(
  db: Database,
  userId: string,
  tags: string[],
  by: string | null,
  now: Date,
) {
  await db.execute(
    sql`delete from user_tags where user_id = ${userId} and not (tag = any(${sql.param(tags)}::text[]))`,
  );
  await db.execute(sql`insert into user_tags (user_id, tag, created_by, created_at)
    select ${userId}, tag, ${by}::uuid, ${now} from unnest(${sql.param(tags)}::text[]) tag
    on conflict do nothing`);
}

const ZEndedSuspension = z.object({ id: z.string() });

/**
 * Members whose timed suspension is over, at most `limit`, locked and skipped by a concurrent run
 * (`users_suspension_ends_idx`).
 */
export async function endedSuspensions(db: Database, now: Date, limit: number): Promise<string[]> {
  const rows = await selectRows(
    db,
    ZEndedSuspension,
    sql`select id from users
    where suspended_until is not null and suspended_until <= ${now} and status = 'suspended' and banned_at is null
    order by suspended_until limit ${limit} for update skip locked`,
    'ended suspensions',
  );
  return rows.map((row) => row.id);
}
