/**
 * The face of the notifications module: the routes, `notify` (every module that tells a user something),
 * the dashboard's list in SQL, and what the realtime dispatcher reads.
 */

export type { ChannelOutcome, DeliveryRecipient, DeliveryToSend } from './channel-delivery';
export {
  type ChannelSender,
  channelSender,
  deliverySender,
  type RegisteredChannel,
  registerChannelSender,
  unregisterChannelSender,
} from './channel-senders';
export { type DeliverJob, runDeliverJob } from './deliver.worker';
export { deliveriesRoutes } from './deliveries.routes';
export { DUE_SWEEP_QUEUE, runDueSweep } from './digest';
export { emailLinksRoutes } from './email-links.routes';
export { type NotificationParams, notificationText } from './notification-texts';
export { toNotification } from './notifications.mapper';
export { latestNotificationsJson, ZNotificationJson } from './notifications.queries';
export { notificationsRoutes } from './notifications.routes';
export {
  DELIVER_QUEUE,
  type NotificationToSend,
  notificationToDeliver,
  notify,
  pageOfNotifications,
  unreadCount,
} from './notifications.service';
// Text messages (issue 19): the person's number, Twilio's inbound webhook (STOP), the SMS channel's
// sender (registered by app.ts) and the short links of the texts.
export { phoneRoutes } from './phone.routes';
export { PUSH_TTL_SECONDS, sendPushDelivery } from './push-delivery';
export { pushSubscriptionsRoutes } from './push-subscriptions.routes';
export { shortLinkRoutes } from './short-link.routes';
// The `List-Unsubscribe` address of a non-essential email sent outside `notify` (announcements).
export { type UnsubscribeScope, unsubscribeUrl } from './signed-links';
export { sendSmsNotification } from './sms-delivery';
export { smsInboundRoutes } from './sms-inbound.routes';
