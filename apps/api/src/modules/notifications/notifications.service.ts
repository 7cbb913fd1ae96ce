import {
  defaultNotificationPreferences,
  notificationPreferenceOf,
  type TNotification,
  type TNotificationPage,
  type TNotificationType,
} from '@capitune/contracts';
import { and, count, desc, eq, isNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { notifications, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { anyOf, isoTime } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Transaction } from '../../platform/db/transaction';
import type { EmailToSend } from '../../platform/mailer/outbox';
import { type NoticeEmailKind, noticeEmailAllowed } from '../../platform/rate-limit';

type Recipient = Pick<
  typeof users.$inferSelect,
  'id' | 'email' | 'firstName' | 'lastName' | 'locale' | 'timeZone'
>;

export interface NotificationToSend {
  userId: string;
  type: TNotificationType;
  params?: Record<string, string | number | null>;
  link?: string | null;
  /** The email version, written in the recipient's language; sent when their preferences allow. */
  email?: (recipient: Recipient) => EmailToSend;
  /** The recipient's limit on such emails: beyond it they are told in the app only. */
  emailLimit?: NoticeEmailKind;
}

/**
 * Notifies a user in the caller's transaction: in-app and by email, each as their preferences say for
 * this kind of event. Returns the in-app notification's id, if one was created.
 */
export async function notify(
  deps: AppDeps,
  tx: Transaction,
  notification: NotificationToSend,
): Promise<string | null> {
  const [recipient] = await tx.db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      locale: users.locale,
      timeZone: users.timeZone,
      preferences: users.notificationPreferences,
    })
    .from(users)
    .where(eq(users.id, notification.userId));
  if (!recipient) return null;
  const preference = notificationPreferenceOf[notification.type];
  const channels = { ...defaultNotificationPreferences, ...recipient.preferences }[preference];

  let id: string | null = null;
  if (channels.inApp) {
    const [row] = await tx.db
      .insert(notifications)
      .values({
        userId: recipient.id,
        type: notification.type,
        params: notification.params ?? {},
        link: notification.link ?? null,
        createdAt: deps.clock.now(),
      })
      .returning({ id: notifications.id });
    id = row?.id ?? null;
    if (id)
      await deps.bus.publish({ type: 'notification', userId: recipient.id, notificationId: id }, tx.client);
  }
  if (
    channels.email &&
    notification.email &&
    (!notification.emailLimit ||
      (await noticeEmailAllowed(tx.db, notification.emailLimit, recipient.id, deps.clock.now())))
  ) {
    await deps.outbox.enqueue(tx, notification.email(recipient));
  }
  return id;
}

function toNotification(row: typeof notifications.$inferSelect): TNotification {
  return {
    id: row.id,
    type: row.type as TNotificationType,
    params: row.params,
    link: row.link,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function unreadCount(deps: AppDeps, userId: string): Promise<number> {
  const [row] = await deps.db
    .select({ value: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.value ?? 0;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listNotifications(
  deps: AppDeps,
  userId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<TNotificationPage> {
  return { ...(await pageOfNotifications(deps, userId, page)), unreadCount: await unreadCount(deps, userId) };
}

/** A page of the user's notifications, newest first, without the unread count. */
export async function pageOfNotifications(
  deps: AppDeps,
  userId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Omit<TNotificationPage, 'unreadCount'>> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await builtQuery(deps.db, after ? 'notifications.page_after' : 'notifications.page', (db) =>
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
  ).execute({ user: userId, at: after?.at, id: after?.id, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toNotification),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/**
 * The user's latest notifications as JSON, for a page that reads them within its own statement (the
 * dashboard): the objects `pageOfNotifications` returns, newest first.
 */
export function latestNotificationsJson(user: SQLWrapper, limit: number): SQL<TNotification[]> {
  return sql`coalesce((
    select json_agg(json_build_object('id', n.id, 'type', n.type, 'params', n.params, 'link', n.link,
      'readAt', ${isoTime(sql`n.read_at`)}, 'createdAt', ${isoTime(sql`n.created_at`)})
      order by n.created_at desc, n.id desc)
    from (select * from notifications where user_id = ${user} order by created_at desc, id desc limit ${limit}) n
  ), '[]')`;
}

export async function markRead(
  deps: AppDeps,
  userId: string,
  which: { ids: string[] } | { all: true },
): Promise<number> {
  const now = deps.clock.now();
  await deps.db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        'ids' in which ? anyOf(notifications.id, which.ids) : undefined,
      ),
    );
  return unreadCount(deps, userId);
}
