import type { TProStanding, TVerificationStatus } from '@capitune/contracts';
import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { proStandingBasis, proVerifications } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { dateTimeFormat } from '../../lib/intl';
import type { Database } from '../../platform/db/database';

/** Days a pro keeps their current clients after the licence renewal date passed without a re-check. */
export const GRACE_DAYS = 30;

/** The platform's calendar day (Montréal), as `YYYY-MM-DD`: renewal dates are days, not instants. */
export function platformToday(now: Date): string {
  return dateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `date` plus `days`, both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The last day of the grace that follows a renewal date. */
export function graceEndsOn(renewalDate: string): string {
  return addDays(renewalDate, GRACE_DAYS);
}

/**
 * What candidates see of a pro. `verified`: badge, listed, can take new clients. `grace`: the renewal date
 * passed less than GRACE_DAYS ago: no badge, unlisted, keeps current clients. Anything else: `not_verified`.
 */
export function standingOf(
  verification: { status: TVerificationStatus; renewalDate: string | null } | null | undefined,
  today: string,
): TProStanding {
  if (verification?.status !== 'verified') return 'not_verified';
  const { renewalDate } = verification;
  if (!renewalDate || renewalDate >= today) return 'verified';
  return graceEndsOn(renewalDate) >= today ? 'grace' : 'not_verified';
}

/**
 * The same rule in SQL, for a row with a status and a renewal date: by default the view
 * `pro_standing_basis` (a licensee's own file, an agent's supervisor's), which the query must join. Pass
 * `proVerifications` for a pro's own licence (what reaching candidates needs). `today` may be a
 * placeholder, for prepared statements that outlive a day.
 */
export function standingSql(
  today: string | SQLWrapper,
  v: { status: unknown; renewalDate: unknown } = proStandingBasis,
): SQL<TProStanding> {
  return sql<TProStanding>`case
    when ${v.status} is distinct from 'verified' then 'not_verified'
    when ${v.renewalDate} is null or ${v.renewalDate} >= ${today}::date then 'verified'
    when ${v.renewalDate} + ${GRACE_DAYS}::int >= ${today}::date then 'grace'
    else 'not_verified' end`;
}

/**
 * The standing one pro works under now: a licensee's own, an agent's supervisor's (`not_verified` for
 * anyone with neither).
 */
export async function proStanding(db: Database, userId: string, now: Date): Promise<TProStanding> {
  const [row] = await db
    .select({ status: proStandingBasis.status, renewalDate: proStandingBasis.renewalDate })
    .from(proStandingBasis)
    .where(eq(proStandingBasis.userId, userId));
  return standingOf(row, platformToday(now));
}

/** The standing of a pro's own licence: `not_verified` for an agent, who has none. */
export async function licenceStanding(db: Database, userId: string, now: Date): Promise<TProStanding> {
  const [row] = await db
    .select({ status: proVerifications.status, renewalDate: proVerifications.renewalDate })
    .from(proVerifications)
    .where(eq(proVerifications.userId, userId));
  return standingOf(row, platformToday(now));
}

/**
 * The rule of the trust layer: until verified (and while the licence is current), a pro cannot reach
 * candidates — be listed, receive or accept requests, invite, publish webinars. It needs a licence of the
 * pro's own: an agent works on the firm's dossiers under a licensee, but reaches no candidate alone.
 */
export async function assertCanReachCandidates(db: Database, userId: string, now: Date): Promise<void> {
  if ((await licenceStanding(db, userId, now)) !== 'verified') {
    throw new AppError('PRO_NOT_VERIFIED', 'Your licence must be verified before you can reach candidates');
  }
}
