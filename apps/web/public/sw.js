/*
 * CAPITUNE's service worker: web push only (no cache, no offline pages). Served from the root (`/sw.js`,
 * scope `/`, not cached long by the API) and kept dependency-free.
 *
 * A push message is the JSON of ZPushPayload (packages/contracts/src/notification-channels.ts), already
 * written in the person's language: { id, type, title, body, url, lang }.
 */

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** The payload, or null when it is not ours (no data, not JSON, no title). */
function readPayload(data) {
  if (!data) return null;
  try {
    const payload = data.json();
    return payload && typeof payload.title === 'string' ? payload : null;
  } catch {
    return null;
  }
}

/** A path of this site only: a payload never sends the person elsewhere. */
function sameOriginUrl(url) {
  try {
    const target = new URL(typeof url === 'string' ? url : '/', self.location.origin);
    return target.origin === self.location.origin ? target.href : `${self.location.origin}/`;
  } catch {
    return `${self.location.origin}/`;
  }
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event.data);
  if (!payload) return;
  const lang = typeof payload.lang === 'string' ? payload.lang : undefined;
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: typeof payload.body === 'string' ? payload.body : '',
      // A repeat of the same delivery replaces its notification rather than adding one.
      tag: typeof payload.id === 'string' ? payload.id : undefined,
      data: { url: sameOriginUrl(payload.url) },
      icon: '/favicon.svg',
      ...(lang ? { lang } : {}),
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data?.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        if (focused && 'navigate' in focused) return focused.navigate(url);
        return focused;
      }
      return self.clients.openWindow(url);
    })(),
  );
});
