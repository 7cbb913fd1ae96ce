import { type TNotification, ZNotificationType } from '@capitune/contracts';
import { and, count, desc, eq, isNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import { anyOf, isoTime } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';

/** A notification as stored (what `toNotification` maps to the contract's shape). */
export type NotificationRow = typeof notifications.$inferSelect;

/** Stores an in-app notification; returns its id. */
export async function insertNotification(
  db: Database,
  values: {
    userId: string;
    type: string;
    params: Record<string, string | number | null>;
    link: string | null;
    createdAt: Date;
  },
): Promise<string> {
  const rows = await db.insert(notifications).values(values).returning({ id: notifications.id });
  return returnedRow(rows, 'notification insert').id;
}

export async function unreadNotificationCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.value ?? 0;
}

/** One of the user's notifications (none if it is someone else's). */
export async function notificationRow(
  db: Database,
  userId: string,
  notificationId: string,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)));
  return row;
}

/** Newest first, keyset-paginated on (created_at, id): `limit` rows after `after`. */
export function notificationRows(
  db: Database,
  userId: string,
  after: Cursor | null,
  limit: number,
): Promise<NotificationRow[]> {
  return builtQuery(db, after ? 'notifications.page_after' : 'notifications.page', (db) =>
    db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, sql.placeholder('user')),
          after
            ? sql`(${notifications.createdAt}, ${notifications.id}) < (${sql.placeholder('at')}, ${sql.placeholder('id')})`
            : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(sql.placeholder('limit')),
  ).execute({ user: userId, at: after?.at, id: after?.id, limit });
}

/** Marks the user's unread notifications read: those of `ids`, or all of them. */
export async function setNotificationsRead(
  db: Database,
  userId: string,
  ids: string[] | 'all',
  now: Date,
): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : anyOf(notifications.id, ids),
      ),
    );
}

/**
 * A notification as `latestNotificationsJson` builds it: the contract's shape, checked without
 * transforming (`checkRows`). A test asserts it equals what `toNotification` gives for the same row.
 */
export const ZNotificationJson = z.object({
  id: z.string(),
  type: ZNotificationType,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

/**
 * The user's latest notifications as JSON, for a page that reads them within its own statement (the
 * dashboard): the objects `pageOfNotifications` returns, newest first (row schema: `ZNotificationJson`).
 */
export function latestNotificationsJson(user: SQLWrapper | string, limit: number): SQL<TNotification[]> {
  return sql`coalesce((
    select json_agg(json_build_object('id', n.id, 'type', n.type, 'params', n.params, 'link', n.link,
      'readAt', ${isoTime(sql`n.read_at`)}, 'createdAt', ${isoTime(sql`n.created_at`)})
      order by n.created_at desc, n.id desc)
    from (select * from notifications where user_id = ${user} order by created_at desc, id desc limit ${limit}) n
  ), '[]')`;
}
