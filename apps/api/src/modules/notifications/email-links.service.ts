import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  notificationKinds,
  resolveNotificationPreferences,
  type TNotificationKind,
  type TNotificationPreferences,
  type TStoredNotificationPreferences,
  type TUnsubscribeInfo,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { recordSuppression, type SuppressionReason } from '../../platform/mailer/email-suppression';
import { saveNotificationPreferences, unsubscribingUser } from './email-links.queries';
import { readUnsubscribeToken, type UnsubscribeScope } from './signed-links';

/**
 * What the links and hooks of emails do without a session: the one-click unsubscribe of a non-essential
 * email (RFC 8058), and the SMTP provider's reports of bounces and complaints (Mailgun's webhook).
 */

/**
 * Records that the person withdrew their consent to optional emails (the announcements): privacy's
 * `recordConsents`, given by app.ts (privacy imports this module, so this module cannot import it).
 */
export type OptionalEmailsWithdrawal = (db: Database, userId: string, now: Date) => Promise<void>;

const scopes: readonly string[] = [...notificationKinds, 'digest'];

/** `ab***@example.ca`: enough for the person to recognise their address, not enough to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1) || 1)}***${email.slice(at)}`;
}

function readToken(deps: AppDeps, token: string): { userId: string; scope: UnsubscribeScope } {
  const read = readUnsubscribeToken(deps.config.jwtSecret, token);
  if (!read || !scopes.includes(read.scope)) throw new AppError('INVALID_TOKEN', 'Invalid unsubscribe link');
  return { userId: read.userId, scope: read.scope as UnsubscribeScope };
}

/** The kinds whose emails a scope stops: one kind, or (`digest`) every notification email. */
const kindsOf = (scope: UnsubscribeScope): readonly TNotificationKind[] =>
  scope === 'digest' ? notificationKinds : [scope];

const stopped = (preferences: TNotificationPreferences, scope: UnsubscribeScope) =>
  kindsOf(scope).every((kind) => !preferences[kind].email);

/** `GET /api/email/unsubscribe/{token}`: what the link stops, and whether it is stopped already. */
export async function unsubscribeInfo(deps: AppDeps, token: string): Promise<TUnsubscribeInfo> {
  const { userId, scope } = readToken(deps, token);
  const user = await unsubscribingUser(deps.db, userId);
  if (!user || user.deletedAt) throw new AppError('INVALID_TOKEN', 'Invalid unsubscribe link');
  return {
    kind: scope,
    email: maskEmail(user.email),
    unsubscribed: stopped(resolveNotificationPreferences(user.preferences), scope),
  };
}

/**
 * `POST /api/email/unsubscribe/{token}`: turns the email channel of the link's kind off. The digest's
 * link stops every notification email (each kind's email channel off; the in-app list, push and text
 * messages stay as they were): a digest gathers all kinds, so stopping it means no more notification
 * emails; the person turns kinds back on in their profile. Stopping the announcements' emails withdraws
 * the `optional_emails` consent, as the profile's switch does. Idempotent: a second click changes nothing.
 */
export async function unsubscribe(
  deps: AppDeps,
  token: string,
  withdrawOptionalEmails: OptionalEmailsWithdrawal,
): Promise<TUnsubscribeInfo> {
  const { userId, scope } = readToken(deps, token);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const user = await unsubscribingUser(tx.db, userId, { lock: true });
    if (!user || user.deletedAt) throw new AppError('INVALID_TOKEN', 'Invalid unsubscribe link');
    const stored: TStoredNotificationPreferences = user.preferences ?? {};
    const before = resolveNotificationPreferences(stored);
    if (!stopped(before, scope)) {
      const merged: TStoredNotificationPreferences = { ...stored };
      for (const kind of kindsOf(scope)) merged[kind] = { ...stored[kind], email: false };
      await saveNotificationPreferences(tx.db, userId, merged, now);
      if (before.announcements.email) await withdrawOptionalEmails(tx.db, userId, now);
    }
    return { kind: scope, email: maskEmail(user.email), unsubscribed: true };
  });
}

// ---------------------------------------------------------------------------------------------------
// The SMTP provider's webhook (Mailgun's format)

/** Mailgun signs `timestamp + token`; an event older (or newer) than this is refused as a replay. */
const MAX_SKEW_MS = 15 * 60 * 1000;

export interface MailgunEvent {
  signature: { timestamp: string; token: string; signature: string };
  'event-data': {
    event: string;
    severity?: string | undefined;
    recipient?: string | undefined;
    reason?: string | undefined;
    'delivery-status'?:
      | { code?: number | string | undefined; message?: string | undefined; description?: string | undefined }
      | undefined;
  };
}

function validSignature(key: string, signature: MailgunEvent['signature']): boolean {
  const expected = createHmac('sha256', key).update(`${signature.timestamp}${signature.token}`).digest('hex');
  const given = Buffer.from(signature.signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

/** What an event says of its address: a hard bounce, a complaint, or nothing that stops emails. */
function suppressionOfEvent(data: MailgunEvent['event-data']): SuppressionReason | null {
  if (data.event === 'failed' && data.severity === 'permanent') return 'bounce';
  if (data.event === 'complained') return 'complaint';
  return null;
}

/**
 * `POST /api/email/events`: one event of the provider, signed with the webhook signing key. A permanent
 * failure (hard bounce) suppresses every email to the address; a complaint, the non-essential ones.
 * Other events (delivered, opened, temporary failures…) are accepted and ignored.
 */
export async function receiveEmailEvent(
  deps: AppDeps,
  event: MailgunEvent,
): Promise<{ recorded: SuppressionReason | null }> {
  const key = deps.config.emailEventsSigningKey;
  if (!key) throw new AppError('NOT_FOUND', 'Email events are not configured');
  const at = Number(event.signature.timestamp) * 1000;
  if (
    !Number.isFinite(at) ||
    Math.abs(deps.clock.now().getTime() - at) > MAX_SKEW_MS ||
    !validSignature(key, event.signature)
  )
    throw new AppError('FORBIDDEN', 'Invalid or stale signature');
  const data = event['event-data'];
  const reason = suppressionOfEvent(data);
  if (!reason || !data.recipient) return { recorded: null };
  const status = data['delivery-status'];
  const detail =
    [status?.code, status?.description || status?.message || data.reason]
      .filter((part) => part !== undefined && part !== null && part !== '')
      .join(' ')
      .slice(0, 500) || null;
  await recordSuppression(deps.db, {
    address: data.recipient.trim(),
    reason,
    detail,
    now: deps.clock.now(),
  });
  return { recorded: reason };
}
