import type { TProStanding } from '@capitune/contracts';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { platformToday, standingOf } from './standing';
import { ownLicenceOf, standingBasisOf } from './standing.queries';

/**
 * The standing one pro works under now: a licensee's own, an agent's supervisor's (`not_verified` for
 * anyone with neither).
 */
export async function proStanding(db: Database, userId: string, now: Date): Promise<TProStanding> {
  return standingOf(await standingBasisOf(db, userId), platformToday(now));
}

/** The standing of a pro's own licence: `not_verified` for an agent, who has none. */
export async function licenceStanding(db: Database, userId: string, now: Date): Promise<TProStanding> {
  return standingOf(await ownLicenceOf(db, userId), platformToday(now));
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
