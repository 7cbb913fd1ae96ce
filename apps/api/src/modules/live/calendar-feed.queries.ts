import { and, asc, eq, gt, isNull, ne } from 'drizzle-orm';
import { calendarFeeds, eventRegistrations, events, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';
import type { Transaction } from '../../platform/db/transaction';

/** Every statement of the personal calendar feeds. */

export type FeedRow = typeof calendarFeeds.$inferSelect;

export async function activeFeed(db: Database, userId: string): Promise<FeedRow | undefined> {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
  return feed;
}

/**
 * Writers of one user's feed wait for each other on the user's row. `no key update` does not block the
 * rows that reference the user.
 */
export async function lockFeedOwner(tx: Transaction, userId: string): Promise<void> {
  await tx.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
}

export async function revokeActiveFeed(db: Database, userId: string, now: Date): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
}

export async function insertFeed(
  tx: Transaction,
  values: { id: string; userId: string; tokenHash: string; createdAt: Date },
): Promise<FeedRow> {
  return returnedRow(await tx.db.insert(calendarFeeds).values(values).returning(), 'calendar feed insert');
}

/** The active feed with this token hash, of an active user. */
export async function feedByTokenHash(db: Database, tokenHash: string) {
  const [feed] = await db
    .select({ id: calendarFeeds.id, userId: calendarFeeds.userId, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(
      and(
        eq(calendarFeeds.tokenHash, tokenHash),
        isNull(calendarFeeds.revokedAt),
        eq(users.status, 'active'),
      ),
    );
  return feed;
}

/** The webinars a user has a seat at (not drafts), ended after `endedAfter`, in start order. */
export async function seatedEvents(db: Database, userId: string, endedAfter: Date, max: number) {
  const rows = await db
    .select({ event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.userId, userId),
        eq(eventRegistrations.status, 'registered'),
        ne(events.status, 'draft'),
        gt(events.endsAt, endedAfter),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(max);
  return rows.map((row) => row.event);
}

export async function markFeedUsed(db: Database, feedId: string, now: Date): Promise<void> {
  await db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.id, feedId));
}
