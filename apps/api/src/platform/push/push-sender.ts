/**
 * The web push port (RFC 8030, payloads encrypted per RFC 8291, VAPID per RFC 8292): the `web-push`
 * adapter, or none when no VAPID keys are known (server mode without VAPID_*).
 */
export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export type PushOutcome =
  | { ok: true; statusCode: number }
  /** `gone`: the push service answered 404 or 410, the subscription is dead and is removed. */
  | { ok: false; gone: boolean; statusCode: number | null; error: string };

export interface PushSender {
  /** The VAPID public key browsers subscribe with (base64url), or null when push is not offered. */
  readonly publicKey: string | null;
  send(
    target: PushTarget,
    payload: string,
    options: { ttlSeconds: number; urgency?: 'very-low' | 'low' | 'normal' | 'high'; topic?: string },
  ): Promise<PushOutcome>;
}

export const unavailablePushSender: PushSender = {
  publicKey: null,
  async send() {
    return { ok: false, gone: false, statusCode: null, error: 'Push is not configured (VAPID_*)' };
  },
};
