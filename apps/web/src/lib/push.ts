import type { TPushSubscriptionBody } from '@capitune/contracts';

/**
 * Web push in this browser: whether it can, the service worker (`/sw.js`, scope `/`), and this device's
 * subscription. The server's list of devices lives in the API; this is only what the browser holds.
 */

/** The service worker's address: served from the root by the API (public/sw.js), so its scope is `/`. */
export const SERVICE_WORKER_URL = '/sw.js';

/** Unpadded base64url (RFC 4648 §5) → bytes; what the VAPID public key and `toJSON()`'s keys are. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/=+$/, '').replaceAll('-', '+').replaceAll('_', '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Bytes → unpadded base64url. */
export function bytesToBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** What the browser offers for web push; every part must be there. */
export interface PushEnvironment {
  Notification?: unknown;
  PushManager?: unknown;
  navigator?: { serviceWorker?: unknown };
  isSecureContext?: boolean;
}

/** Whether this browser can receive web push (Notification, service workers and PushManager). */
export function isPushSupported(env: PushEnvironment | undefined = globalThis as PushEnvironment): boolean {
  return (
    !!env &&
    env.isSecureContext !== false &&
    typeof env.Notification !== 'undefined' &&
    typeof env.PushManager !== 'undefined' &&
    !!env.navigator &&
    'serviceWorker' in env.navigator &&
    !!env.navigator.serviceWorker
  );
}

/** What the API takes: `PushSubscription.toJSON()`, checked, with the device's label. */
export function subscriptionBody(
  json: { endpoint?: string; expirationTime?: number | null; keys?: Record<string, string> },
  label?: string,
): TPushSubscriptionBody {
  const p256dh = json.keys?.p256dh;
  const auth = json.keys?.auth;
  if (!json.endpoint || !p256dh || !auth) throw new Error('incomplete push subscription');
  return {
    endpoint: json.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh, auth },
    ...(label ? { label: label.slice(0, 80) } : {}),
  };
}

/** A short name for this device, from its user agent ("Chrome on Linux"); the API keeps it as the label. */
export function deviceLabel(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /(Chrome|Chromium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? 'Browser';
}

export type EnableResult =
  | { status: 'subscribed'; body: TPushSubscriptionBody }
  | { status: 'denied' }
  | { status: 'dismissed' };

/**
 * Asks for the permission, registers the service worker and subscribes with the server's key. The caller
 * sends `body` to the API. A subscription made with another key (the server's changed) is replaced.
 */
export async function enablePushOnThisDevice(vapidPublicKey: string): Promise<EnableResult> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return { status: 'denied' };
  if (permission !== 'granted') return { status: 'dismissed' };
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
  const registration = await navigator.serviceWorker.ready;
  const applicationServerKey = base64UrlToBytes(vapidPublicKey);
  let subscription = await registration.pushManager.getSubscription();
  const currentKey = subscription?.options.applicationServerKey;
  if (subscription && currentKey && bytesToBase64Url(currentKey) !== bytesToBase64Url(applicationServerKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
  return {
    status: 'subscribed',
    body: subscriptionBody(subscription.toJSON(), deviceLabel(navigator.userAgent)),
  };
}

/** This browser's current subscription, if it has a service worker and one. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (!isPushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** Unsubscribes this browser; returns the endpoint it had (to find its row in the API's list), or null. */
export async function disablePushOnThisDevice(): Promise<string | null> {
  const subscription = await currentPushSubscription();
  if (!subscription) return null;
  const { endpoint } = subscription;
  await subscription.unsubscribe();
  return endpoint;
}
