/**
 * The face of the notifications module: the routes, `notify` (every module that tells a user something),
 * the dashboard's list in SQL, and what the realtime dispatcher reads.
 */
export { toNotification } from './notifications.mapper';
export { latestNotificationsJson, ZNotificationJson } from './notifications.queries';
export { notificationsRoutes } from './notifications.routes';
export {
  type NotificationToSend,
  notificationToDeliver,
  notify,
  pageOfNotifications,
  unreadCount,
} from './notifications.service';
