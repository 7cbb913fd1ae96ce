/** The rules of a pro's standing (pure): the platform's day, the grace after a renewal date. */
import type { TProStanding, TVerificationStatus } from '@capitune/contracts';
import { dateTimeFormat } from '../../lib/intl';

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
