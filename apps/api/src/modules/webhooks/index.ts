/**
 * The face of the webhooks module (outgoing webhooks of firms, issue 19): what the app, other modules
 * and workers may use. The only file another module imports.
 *
 * Who uses what: app.ts the routes; the modules whose actions are events (documents, messages,
 * dossiers, live) `emitWebhookEvent` in their transaction; workers.ts the delivery run.
 */
export { runWebhookDeliveries } from './delivery.worker';
export { webhooksRoutes } from './webhooks.routes';
export {
  emitWebhookEvent,
  emitWebhookEventOfPro,
  WEBHOOKS_DELIVER_QUEUE,
  type WebhookEvent,
} from './webhooks.service';
