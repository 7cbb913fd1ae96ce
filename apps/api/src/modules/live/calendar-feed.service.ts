import { createHmac, randomUUID } from 'node:crypto';
import type { TCalendarFeed } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { hashToken } from '../../lib/tokens';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import {
  activeFeed,
  feedByTokenHash,
  insertFeed,
  lockFeedOwner,
  markFeedUsed,
  revokeActiveFeed,
  seatedEvents,
} from './calendar-feed.queries';
import { addressOf, buildCalendar } from './ics';
import { DAY_MS, fullName, toIcsEvent } from './live.common';
import { peopleById } from './live.queries';

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

/**
 * Writes a user's feed, with `revokeCurrent` after revoking the active one. Writers of one user's feed
 * wait for each other on the user's row: otherwise two rotations at once each revoke the old feed and
 * the second insert meets the first's new feed on the one-active-feed index. `no key update` does not
 * block the rows that reference the user.
 */
async function writeFeed(deps: AppDeps, userId: string, revokeCurrent: boolean) {
  const feed = await withTransaction(deps.pool, async (tx) => {
    await lockFeedOwner(tx, userId);
    if (revokeCurrent) {
      await revokeActiveFeed(tx.db, userId, deps.clock.now());
    } else {
      const current = await activeFeed(tx.db, userId);
      if (current) return current;
    }
    const id = randomUUID();
    return insertFeed(tx, {
      id,
      userId,
      tokenHash: hashToken(tokenOf(deps, id)),
      createdAt: deps.clock.now(),
    });
  });
  return toFeed(deps, feed);
}

/** The caller's feed address, made on first use. */
export async function getCalendarFeed(deps: AppDeps, caller: Caller): Promise<TCalendarFeed> {
  const feed = await activeFeed(deps.db, caller.id);
  return feed ? toFeed(deps, feed) : writeFeed(deps, caller.id, false);
}

/** A new address; the old one stops working at once. */
export async function rotateCalendarFeed(deps: AppDeps, caller: Caller): Promise<TCalendarFeed> {
  return writeFeed(deps, caller.id, true);
}

export async function revokeCalendarFeed(deps: AppDeps, caller: Caller): Promise<void> {
  await revokeActiveFeed(deps.db, caller.id, deps.clock.now());
}

/** How far back the feed keeps past webinars, and how many it lists. */
const FEED_PAST_DAYS = 30;
const FEED_MAX_EVENTS = 500;

/**
 * The feed's content: the webinars the owner has a seat at (not drafts), from 30 days ago on. A webinar
 * cancelled by its host stays, marked CANCELLED, so that calendar apps remove or strike it.
 */
export async function calendarFeedIcs(deps: AppDeps, token: string): Promise<string> {
  const feed = await feedByTokenHash(deps.db, hashToken(token));
  if (!feed) throw new AppError('NOT_FOUND', 'No such calendar');
  const now = deps.clock.now();
  const seated = await seatedEvents(
    deps.db,
    feed.userId,
    new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS),
    FEED_MAX_EVENTS,
  );
  const hosts = await peopleById(
    deps.db,
    seated.map((event) => event.hostId),
  );
  await markFeedUsed(deps.db, feed.id, now);
  return buildCalendar({
    events: seated.map((event) => toIcsEvent(deps, event, fullName(hosts.get(event.hostId)))),
    name: feed.locale === 'fr' ? 'CAPITUNE — Mes webinaires' : 'CAPITUNE — My webinars',
    now,
    organizerEmail: addressOf(deps.config.mailFrom),
  });
}
