import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { sessions, users } from '../db/schema';
import { ACCESS_TOKEN_TTL_SECONDS } from '../lib/tokens';
import type { Clock } from './clock';
import type { Database } from './db/database';
import { selectRows } from './db/rows';
import type { EventBus } from './realtime/event-bus';

/** The session an access token names: its id and the user it must belong to. */
export interface SessionClaim {
  sessionId: string;
  userId: string;
}

export interface SessionRegistry {
  /**
   * Whether the token's session is open (not ended, not expired, its account not suspended). Answered
   * from memory for a session this instance has checked before; the first request of a session on an
   * instance reads the database once.
   */
  isLive(claim: SessionClaim): Promise<boolean>;
  close(): void;
}

/** Sessions known to be open or over, kept per instance (the least recently used go first). */
const MAX_KEPT = 100_000;
/**
 * How long a session stays known as open before it is read again: bounds what a notice lost by the bus
 * would cost, without a query per request.
 */
const RECHECK_AFTER_MS = 60_000;
/** How long an ended session is remembered, so a refused token costs no query: its tokens' lifetime. */
const ENDED_KEPT_MS = ACCESS_TOKEN_TTL_SECONDS * 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Access tokens die with their session on every instance (decision 009). Every revocation is published
 * on the event bus (`sessions_revoked`); each instance, the one that ended the session included, forgets
 * it from its known-open sessions when the notice arrives, so the next request with its token reads the
 * database, finds it ended, and is refused. After the bus reconnects (notices may have been missed) every
 * session is read again.
 */
export function createSessionRegistry(db: Database, clock: Clock, bus: EventBus): SessionRegistry {
  /** Open sessions, by id, with their user (a token must name the session's own user). */
  const live = new LRUCache<string, string>({ max: MAX_KEPT, ttl: RECHECK_AFTER_MS });
  const ended = new LRUCache<string, true>({ max: MAX_KEPT, ttl: ENDED_KEPT_MS });
  const reading = new Map<string, Promise<boolean>>();
  // Moves on every resync: a read that began before it may have missed a revocation, so it is not kept.
  let generation = 0;

  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'resync') {
      generation += 1;
      live.clear();
    } else if (event.type === 'sessions_revoked') {
      for (const sessionId of event.sessionIds) {
        live.delete(sessionId);
        ended.set(sessionId, true);
      }
    }
  });

  async function read({ sessionId, userId }: SessionClaim): Promise<boolean> {
    const startedIn = generation;
    const [row] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.id, sessionId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, clock.now()),
          eq(users.status, 'active'),
        ),
      );
    // A revocation that arrived while the row was read wins over what the row said.
    if (!row || ended.has(sessionId)) {
      ended.set(sessionId, true);
      return false;
    }
    if (startedIn === generation) live.set(sessionId, userId);
    return true;
  }

  return {
    async isLive(claim) {
      const userId = live.get(claim.sessionId);
      if (userId !== undefined) return userId === claim.userId;
      if (ended.has(claim.sessionId) || !UUID.test(claim.sessionId)) return false;
      // Simultaneous first requests of a session share one read.
      const key = `${claim.sessionId}:${claim.userId}`;
      let pending = reading.get(key);
      if (!pending) {
        pending = read(claim).finally(() => reading.delete(key));
        reading.set(key, pending);
      }
      return pending;
    },
    close: unsubscribe,
  };
}

const ZEndedCount = z.object({ ended: z.number() });

/**
 * Ends every open session of a user in one statement, which also publishes `sessions_revoked` with the
 * ended ids: delivered on commit, every instance's registry forgets them. How many ended. Shared by the
 * auth module (suspension, an admin's decision) and the privacy module (an account's deletion).
 */
export async function endAllSessions(
  bus: EventBus,
  db: Database,
  userId: string,
  reason: string,
  now: Date,
): Promise<number> {
  const [row] = await selectRows(
    db,
    ZEndedCount,
    sql`
    with ended as (
      update sessions set revoked_at = ${now}, revoked_reason = ${reason}
      where user_id = ${userId} and revoked_at is null
      returning id)
    select count(*)::int as ended, ${bus.publishing({ type: 'sessions_revoked', userId, sessionIds: sql`json_agg(id)` })}
    from ended
    having count(*) > 0`,
    'sessions.end_all',
  );
  return row?.ended ?? 0;
}
