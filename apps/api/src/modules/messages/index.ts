/**
 * The face of the messages module: the routes, the unread-messages emails (a worker), and what the
 * realtime dispatcher reads (a message to deliver, who sees a conversation, everyone's unread totals).
 */

export { unreadMessagesEmail } from './messages.emails';
export { toMessage } from './messages.mapper';
export { messagesRoutes } from './messages.routes';
export { conversationOf, messageToDeliver, unreadTotals } from './messages.service';
export { sendUnreadMessageEmails } from './unread-emails.service';
