import { z } from 'zod';
import { ZUserRole } from './auth';
import { ZDossierStatus, ZLocalized } from './dossiers';
import { ZDate, ZDateTime, ZLine, ZString } from './primitives';

/**
 * The admin console's platform statistics (`GET /api/admin/stats`, `GET /api/admin/stats.csv`): figures
 * over the last 30, 90 or 365 days, computed every few minutes from SQL aggregates and kept as a
 * snapshot. Days and months are Montréal's (America/Toronto); durations are in seconds.
 */

export const statsPeriods = ['30', '90', '365'] as const;
export const ZStatsPeriod = z.enum(statsPeriods);
export type TStatsPeriod = z.infer<typeof ZStatsPeriod>;

export const ZAdminStatsQuery = z.object({ days: ZStatsPeriod.default('30') });
export type TAdminStatsQuery = z.infer<typeof ZAdminStatsQuery>;

const count = z.number().int().min(0);
/** A median or an age in seconds; null when there is nothing to measure. */
const seconds = z.number().min(0).nullable();

export const ZDailyCount = z.object({ day: ZDate, count });
export type TDailyCount = z.infer<typeof ZDailyCount>;

/** Sign-ups of one day, by role. */
export const ZDailySignups = z.object({ day: ZDate, candidate: count, pro: count, admin: count });
export type TDailySignups = z.infer<typeof ZDailySignups>;

export const ZAdminStats = z.object({
  days: z.number().int(),
  /** First and last day of the period (Montréal days), both included. */
  from: ZDate,
  to: ZDate,
  computedAt: ZDateTime,
  /** One entry per day of the period, zeros included. */
  signups: z.array(ZDailySignups),
  /** Distinct members who used a session within the last day, 7 days and 30 days (whatever the period). */
  activeMembers: z.object({ day: count, week: count, month: count }),
  /** Every dossier as it stands, by program and by status. */
  dossiers: z.object({
    byProgram: z.array(z.object({ programId: ZString, name: ZLocalized, count })),
    byStatus: z.array(z.object({ status: ZDossierStatus, count })),
  }),
  documents: z.object({
    awaitingReview: count,
    /** Age of the oldest document awaiting review. */
    oldestAwaitingSeconds: seconds,
    /** Documents reviewed (approved or rejected) within the period, and their median time from upload. */
    reviewed: count,
    medianReviewSeconds: seconds,
  }),
  messages: z.array(ZDailyCount),
  inside: z.object({
    posts: z.array(ZDailyCount),
    flags: z.array(ZDailyCount),
    /** Flags an admin decided on within the period, and the median time from flag to decision. */
    resolvedFlags: count,
    medianModerationSeconds: seconds,
  }),
  /** Webinars held (scheduled, started within the period) by month, with their seats and attendance. */
  webinars: z.array(
    z.object({
      month: ZLine.regex(/^\d{4}-\d{2}$/),
      events: count,
      registrations: count,
      attended: count,
    }),
  ),
  /** Pros' verification files submitted and waiting for a decision. */
  verifications: z.object({ pending: count, oldestWaitingSeconds: seconds, medianWaitingSeconds: seconds }),
});
export type TAdminStats = z.infer<typeof ZAdminStats>;

/** The roles sign-ups are counted by, in the order of the columns. */
export const statsRoles = ZUserRole.options;
