import type { TNotification, TNotificationType } from '@capitune/contracts';
import type { NotificationRow } from './notifications.queries';

/**
 * The one mapper of a notification (pages, the socket's `notification` event). `latestNotificationsJson`
 * builds the same object in SQL: a test asserts both agree.
 */
export function toNotification(row: NotificationRow): TNotification {
  return {
    id: row.id,
    type: row.type as TNotificationType,
    params: row.params,
    link: row.link,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
