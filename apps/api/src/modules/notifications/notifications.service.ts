import {
  notificationPreferenceOf,
  resolveNotificationPreferences,
  type TNotification,
  type TNotificationPage,
  type TNotificationType,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Database } from '../../platform/db/database';
import type { Transaction } from '../../platform/db/transaction';
import type { EmailToSend } from '../../platform/mailer/outbox';
import { type NoticeEmailKind, noticeEmailAllowed } from '../../platform/rate-limit';
import { toNotification } from './notifications.mapper';
import {
  insertNotification,
  notificationRow,
  notificationRows,
  type RecipientRow,
  recipientRow,
  setNotificationsRead,
  unreadNotificationCount,
} from './notifications.queries';

type Recipient = Omit<RecipientRow, 'preferences'>;

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
  const recipient = await recipientRow(tx.db, notification.userId);
  if (!recipient) return null;
  const preference = notificationPreferenceOf[notification.type];
  const channels = resolveNotificationPreferences(recipient.preferences)[preference];

  let id: string | null = null;
  if (channels.inApp) {
    id = await insertNotification(tx.db, {
      userId: recipient.id,
      type: notification.type,
      params: notification.params ?? {},
      link: notification.link ?? null,
      createdAt: deps.clock.now(),
    });
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

export async function unreadCount(deps: Pick<AppDeps, 'db'>, userId: string): Promise<number> {
  return unreadNotificationCount(deps.db, userId);
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
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Omit<TNotificationPage, 'unreadCount'>> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await notificationRows(deps.db, userId, after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toNotification),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** Marks some or all of the user's notifications read; returns how many are left unread. */
export async function markRead(
  deps: AppDeps,
  userId: string,
  which: { ids: string[] } | { all: true },
): Promise<number> {
  await setNotificationsRead(deps.db, userId, 'ids' in which ? which.ids : 'all', deps.clock.now());
  return unreadCount(deps, userId);
}

/**
 * A notification to push to its recipient's sockets, with their unread count; null when it is not
 * theirs (or gone). The realtime dispatcher's read.
 */
export async function notificationToDeliver(
  db: Database,
  userId: string,
  notificationId: string,
): Promise<{ notification: TNotification; unreadCount: number } | null> {
  const row = await notificationRow(db, userId, notificationId);
  if (!row) return null;
  return { notification: toNotification(row), unreadCount: await unreadNotificationCount(db, userId) };
}
