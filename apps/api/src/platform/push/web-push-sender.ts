import { isIP } from 'node:net';
import webpush from 'web-push';
import { addressAllowed, OutboundAddressError, type OutboundPolicy, outboundAgent } from '../http/outbound';
import type { PushOutcome, PushSender } from './push-sender';
import type { VapidKeys } from './vapid';

/** How long one push service may take to answer before the send counts as a passing failure. */
const SEND_TIMEOUT_MS = 10_000;

/**
 * Web push through the `web-push` library: the payload encrypted for the browser's keys (RFC 8291,
 * `aes128gcm`), signed with the server's VAPID key (RFC 8292). Every request goes through the outbound
 * agent, which checks the push service's address again when connecting (a subscription's endpoint is
 * chosen by a browser, that is, by whoever calls the API).
 */
export function createWebPushSender(
  vapid: VapidKeys,
  policy: OutboundPolicy,
  options: { timeoutMs?: number } = {},
): PushSender {
  const agent = outboundAgent(policy);
  const vapidDetails = { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey };
  return {
    publicKey: vapid.publicKey,
    async send(target, payload, sendOptions): Promise<PushOutcome> {
      // The agent checks names when it resolves them; an address given as such is never resolved.
      const host = hostOf(target.endpoint);
      if (host === null || (isIP(host) !== 0 && !addressAllowed(host, policy))) {
        return { ok: false, gone: true, statusCode: null, error: 'the endpoint’s address is not allowed' };
      }
      try {
        const result = await webpush.sendNotification(
          { endpoint: target.endpoint, keys: target.keys },
          payload,
          {
            vapidDetails,
            TTL: sendOptions.ttlSeconds,
            urgency: sendOptions.urgency ?? 'normal',
            ...(sendOptions.topic ? { topic: sendOptions.topic } : {}),
            contentEncoding: 'aes128gcm',
            agent,
            timeout: options.timeoutMs ?? SEND_TIMEOUT_MS,
          },
        );
        return { ok: true, statusCode: result.statusCode };
      } catch (error) {
        return failure(error);
      }
    },
  };
}

/** The endpoint's host (an IPv6 address without its brackets), or null when it is not an https URL. */
function hostOf(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'https:' ? url.hostname.replace(/^\[(.*)\]$/, '$1') : null;
  } catch {
    return null;
  }
}

/**
 * 404 and 410 from the push service: the subscription is gone for good (the browser unsubscribed, the
 * person cleared the site's data). An endpoint that now leads to a private address will never be called
 * either. Anything else (5xx, 429, a timeout, a reset connection) may pass: the caller tries again later.
 */
function failure(error: unknown): PushOutcome {
  if (error instanceof webpush.WebPushError) {
    const gone = error.statusCode === 404 || error.statusCode === 410;
    const detail = typeof error.body === 'string' && error.body ? `: ${error.body.slice(0, 200)}` : '';
    return {
      ok: false,
      gone,
      statusCode: error.statusCode,
      error: `push service answered ${error.statusCode}${detail}`,
    };
  }
  if (error instanceof OutboundAddressError) {
    return { ok: false, gone: true, statusCode: null, error: error.message };
  }
  return {
    ok: false,
    gone: false,
    statusCode: null,
    error: error instanceof Error ? error.message : String(error),
  };
}
