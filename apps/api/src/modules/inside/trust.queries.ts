import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** The statements on members' trust levels and silences (the rules: trust.service.ts). */

const ZTrustChangeRow = z.object({
  trust_level: z.number(),
  previous_level: z.number(),
  account_age_days: z.number(),
  approved_texts: z.number(),
  upheld_flags: z.number(),
});
export type TrustChangeRow = z.infer<typeof ZTrustChangeRow>;

/**
 * The member's trust level recomputed, in one statement, and stored. Computed:
 * - 0 (new): an account younger than 3 days, or fewer than 3 approved (published) posts and comments;
 * - 2 (trusted): 30 days old, 20 approved, and no content hidden by an admin (an upheld flag) in 90 days;
 * - 1 (member) otherwise.
 * Approved contributions count from the last content an admin hid, so that a member who fell earns
 * their level again. `approved` keeps the stored level if it is higher (approvals only raise it); `upheld`
 * drops it one level. Pros and admins are never below 1. Returns the level with the one before and the
 * factors it was computed from (for the record of the decision); null when the user is gone.
 */
export async function recomputeTrustLevel(
  db: Database,
  userId: string,
  now: Date,
  event: 'approved' | 'upheld',
): Promise<TrustChangeRow | null> {
  const [row] = await selectRows(
    db,
    ZTrustChangeRow,
    sql`
    with member as (
      select id, role, created_at, trust_level from users where id = ${userId} for update
    ),
    upheld as (
      select max(a.created_at) as last_at,
        count(*) filter (where a.created_at > ${now}::timestamptz - interval '90 days') as recent
      from audit_log a
      where a.action in ('post.hidden', 'comment.hidden')
        and a.subject_id in (
          select id from posts where author_id = ${userId} and status = 'hidden'
          union all
          select id from comments where author_id = ${userId} and status = 'hidden'
        )
    ),
    approved as (
      select
        (select count(*) from posts p, upheld u where p.author_id = ${userId} and p.status = 'published'
           and p.deleted_at is null and p.created_at > coalesce(u.last_at, '-infinity'))
        + (select count(*) from comments c, upheld u where c.author_id = ${userId} and c.status = 'published'
           and c.deleted_at is null and c.created_at > coalesce(u.last_at, '-infinity')) as n
    ),
    computed as (
      select case
        when m.created_at > ${now}::timestamptz - interval '3 days' or a.n < 3 then 0
        when m.created_at <= ${now}::timestamptz - interval '30 days' and a.n >= 20
          and u.recent = 0 then 2
        else 1
      end as level, m.role, m.trust_level,
      floor(extract(epoch from ${now}::timestamptz - m.created_at) / 86400)::int as account_age_days,
      a.n::int as approved_texts, u.recent::int as upheld_flags
      from member m, approved a, upheld u
    )
    update users set trust_level = greatest(
      case when c.role in ('pro', 'admin') then 1 else 0 end,
      case when ${event}::text = 'upheld' then c.trust_level - 1 else greatest(c.trust_level, c.level) end
    )
    from computed c
    where users.id = ${userId}
    returning users.trust_level, c.trust_level as previous_level, c.account_age_days, c.approved_texts,
      c.upheld_flags`,
    'inside.trust_level',
  );
  return row ?? null;
}

/** A member's stored trust level raised to at least `level` (a reviewed decision reversed). */
export async function raiseTrustLevel(db: Database, userId: string, level: number): Promise<void> {
  await db
    .update(users)
    .set({ trustLevel: sql`greatest(${users.trustLevel}, ${level})` })
    .where(eq(users.id, userId));
}

/** A member as the rules see them: role, stored trust level, and how many posts they wrote. */
export async function trustRow(db: Database, userId: string) {
  const [row] = await db
    .select({
      role: users.role,
      trustLevel: users.trustLevel,
      postsWritten: sql<number>`(select count(*)::int from posts where posts.author_id = ${users.id})`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Silences a member until then (a later silence already set stays). */
export async function silenceUntil(db: Database, userId: string, until: Date) {
  await db
    .update(users)
    .set({ silencedUntil: sql`greatest(${users.silencedUntil}, ${until}::timestamptz)` })
    .where(eq(users.id, userId));
}
