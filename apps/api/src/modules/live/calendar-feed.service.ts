import { createHmac, randomUUID } from 'node:crypto';
import type { TCalendarFeed } from '@capitune/contracts';
import { and, asc, eq, gt, isNull, ne } from 'drizzle-orm';
import { calendarFeeds, eventRegistrations, events, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { hashToken } from '../../lib/tokens';
import { withTransaction } from '../../platform/db/transaction';
import { addressOf, buildCalendar } from './ics';
import { DAY_MS, fullName, peopleById, toIcsEvent } from './live.common';

/**
 * The personal calendar feed: `/api/calendar/<token>.ics`, a secret address that calendar apps poll.
 * The token is an HMAC of the feed's id under a key derived from the server secret, so the address can
 * be shown again without being stored; only its SHA-256 is in the database (a leak of the table gives no
 * usable address). Rotating makes a new feed and revokes the old one; a revoked or unknown token is a 404.
 */

const feedKeys = new WeakMap<Uint8Array, Buffer>();
function feedKey(secret: Uint8Array): Buffer {
  let key = feedKeys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('capitune:calendar-feed:v1').digest();
    feedKeys.set(secret, key);
  }
  return key;
}

const tokenOf = (deps: AppDeps, feedId: string) =>
  createHmac('sha256', feedKey(deps.config.jwtSecret)).update(feedId).digest('base64url');

function toFeed(deps: AppDeps, feed: { id: string; createdAt: Date }): TCalendarFeed {
  const url = `${deps.config.publicUrl}/api/calendar/${tokenOf(deps, feed.id)}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt: feed.createdAt.toISOString() };
}

async function activeFeed(db: AppDeps['db'], userId: string) {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
  return feed;
}

/**
 * Writes a user's feed, with `revokeCurrent` after revoking the active one. Writers of one user's feed
 * wait for each other on the user's row: otherwise two rotations at once each revoke the old feed and
 * the second insert meets the first's new feed on the one-active-feed index. `no key update` does not
 * block the rows that reference the user.
 */
async function writeFeed(deps: AppDeps, userId: string, revokeCurrent: boolean) {
  const feed = await withTransaction(deps.pool, async (tx) => {
    await tx.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
    if (revokeCurrent) {
      await tx.db
        .update(calendarFeeds)
        .set({ revokedAt: deps.clock.now() })
        .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
    } else {
      const current = await activeFeed(tx.db, userId);
      if (current) return current;
    }
    const id = randomUUID();
    const [created] = await tx.db
      .insert(calendarFeeds)
      .values({ id, userId, tokenHash: hashToken(tokenOf(deps, id)), createdAt: deps.clock.now() })
      .returning();
    return created;
  });
  if (!feed) throw new Error('calendar feed insert returned nothing');
  return toFeed(deps, feed);
}

/** The user's feed address, made on first use. */
export async function getCalendarFeed(deps: AppDeps, userId: string): Promise<TCalendarFeed> {
  const feed = await activeFeed(deps.db, userId);
  return feed ? toFeed(deps, feed) : writeFeed(deps, userId, false);
}

/** A new address; the old one stops working at once. */
export async function rotateCalendarFeed(deps: AppDeps, userId: string): Promise<TCalendarFeed> {
  return writeFeed(deps, userId, true);
}

export async function revokeCalendarFeed(deps: AppDeps, userId: string): Promise<void> {
  await deps.db
    .update(calendarFeeds)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
}

/** How far back the feed keeps past webinars, and how many it lists. */
const FEED_PAST_DAYS = 30;
const FEED_MAX_EVENTS = 500;

/**
 * The feed's content: the webinars the owner has a seat at (not drafts), from 30 days ago on. A webinar
 * cancelled by its host stays, marked CANCELLED, so that calendar apps remove or strike it.
 */
export async function calendarFeedIcs(deps: AppDeps, token: string): Promise<string> {
  const [feed] = await deps.db
    .select({ id: calendarFeeds.id, userId: calendarFeeds.userId, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(
      and(
        eq(calendarFeeds.tokenHash, hashToken(token)),
        isNull(calendarFeeds.revokedAt),
        eq(users.status, 'active'),
      ),
    );
  if (!feed) throw new AppError('NOT_FOUND', 'No such calendar');
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.userId, feed.userId),
        eq(eventRegistrations.status, 'registered'),
        ne(events.status, 'draft'),
        gt(events.endsAt, new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(FEED_MAX_EVENTS);
  const hosts = await peopleById(
    deps.db,
    rows.map((row) => row.event.hostId),
  );
  await deps.db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.id, feed.id));
  return buildCalendar({
    events: rows.map(({ event }) => toIcsEvent(deps, event, fullName(hosts.get(event.hostId)))),
    name: feed.locale === 'fr' ? 'CAPITUNE — Mes webinaires' : 'CAPITUNE — My webinars',
    now,
    organizerEmail: addressOf(deps.config.mailFrom),
  });
}
