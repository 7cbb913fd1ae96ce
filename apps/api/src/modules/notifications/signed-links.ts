import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TNotificationKind } from '@capitune/contracts';

/**
 * Links that work without a session, signed rather than stored: HMAC-SHA256 under a key derived from the
 * server secret for each use alone. The unsubscribe link of a non-essential email (RFC 8058) names the
 * person and the kind of email it stops; the short link of a text message names one delivery.
 */
const keys = new Map<string, Buffer>();
function keyFor(secret: Uint8Array, use: string): Buffer {
  const id = `${use}:${Buffer.from(secret).toString('base64url')}`;
  let key = keys.get(id);
  if (!key) {
    key = createHmac('sha256', secret).update(`capitune:${use}:v1`).digest();
    keys.set(id, key);
  }
  return key;
}

function sign(secret: Uint8Array, use: string, value: string, length: number): string {
  return createHmac('sha256', keyFor(secret, use)).update(value).digest('base64url').slice(0, length);
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url');
const uuidOf = (encoded: string): string | null => {
  const hex = Buffer.from(encoded, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** What an unsubscribe link stops: one kind of notification email, or the digest emails. */
export type UnsubscribeScope = TNotificationKind | 'digest';

/** `<user id, base64url>.<scope>.<signature>`: no expiry, as a list's unsubscribe link must keep working. */
export function unsubscribeToken(secret: Uint8Array, userId: string, scope: UnsubscribeScope): string {
  const body = `${uuidBytes(userId)}.${scope}`;
  return `${body}.${sign(secret, 'unsubscribe', body, 22)}`;
}

export function readUnsubscribeToken(
  secret: Uint8Array,
  token: string,
): { userId: string; scope: string } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [user, scope, signature] = parts as [string, string, string];
  if (!same(signature, sign(secret, 'unsubscribe', `${user}.${scope}`, 22))) return null;
  const userId = uuidOf(user);
  return userId ? { userId, scope } : null;
}

/** The `List-Unsubscribe` address of a person's non-essential email (the API's one-click route). */
export function unsubscribeUrl(
  config: { publicUrl: string; jwtSecret: Uint8Array },
  userId: string,
  scope: UnsubscribeScope,
): string {
  return `${config.publicUrl}/api/email/unsubscribe/${unsubscribeToken(config.jwtSecret, userId, scope)}`;
}

/** A text message's link: `<delivery id, base64url>.<signature>` (33 characters). */
export function shortLinkCode(secret: Uint8Array, deliveryId: string): string {
  const body = uuidBytes(deliveryId);
  return `${body}.${sign(secret, 'short-link', body, 10)}`;
}

export function readShortLinkCode(secret: Uint8Array, code: string): string | null {
  const [body, signature, extra] = code.split('.');
  if (!body || !signature || extra !== undefined) return null;
  if (!same(signature, sign(secret, 'short-link', body, 10))) return null;
  return uuidOf(body);
}
