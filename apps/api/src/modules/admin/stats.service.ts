import { statsPeriods, type TAdminStats, type TStatsPeriod } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { csvDocument } from '../../lib/csv';
import { type Caller, requireRole } from '../access';
import {
  activeMembers,
  documentFigures,
  dossierGroups,
  flagsPerDay,
  messagesPerDay,
  moderationDelay,
  periodDays,
  postsPerDay,
  readSnapshot,
  type StatsPeriod,
  signupsPerDay,
  snapshotTime,
  verificationQueue,
  webinarsPerMonth,
  writeSnapshot,
} from './stats.queries';

/** The queue of the job that recomputes every period's snapshot (every 5 minutes, see workers.ts). */
export const STATS_REFRESH_QUEUE = 'admin.stats-refresh';

/** One snapshot per period; the version changes with the shape of the figures, so none is read as another. */
const snapshotName = (days: TStatsPeriod) => `admin-stats:v1:${days}`;

/**
 * The figures of one period, from one aggregate per group. One after the other: run side by side they
 * would take every connection of the pool from the requests of this instance for a second or two.
 */
export async function computeStats(deps: Pick<AppDeps, 'db'>, period: StatsPeriod): Promise<TAdminStats> {
  const { db } = deps;
  const days = await periodDays(db, period);
  const signups = await signupsPerDay(db, period);
  const active = await activeMembers(db, period.now);
  const dossiers = await dossierGroups(db);
  const docs = await documentFigures(db, period);
  const messages = await messagesPerDay(db, period);
  const posts = await postsPerDay(db, period);
  const flags = await flagsPerDay(db, period);
  const moderation = await moderationDelay(db, period);
  const webinars = await webinarsPerMonth(db, period);
  const verifications = await verificationQueue(db, period.now);
  return {
    days: period.days,
    from: days?.from_day ?? '',
    to: days?.to_day ?? '',
    computedAt: period.now.toISOString(),
    signups,
    activeMembers: active ?? { day: 0, week: 0, month: 0 },
    dossiers: {
      byProgram: dossiers.flatMap((row) =>
        row.program_id !== null && row.name !== null
          ? [{ programId: row.program_id, name: row.name, count: row.count }]
          : [],
      ),
      byStatus: dossiers.flatMap((row) =>
        row.status !== null ? [{ status: row.status, count: row.count }] : [],
      ),
    },
    documents: {
      awaitingReview: docs?.awaiting ?? 0,
      oldestAwaitingSeconds: docs?.oldest_awaiting_seconds ?? null,
      reviewed: docs?.reviewed ?? 0,
      medianReviewSeconds: docs?.median_review_seconds ?? null,
    },
    messages,
    inside: {
      posts,
      flags,
      resolvedFlags: moderation?.resolved ?? 0,
      medianModerationSeconds: moderation?.median_seconds ?? null,
    },
    webinars,
    verifications: {
      pending: verifications?.pending ?? 0,
      oldestWaitingSeconds: verifications?.oldest_seconds ?? null,
      medianWaitingSeconds: verifications?.median_seconds ?? null,
    },
  };
}

/** Computes and keeps the snapshot of one period. */
async function refreshPeriod(deps: Pick<AppDeps, 'db' | 'clock'>, days: TStatsPeriod): Promise<TAdminStats> {
  const now = deps.clock.now();
  const stats = await computeStats(deps, { now, days: Number(days) });
  await writeSnapshot(deps.db, snapshotName(days), stats, now);
  return stats;
}

/** The job: every period's snapshot, one after the other. */
export async function refreshStats(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<void> {
  for (const days of statsPeriods) await refreshPeriod(deps, days);
}

/**
 * The figures of a period as the job last computed them (`computedAt` says when). Computed here once
 * when no snapshot exists yet (a fresh install, before the job's first run).
 */
export async function platformStats(deps: AppDeps, caller: Caller, days: TStatsPeriod): Promise<TAdminStats> {
  requireRole(caller, 'admin');
  return (await keptSnapshot(deps, snapshotName(days))) ?? refreshPeriod(deps, days);
}

/**
 * The snapshots this instance last read, per database. A year's figures are some 60 KB of JSON: they are
 * read again only when the job has written newer ones, which a one-column read tells.
 */
const lastRead = new WeakMap<object, Map<string, { computedAt: number; stats: TAdminStats }>>();

async function keptSnapshot(deps: Pick<AppDeps, 'db'>, name: string): Promise<TAdminStats | undefined> {
  const computedAt = await snapshotTime(deps.db, name);
  if (!computedAt) return undefined;
  const kept = lastRead.get(deps.db)?.get(name);
  if (kept?.computedAt === computedAt.getTime()) return kept.stats;
  const read = await readSnapshot(deps.db, name);
  if (!read) return undefined;
  const byName = lastRead.get(deps.db) ?? new Map();
  byName.set(name, { computedAt: read.computedAt.getTime(), stats: read.stats });
  lastRead.set(deps.db, byName);
  return read.stats;
}

/** The same figures as CSV, one value a row: metric, dimension, day (or month), value. */
export function statsCsvRows(stats: TAdminStats): string[][] {
  const rows: string[][] = [['metric', 'dimension', 'day', 'value']];
  const add = (metric: string, dimension: string, day: string, value: number | null) => {
    if (value !== null) rows.push([metric, dimension, day, String(value)]);
  };
  for (const entry of stats.signups) {
    add('signups', 'candidate', entry.day, entry.candidate);
    add('signups', 'pro', entry.day, entry.pro);
    add('signups', 'admin', entry.day, entry.admin);
  }
  add('active_members', '1d', stats.to, stats.activeMembers.day);
  add('active_members', '7d', stats.to, stats.activeMembers.week);
  add('active_members', '30d', stats.to, stats.activeMembers.month);
  for (const entry of stats.dossiers.byProgram)
    add('dossiers_by_program', entry.programId, stats.to, entry.count);
  for (const entry of stats.dossiers.byStatus) add('dossiers_by_status', entry.status, stats.to, entry.count);
  add('documents_awaiting_review', '', stats.to, stats.documents.awaitingReview);
  add('documents_oldest_awaiting_seconds', '', stats.to, stats.documents.oldestAwaitingSeconds);
  add('documents_reviewed', '', stats.to, stats.documents.reviewed);
  add('documents_median_review_seconds', '', stats.to, stats.documents.medianReviewSeconds);
  for (const entry of stats.messages) add('messages', '', entry.day, entry.count);
  for (const entry of stats.inside.posts) add('inside_posts', '', entry.day, entry.count);
  for (const entry of stats.inside.flags) add('inside_flags', '', entry.day, entry.count);
  add('inside_flags_resolved', '', stats.to, stats.inside.resolvedFlags);
  add('inside_median_moderation_seconds', '', stats.to, stats.inside.medianModerationSeconds);
  for (const entry of stats.webinars) {
    add('webinars', 'events', entry.month, entry.events);
    add('webinars', 'registrations', entry.month, entry.registrations);
    add('webinars', 'attended', entry.month, entry.attended);
  }
  add('verifications_pending', '', stats.to, stats.verifications.pending);
  add('verifications_oldest_waiting_seconds', '', stats.to, stats.verifications.oldestWaitingSeconds);
  add('verifications_median_waiting_seconds', '', stats.to, stats.verifications.medianWaitingSeconds);
  return rows;
}

export async function platformStatsCsv(deps: AppDeps, caller: Caller, days: TStatsPeriod) {
  const stats = await platformStats(deps, caller, days);
  return { filename: `capitune-stats-${stats.to}-${days}d.csv`, body: csvDocument(statsCsvRows(stats)) };
}
