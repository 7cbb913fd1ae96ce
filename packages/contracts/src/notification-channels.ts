import { z } from 'zod';
import { ZNotificationChannel } from './auth';
import { ZLocale } from './locale';
import { ZNotificationType } from './notifications';
import { ZDateTime, ZLine, ZString } from './primitives';
import { ZOneTimeCode, ZPhoneNumber } from './security';

/**
 * Notifications V2 (issue 19): the channels beyond the app (web push on a person's devices, text messages
 * to a verified number), the delivery log, and the one-click unsubscribe of non-essential emails.
 */

// Web push

/**
 * A key of a browser's push subscription: unpadded base64url, its length in the pattern itself (so that
 * generators of valid examples, the API's fuzz test among them, make keys of the right size).
 */
const base64UrlKey = (min: number, max: number) =>
  ZLine.regex(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`), 'must be base64url');

/**
 * `POST /api/me/push-subscriptions`: what `PushSubscription.toJSON()` gives in the browser. `p256dh` is
 * the browser's P-256 public key (65 bytes, uncompressed), `auth` its 16-byte secret: both are checked
 * (400 VALIDATION_FAILED otherwise), and the endpoint must be an https address of a public host.
 */
export const ZPushSubscriptionBody = z.strictObject({
  endpoint: ZLine.max(2048).url(),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: base64UrlKey(80, 100),
    auth: base64UrlKey(16, 32),
  }),
  /** What the person calls this device ("Firefox on my laptop"); defaults to the browser's name. */
  label: ZLine.trim().max(80).optional(),
});
export type TPushSubscriptionBody = z.infer<typeof ZPushSubscriptionBody>;

export const ZPushSubscription = z.object({
  id: z.uuid(),
  label: ZString,
  /** The push service's host (fcm.googleapis.com, updates.push.services.mozilla.com…), never the full endpoint. */
  service: ZString,
  createdAt: ZDateTime,
  lastSuccessAt: ZDateTime.nullable(),
});
export type TPushSubscription = z.infer<typeof ZPushSubscription>;

/** `GET /api/me/push-subscriptions`: the person's devices and the key their browser subscribes with. */
export const ZPushSubscriptions = z.object({
  /** The server's VAPID public key (base64url), for `pushManager.subscribe`; null when push is not configured. */
  vapidPublicKey: ZString.nullable(),
  items: z.array(ZPushSubscription),
});
export type TPushSubscriptions = z.infer<typeof ZPushSubscriptions>;

/** What the service worker receives (encrypted per RFC 8291), written in the person's language. */
export const ZPushPayload = z.object({
  /** The delivery's id: the service worker's notification tag, so a repeat replaces rather than adds. */
  id: z.uuid(),
  type: ZNotificationType,
  title: ZString,
  body: ZString,
  /** The path to open, through the sign-in when needed. */
  url: ZString,
  /** The language the text is written in (the notification's `lang`). */
  lang: ZLocale,
});
export type TPushPayload = z.infer<typeof ZPushPayload>;

// Text messages

/** `POST /api/me/phone`: the number to receive notifications by text; a six-digit code is sent to it. */
export const ZNotificationPhoneBody = z.strictObject({ phone: ZPhoneNumber });
/** `POST /api/me/phone/verify`: the code received; the number is then verified (the opt-in). */
export const ZNotificationPhoneVerifyBody = z.strictObject({ code: ZOneTimeCode });

/** `GET /api/me/phone` and the answers of the two routes above. */
export const ZNotificationPhone = z.object({
  /** E.164, or null when none is set. */
  phone: ZString.nullable(),
  verifiedAt: ZDateTime.nullable(),
  /** When the person answered STOP (or ARRÊT): nothing more is texted until they verify again. */
  stoppedAt: ZDateTime.nullable(),
  /** Text messages left today (the daily cap), in the person's time zone. */
  remainingToday: z.number().int(),
  /** Whether this server can send text messages at all. */
  available: z.boolean(),
});
export type TNotificationPhone = z.infer<typeof ZNotificationPhone>;

// The delivery log

export const deliveryStatuses = ['queued', 'waiting', 'sent', 'failed', 'skipped'] as const;
/**
 * `queued` to go out now; `waiting` for the end of the quiet hours or the digest; `sent`; `failed` after
 * the last try (with its reason); `skipped` when the channel could not be used (no device, the daily cap,
 * a suppressed address…), with its reason.
 */
export const ZDeliveryStatus = z.enum(deliveryStatuses);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

/** One notification on one channel, as admins read it (`GET /api/admin/deliveries`): never its text. */
export const ZDelivery = z.object({
  id: z.uuid(),
  /** The notification (one event told to one person); its channels share it. */
  notificationId: z.uuid(),
  userId: z.uuid(),
  userName: ZString,
  type: ZNotificationType,
  channel: ZNotificationChannel,
  status: ZDeliveryStatus,
  /** Why it failed or was skipped, or what it waits for. */
  reason: ZString.nullable(),
  attempts: z.number().int(),
  dueAt: ZDateTime,
  sentAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZDeliveryQuery = z.object({
  userId: z.uuid().optional(),
  notificationId: z.uuid().optional(),
  channel: ZNotificationChannel.optional(),
  status: ZDeliveryStatus.optional(),
  cursor: ZLine.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ZDeliveryPage = z.object({ items: z.array(ZDelivery), nextCursor: ZString.nullable() });
export type TDeliveryPage = z.infer<typeof ZDeliveryPage>;

// Email

/**
 * `GET|POST /api/email/unsubscribe/{token}`: the signed token of a non-essential email's
 * `List-Unsubscribe` header (RFC 8058). POST (the mail client's one click, or the page's button) turns
 * that kind's emails off; GET says what it would turn off.
 */
export const ZUnsubscribeToken = z.object({ token: ZLine.min(20).max(300) });
export const ZUnsubscribeInfo = z.object({
  /** The kind of email it stops (`announcements`, `messages`, or `digest` for the digest emails). */
  kind: ZString,
  email: ZString,
  unsubscribed: z.boolean(),
});
export type TUnsubscribeInfo = z.infer<typeof ZUnsubscribeInfo>;
