import { z } from 'zod';
import { ZDateTime, ZLine, ZString } from './primitives';

/**
 * Outgoing webhooks (issue 19): a firm's licensee registers https endpoints of the firm's own tools (or of
 * an automation service) for some event types. Each delivery is signed per the Standard Webhooks
 * specification (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and carries ids and minimal data,
 * never a document's contents or a message's text.
 */

export const webhookEventTypes = [
  /** A dossier was assigned to the firm (its request accepted), or its assignment ended. */
  'dossier.assigned',
  'dossier.assignment_ended',
  /** A client uploaded a document to one of the firm's dossiers (ids, checklist line, file type and size). */
  'document.uploaded',
  /** A document of the firm's dossiers was approved or rejected. */
  'document.reviewed',
  /** A client wrote in a dossier's chat (ids only, never the text). */
  'message.received',
  /** A milestone of a dossier was added or changed. */
  'milestone.updated',
  /** Someone registered to a webinar hosted by a pro of the firm. */
  'webinar.registration_created',
] as const;
export const ZWebhookEventType = z.enum(webhookEventTypes);
export type TWebhookEventType = z.infer<typeof ZWebhookEventType>;

/** Every delivery's body: the Standard Webhooks envelope. `webhook.test` is what "send a test" sends. */
export const ZWebhookPayload = z.object({
  type: z.union([ZWebhookEventType, z.literal('webhook.test')]),
  timestamp: ZDateTime,
  data: z.record(ZString, z.union([ZString, z.number(), z.boolean(), z.null()])),
});
export type TWebhookPayload = z.infer<typeof ZWebhookPayload>;

/**
 * `POST /api/firms/{id}/webhooks`: an https address of a public host (400 WEBHOOK_URL_NOT_ALLOWED for
 * http, or a host that resolves to a private, loopback or link-local address).
 */
export const ZWebhookEndpointBody = z.strictObject({
  url: ZLine.trim().max(2048),
  description: ZLine.trim().max(200).default(''),
  eventTypes: z.array(ZWebhookEventType).min(1).max(webhookEventTypes.length),
});
export type TWebhookEndpointBody = z.infer<typeof ZWebhookEndpointBody>;

/** `PATCH /api/firms/{id}/webhooks/{wid}`: change the events or the description, or enable a disabled endpoint. */
export const ZWebhookEndpointUpdate = z.strictObject({
  description: ZLine.trim().max(200).optional(),
  eventTypes: z.array(ZWebhookEventType).min(1).max(webhookEventTypes.length).optional(),
  enabled: z.boolean().optional(),
});

export const ZWebhookEndpoint = z.object({
  id: z.uuid(),
  url: ZString,
  description: ZString,
  eventTypes: z.array(ZWebhookEventType),
  /** `disabled` after a delivery failed for 24 hours (the firm's licensees are emailed), or by hand. */
  status: z.enum(['active', 'disabled']),
  disabledReason: ZString.nullable(),
  /** When the previous secret stops being used to sign (after a rotation), or null. */
  previousSecretExpiresAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
});
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

/** Answered once, when the endpoint is created or its secret rotated: the `whsec_…` secret to verify with. */
export const ZWebhookEndpointWithSecret = ZWebhookEndpoint.extend({ secret: ZString });
export type TWebhookEndpointWithSecret = z.infer<typeof ZWebhookEndpointWithSecret>;

export const ZWebhookEndpointList = z.object({ items: z.array(ZWebhookEndpoint) });

/**
 * `POST /api/firms/{id}/webhooks/{wid}/rotate-secret`: a new secret signs from now on; both sign (two
 * signatures in `webhook-signature`) for `overlapHours` (default 24), then only the new one.
 */
export const ZWebhookRotateBody = z.strictObject({
  overlapHours: z.number().int().min(0).max(168).default(24),
});

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export const ZWebhookDeliveryStatus = z.enum(webhookDeliveryStatuses);

/** One attempt to deliver: the answer's status code, or the network error. */
export const ZWebhookAttempt = z.object({
  at: ZDateTime,
  statusCode: z.number().int().nullable(),
  error: ZString.nullable(),
  durationMs: z.number().int(),
});

export const ZWebhookDelivery = z.object({
  /** Also the `webhook-id` header (`msg_` and this id): the same on every attempt, for the receiver to deduplicate. */
  id: z.uuid(),
  eventType: z.union([ZWebhookEventType, z.literal('webhook.test')]),
  /** `pending` while tries remain, `delivered` on a 2xx, `failed` after 24 hours of failures. */
  status: ZWebhookDeliveryStatus,
  attempts: z.array(ZWebhookAttempt),
  nextAttemptAt: ZDateTime.nullable(),
  deliveredAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
  payload: ZWebhookPayload,
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryPage = z.object({
  items: z.array(ZWebhookDelivery),
  nextCursor: ZString.nullable(),
});
export type TWebhookDeliveryPage = z.infer<typeof ZWebhookDeliveryPage>;
