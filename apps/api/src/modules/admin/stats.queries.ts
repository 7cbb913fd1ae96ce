import { ZAdminStats, ZDossierStatus, ZLocalized } from '@capitune/contracts';
import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { z } from 'zod';
import { documents, flags, messages, posts, statsSnapshots } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { checkRows, selectRows } from '../../platform/db/rows';

/**
 * The statements of the platform statistics: one aggregate per figure group, and the snapshot they are
 * kept in. Days and months are Montréal's, where the team works and most members live.
 */

const TIME_ZONE = 'America/Toronto';

/** The period a snapshot covers: the `days` Montréal days ending with the one `now` falls in. */
export interface StatsPeriod {
  now: Date;
  days: number;
}

/**
 * `period(from_day, to_day, start_at, end_at)`: the first and last day, and the instants the figures are
 * counted between (the first day's midnight in Montréal, and now).
 */
function periodCte(period: StatsPeriod): SQL {
  const now = period.now.toISOString();
  return sql`period as (
    select today - (${period.days}::int - 1) as from_day, today as to_day,
      (today - (${period.days}::int - 1))::timestamp at time zone ${TIME_ZONE} as start_at,
      ${now}::timestamptz as end_at
    from (select (${now}::timestamptz at time zone ${TIME_ZONE})::date as today) t)`;
}

const ZCount = z.number().int();
const ZSeconds = z.number().nullable();
const ZDay = z.string();

const ZPeriodRow = z.object({ from_day: ZDay, to_day: ZDay });

/** The first and last day of the period, as `YYYY-MM-DD`. */
export async function periodDays(db: Database, period: StatsPeriod) {
  const [row] = await selectRows(
    db,
    ZPeriodRow,
    sql`with ${periodCte(period)}
        select to_char(from_day, 'YYYY-MM-DD') as from_day, to_char(to_day, 'YYYY-MM-DD') as to_day from period`,
    'stats period',
  );
  return row;
}

const ZDailyRow = z.object({ day: ZDay, count: ZCount });

/** Rows created each day of the period (zeros included), by the time column given. */
async function dailyCounts(
  db: Database,
  period: StatsPeriod,
  table: SQLWrapper,
  createdAt: SQLWrapper,
  what: string,
) {
  return selectRows(
    db,
    ZDailyRow,
    sql`with ${periodCte(period)},
        counted as (
          select (${createdAt} at time zone ${TIME_ZONE})::date as day, count(*)::int as count
          from ${table}, period
          where ${createdAt} >= period.start_at and ${createdAt} <= period.end_at
          group by 1)
        select to_char(s.day, 'YYYY-MM-DD') as day, coalesce(c.count, 0)::int as count
        from period, generate_series(period.from_day, period.to_day, interval '1 day') as s(day)
        left join counted c on c.day = s.day::date
        order by s.day`,
    what,
  );
}

export const messagesPerDay = (db: Database, period: StatsPeriod) =>
  dailyCounts(db, period, messages, messages.createdAt, 'messages per day');
export const postsPerDay = (db: Database, period: StatsPeriod) =>
  dailyCounts(db, period, posts, posts.createdAt, 'posts per day');
export const flagsPerDay = (db: Database, period: StatsPeriod) =>
  dailyCounts(db, period, flags, flags.createdAt, 'flags per day');

const ZSignupRow = z.object({ day: ZDay, candidate: ZCount, pro: ZCount, admin: ZCount });

/** Sign-ups of each day of the period, by role (zeros included). */
export async function signupsPerDay(db: Database, period: StatsPeriod) {
  return selectRows(
    db,
    ZSignupRow,
    sql`with ${periodCte(period)},
        counted as (
          select (u.created_at at time zone ${TIME_ZONE})::date as day,
            count(*) filter (where u.role = 'candidate')::int as candidate,
            count(*) filter (where u.role = 'pro')::int as pro,
            count(*) filter (where u.role = 'admin')::int as admin
          from users u, period
          where u.created_at >= period.start_at and u.created_at <= period.end_at
          group by 1)
        select to_char(s.day, 'YYYY-MM-DD') as day, coalesce(c.candidate, 0)::int as candidate,
          coalesce(c.pro, 0)::int as pro, coalesce(c.admin, 0)::int as admin
        from period, generate_series(period.from_day, period.to_day, interval '1 day') as s(day)
        left join counted c on c.day = s.day::date
        order by s.day`,
    'sign-ups per day',
  );
}

const ZActiveRow = z.object({ day: ZCount, week: ZCount, month: ZCount });

/** Distinct members who used a session within the last day, 7 days and 30 days before `now`. */
export async function activeMembers(db: Database, now: Date) {
  const at = now.toISOString();
  const [row] = await selectRows(
    db,
    ZActiveRow,
    sql`select
          count(distinct user_id) filter (where last_used_at > ${at}::timestamptz - interval '1 day')::int as day,
          count(distinct user_id) filter (where last_used_at > ${at}::timestamptz - interval '7 days')::int as week,
          count(distinct user_id)::int as month
        from sessions
        where last_used_at > ${at}::timestamptz - interval '30 days' and last_used_at <= ${at}::timestamptz`,
    'active members',
  );
  return row;
}

const ZDossierGroupRow = z.object({
  program_id: z.string().nullable(),
  name: ZLocalized.nullable(),
  status: ZDossierStatus.nullable(),
  count: ZCount,
});

/** Every dossier counted by program (with its names) and by status, in the catalogue's and the enum's order. */
export async function dossierGroups(db: Database) {
  return selectRows(
    db,
    ZDossierGroupRow,
    sql`select g.program_id, p.name, g.status, g.count
        from (select program_id, status, count(*)::int as count from dossiers
              group by grouping sets ((program_id), (status))) g
        left join programs p on p.id = g.program_id
        order by g.status nulls first, p.sort_order, g.program_id`,
    'dossiers by program and status',
  );
}

const ZDocumentRow = z.object({
  awaiting: ZCount,
  oldest_awaiting_seconds: ZSeconds,
  reviewed: ZCount,
  median_review_seconds: ZSeconds,
});

/** Documents awaiting review (and the oldest's age), and the median review time of those reviewed in the period. */
export async function documentFigures(db: Database, period: StatsPeriod) {
  const [row] = await selectRows(
    db,
    ZDocumentRow,
    sql`with ${periodCte(period)},
        awaiting as (
          select count(*)::int as awaiting,
            extract(epoch from (select end_at from period) - min(created_at))::float8 as oldest_awaiting_seconds
          from ${documents} where status = 'pending'),
        reviewed as (
          select count(*)::int as reviewed,
            percentile_cont(0.5) within group (order by extract(epoch from d.reviewed_at - d.created_at))
              as median_review_seconds
          from ${documents} d, period
          where d.status in ('approved', 'rejected')
            and d.reviewed_at >= period.start_at and d.reviewed_at <= period.end_at)
        select awaiting, oldest_awaiting_seconds, reviewed, median_review_seconds from awaiting, reviewed`,
    'document review figures',
  );
  return row;
}

const ZModerationRow = z.object({ resolved: ZCount, median_seconds: ZSeconds });

/** Flags decided on within the period, and the median time from the flag to the admin's decision. */
export async function moderationDelay(db: Database, period: StatsPeriod) {
  const [row] = await selectRows(
    db,
    ZModerationRow,
    sql`with ${periodCte(period)}
        select count(*)::int as resolved,
          percentile_cont(0.5) within group (order by extract(epoch from f.resolved_at - f.created_at))
            as median_seconds
        from ${flags} f, period
        where f.resolved_at >= period.start_at and f.resolved_at <= period.end_at`,
    'moderation delay',
  );
  return row;
}

const ZWebinarRow = z.object({ month: z.string(), events: ZCount, registrations: ZCount, attended: ZCount });

/** Webinars held (scheduled, started within the period) by month, with their seats taken and attendance. */
export async function webinarsPerMonth(db: Database, period: StatsPeriod) {
  return selectRows(
    db,
    ZWebinarRow,
    sql`with ${periodCte(period)},
        held as (
          select e.id, to_char(e.starts_at at time zone ${TIME_ZONE}, 'YYYY-MM') as month
          from events e, period
          where e.status = 'scheduled' and e.starts_at >= period.start_at and e.starts_at <= period.end_at)
        select h.month, count(distinct h.id)::int as events,
          count(r.id) filter (where r.status = 'registered')::int as registrations,
          count(r.attended_at)::int as attended
        from held h left join event_registrations r on r.event_id = h.id
        group by h.month
        order by h.month`,
    'webinars per month',
  );
}

const ZVerificationRow = z.object({ pending: ZCount, oldest_seconds: ZSeconds, median_seconds: ZSeconds });

/** Pros' files submitted and waiting for a decision: how many, the oldest's wait and the median wait. */
export async function verificationQueue(db: Database, now: Date) {
  const at = now.toISOString();
  const [row] = await selectRows(
    db,
    ZVerificationRow,
    sql`select count(*)::int as pending,
          extract(epoch from ${at}::timestamptz - min(submitted_at))::float8 as oldest_seconds,
          percentile_cont(0.5) within group (order by extract(epoch from ${at}::timestamptz - submitted_at))
            as median_seconds
        from pro_verifications
        where status = 'pending' and submitted_at is not null`,
    'verification queue',
  );
  return row;
}

/** When a snapshot was computed, or undefined when there is none: a cheap check before reading it. */
export async function snapshotTime(db: Database, name: string) {
  const [row] = await db
    .select({ computedAt: statsSnapshots.computedAt })
    .from(statsSnapshots)
    .where(eq(statsSnapshots.name, name));
  return row?.computedAt;
}

/**
 * A snapshot as the job last wrote it, or undefined. Its figures are checked against the contract in
 * development and tests only (`checkRows`): in production the check cost more than the rest of the
 * request on a year's figures, and a change of shape goes with a new snapshot name (`stats.service.ts`).
 */
export async function readSnapshot(db: Database, name: string) {
  const [row] = await db
    .select({ body: statsSnapshots.body, computedAt: statsSnapshots.computedAt })
    .from(statsSnapshots)
    .where(eq(statsSnapshots.name, name));
  if (!row) return undefined;
  const [stats] = checkRows(ZAdminStats, [row.body], 'stats snapshot');
  return stats ? { stats, computedAt: row.computedAt } : undefined;
}

export async function writeSnapshot(db: Database, name: string, body: unknown, computedAt: Date) {
  await db
    .insert(statsSnapshots)
    .values({ name, body, computedAt })
    .onConflictDoUpdate({ target: statsSnapshots.name, set: { body, computedAt } });
}
