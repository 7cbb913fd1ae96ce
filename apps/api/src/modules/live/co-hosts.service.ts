import { AppError, fieldError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import type { Caller } from '../access';
import { activeProStandings, rolesAndStandings } from './live-editing.queries';

/** Who may stand beside the host of a webinar, and who may publish it. */

const notVerified = (message: string) => new AppError('PRO_NOT_VERIFIED', message);

/**
 * Co-hosts are other active pros, verified: a webinar is a way to reach candidates. Returns the ids
 * without duplicates.
 */
export async function checkCoHosts(
  db: Database,
  hostId: string,
  ids: string[],
  now: Date,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.includes(hostId)) {
    throw fieldError('body.coHostIds', 'host_as_co_host', 'The host cannot also be a co-host');
  }
  if (unique.length === 0) return unique;
  const found = await activeProStandings(db, unique, now);
  if (found.length !== unique.length) {
    throw fieldError('body.coHostIds', 'invalid_co_host', 'Co-hosts must be active professionals');
  }
  if (found.some((coHost) => coHost.standing !== 'verified')) {
    throw notVerified('Co-hosts must be verified professionals');
  }
  return unique;
}

/**
 * Publishing reaches candidates: a pro publishes only while verified, and only a verified pro's webinar
 * (a co-host cannot publish for an unverified host). Admins publish anything; drafts need nothing.
 */
export async function assertMayPublish(
  db: Database,
  caller: Caller,
  hostId: string,
  now: Date,
): Promise<void> {
  if (caller.role === 'admin') return;
  const people = await rolesAndStandings(db, [...new Set([caller.id, hostId])], now);
  if (people.some((person) => person.role === 'pro' && person.standing !== 'verified')) {
    throw notVerified('Your licence must be verified before you can publish a webinar');
  }
}
