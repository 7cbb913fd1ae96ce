import { createPublicKey } from 'node:crypto';
import type {
  TFieldError,
  TPushSubscription,
  TPushSubscriptionBody,
  TPushSubscriptions,
} from '@capitune/contracts';
import Bowser from 'bowser';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { checkOutboundUrl } from '../../platform/http/outbound';
import {
  deletePushSubscription,
  type PushSubscriptionRow,
  pushSubscriptionsOf,
  trimPushSubscriptions,
  upsertPushSubscription,
} from './push-subscriptions.queries';

/**
 * A person's devices for web push: the browsers that subscribed from their profile. Each subscription's
 * endpoint is an address the caller chose, so it is held to the outbound rules (https, a public host), and
 * its keys are checked before anything is encrypted for them.
 */

/** Devices kept per person: a new one beyond them replaces the oldest. */
export const MAX_PUSH_DEVICES = 20;

export function toPushSubscription(row: PushSubscriptionRow): TPushSubscription {
  return {
    id: row.id,
    label: row.label,
    service: new URL(row.endpoint).hostname,
    createdAt: row.createdAt.toISOString(),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
  };
}

export async function listPushSubscriptions(deps: AppDeps, userId: string): Promise<TPushSubscriptions> {
  const rows = await pushSubscriptionsOf(deps.db, userId);
  return { vapidPublicKey: deps.push.publicKey, items: rows.map(toPushSubscription) };
}

/** Unpadded base64url decoded, or null when the text is not exactly that (padding, stray bits). */
function base64Url(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** Whether `point` is an uncompressed P-256 public key (0x04 ‖ x ‖ y) that lies on the curve. */
function isP256Point(point: Buffer): boolean {
  if (point.length !== 65 || point[0] !== 0x04) return false;
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}

/** 400 VALIDATION_FAILED, one field error per bad key: payloads could never be encrypted for them. */
function assertKeys(keys: TPushSubscriptionBody['keys']): void {
  const errors: TFieldError[] = [];
  const p256dh = base64Url(keys.p256dh);
  if (!p256dh || !isP256Point(p256dh)) {
    errors.push({
      path: 'body.keys.p256dh',
      code: 'invalid_key',
      message: 'must be an uncompressed P-256 public key (65 bytes, base64url) on the curve',
    });
  }
  const auth = base64Url(keys.auth);
  if (auth?.length !== 16) {
    errors.push({ path: 'body.keys.auth', code: 'invalid_key', message: 'must be 16 bytes, base64url' });
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The subscription’s keys are not valid', { fieldErrors: errors });
  }
}

/** The browsers behind the big push services, when the request says nothing better. */
const serviceBrowsers: [RegExp, string][] = [
  [/(^|\.)googleapis\.com$/, 'Chrome'],
  [/(^|\.)mozilla\.com$/, 'Firefox'],
  [/(^|\.)push\.apple\.com$/, 'Safari'],
  [/(^|\.)notify\.windows\.com$/, 'Edge'],
];

/** "Firefox · Linux", from the browser's user agent; else the push service's browser, else its host. */
export function deviceLabel(userAgent: string | undefined, endpoint: URL): string {
  if (userAgent) {
    const parsed = Bowser.parse(userAgent);
    const label = [parsed.browser.name, parsed.os.name].filter(Boolean).join(' · ');
    if (label) return label.slice(0, 80);
  }
  return serviceBrowsers.find(([host]) => host.test(endpoint.hostname))?.[1] ?? endpoint.hostname;
}

/**
 * Stores the browser's subscription for the caller (201 with the device). The same endpoint given again
 * is updated in place (and moves to the caller when someone else had it: one browser profile, one
 * subscription); beyond 20 devices the oldest is dropped.
 */
export async function subscribePush(
  deps: AppDeps,
  userId: string,
  body: TPushSubscriptionBody,
  userAgent: string | undefined,
): Promise<TPushSubscription> {
  if (!deps.push.publicKey) throw new AppError('PUSH_UNAVAILABLE', 'This server does not send web push');
  assertKeys(body.keys);
  let endpoint: URL;
  try {
    endpoint = await checkOutboundUrl(body.endpoint, { allowLoopback: deps.config.outboundAllowLoopback });
  } catch (error) {
    if (error instanceof AppError && error.code === 'WEBHOOK_URL_NOT_ALLOWED') {
      throw new AppError('WEBHOOK_URL_NOT_ALLOWED', error.message, {
        fieldErrors: [{ path: 'body.endpoint', code: 'WEBHOOK_URL_NOT_ALLOWED', message: error.message }],
      });
    }
    throw error;
  }
  const label = body.label || deviceLabel(userAgent, endpoint);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const row = await upsertPushSubscription(tx.db, {
      userId,
      endpoint: body.endpoint,
      p256dh: body.keys.p256dh,
      auth: body.keys.auth,
      label,
      now,
    });
    await trimPushSubscriptions(tx.db, userId, MAX_PUSH_DEVICES, row.id);
    return toPushSubscription(row);
  });
}

/** Removes one of the caller's devices: 404 when it is not theirs (or no longer exists). */
export async function unsubscribePush(deps: AppDeps, userId: string, id: string): Promise<void> {
  if (!(await deletePushSubscription(deps.db, userId, id))) {
    throw new AppError('NOT_FOUND', 'No such device');
  }
}
