import type { AuthUser } from '../../lib/tokens';
import type { Database } from '../../platform/db/database';
import { sessionIsOpen } from './realtime.queries';

/**
 * Whether a socket's token still has its session: read fresh at every (re)authentication, as a socket
 * lives for hours while the session registry's recheck is meant for short requests.
 */
export function socketSessionIsOpen(db: Database, user: AuthUser, now: Date): Promise<boolean> {
  return sessionIsOpen(db, user.sessionId, now);
}
