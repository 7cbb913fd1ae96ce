import { createECDH } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { type PushEndpoint, startPushEndpoint } from '../../../test/push-endpoint';
import { pushSubscriptions } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

type Auth = { authorization: string };

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** A browser's subscription body for `endpoint`, with fresh keys. */
function subscriptionBody(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    expirationTime: null,
    keys: {
      p256dh: ecdh.getPublicKey().toString('base64url'),
      auth: Buffer.alloc(16, 9).toString('base64url'),
    },
  };
}

describe('push subscriptions', () => {
  let t: TestApp;
  let endpoint: PushEndpoint;
  const clock = new ManualClock('2026-12-01T15:00:00Z');
  const vapid = webpush.generateVAPIDKeys();

  const list = (auth: Auth | undefined) =>
    t.app.inject({ method: 'GET', url: '/api/me/push-subscriptions', headers: auth ?? {} });
  const subscribe = (auth: Auth | undefined, payload: unknown, userAgent = FIREFOX_LINUX) =>
    t.app.inject({
      method: 'POST',
      url: '/api/me/push-subscriptions',
      headers: { ...auth, 'user-agent': userAgent },
      payload: payload as object,
    });
  const remove = (auth: Auth | undefined, id: string) =>
    t.app.inject({ method: 'DELETE', url: `/api/me/push-subscriptions/${id}`, headers: auth ?? {} });

  beforeAll(async () => {
    endpoint = await startPushEndpoint();
    t = await createTestApp({
      clock,
      env: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        WEBHOOKS_ALLOW_LOOPBACK: 'true',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await endpoint.close();
  });

  it('refuses anonymous callers (401)', async () => {
    const responses = [
      await list(undefined),
      await subscribe(undefined, subscriptionBody(endpoint.subscribe().endpoint)),
      await remove(undefined, '00000000-0000-4000-8000-000000000000'),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('subscribes a device, names it after the browser, lists it with the VAPID key, removes it', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const empty = await list(person.auth);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ vapidPublicKey: vapid.publicKey, items: [] });

    const body = subscriptionBody(endpoint.subscribe().endpoint);
    const created = await subscribe(person.auth, body);
    expect(created.statusCode).toBe(201);
    const device = created.json();
    expect(device).toEqual({
      id: expect.any(String),
      label: 'Firefox · Linux',
      service: '127.0.0.1',
      createdAt: clock.now().toISOString(),
      lastSuccessAt: null,
    });
    const named = await subscribe(person.auth, {
      ...subscriptionBody(endpoint.subscribe().endpoint),
      label: '  Mon téléphone  ',
    });
    expect(named.json()).toMatchObject({ label: 'Mon téléphone' });

    const listed = (await list(person.auth)).json();
    expect(listed.vapidPublicKey).toBe(vapid.publicKey);
    expect(listed.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [device.id, named.json().id].sort(),
    );
    // The endpoint itself (a capability of the push service) is never given back.
    expect(JSON.stringify(listed)).not.toContain(body.endpoint);

    expect((await remove(person.auth, device.id)).statusCode).toBe(204);
    expect((await remove(person.auth, device.id)).statusCode).toBe(404);
    expect((await list(person.auth)).json().items).toHaveLength(1);
  });

  it('answers 404 for another person’s device and leaves it', async () => {
    const owner = await signUpAndLogIn(t.app, t.database);
    const other = await signUpAndLogIn(t.app, t.database);
    const device = (await subscribe(owner.auth, subscriptionBody(endpoint.subscribe().endpoint))).json();
    const refused = await remove(other.auth, device.id);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await list(owner.auth)).json().items).toHaveLength(1);
    expect((await list(other.auth)).json().items).toHaveLength(0);
    expect((await remove(owner.auth, 'not-a-uuid')).statusCode).toBe(400);
  });

  it('refuses malformed keys (400 VALIDATION_FAILED on the key)', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const good = subscriptionBody(endpoint.subscribe().endpoint);
    const point = Buffer.from(good.keys.p256dh, 'base64url');
    const offCurve = Buffer.from(point);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    const compressedPrefix = Buffer.from(point);
    compressedPrefix[0] = 0x02;
    const cases: [string, { p256dh?: string; auth?: string }, string][] = [
      ['a 64-byte key', { p256dh: point.subarray(0, 64).toString('base64url') }, 'body.keys.p256dh'],
      [
        'a 66-byte key',
        { p256dh: Buffer.concat([point, Buffer.of(1)]).toString('base64url') },
        'body.keys.p256dh',
      ],
      ['a point off the curve', { p256dh: offCurve.toString('base64url') }, 'body.keys.p256dh'],
      [
        'a point that is not uncompressed',
        { p256dh: compressedPrefix.toString('base64url') },
        'body.keys.p256dh',
      ],
      ['a key that is not base64url', { p256dh: `+${good.keys.p256dh.slice(1)}` }, 'body.keys.p256dh'],
      ['a padded key', { p256dh: `${good.keys.p256dh}=` }, 'body.keys.p256dh'],
      ['a key with stray bits', { p256dh: `${good.keys.p256dh.slice(0, -1)}B` }, 'body.keys.p256dh'],
      ['a 15-byte secret', { auth: Buffer.alloc(15, 1).toString('base64url') }, 'body.keys.auth'],
      ['a 17-byte secret', { auth: Buffer.alloc(17, 1).toString('base64url') }, 'body.keys.auth'],
      ['a secret that is not base64url', { auth: 'AAAAAAAAAAAAAAAA+/AAAA' }, 'body.keys.auth'],
    ];
    for (const [what, keys, path] of cases) {
      const response = await subscribe(person.auth, { ...good, keys: { ...good.keys, ...keys } });
      expect(response.statusCode, what).toBe(400);
      const problem = response.json();
      expect(problem.code, what).toBe('VALIDATION_FAILED');
      expect(
        problem.errors.map((error: { path: string }) => error.path),
        what,
      ).toContain(path);
    }
    expect((await list(person.auth)).json().items).toHaveLength(0);
  });

  it('refuses endpoints that are not https addresses of a public host (400 WEBHOOK_URL_NOT_ALLOWED)', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const refused = [
      'http://127.0.0.1:8443/push/1',
      'https://10.0.0.1/push/1',
      'https://192.168.1.20/push/1',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00::1]/push/1',
      'https://user:secret@updates.push.services.mozilla.com/wpush/v2/x',
    ];
    for (const address of refused) {
      const response = await subscribe(person.auth, subscriptionBody(address));
      expect(response.statusCode, address).toBe(400);
      expect(response.json(), address).toMatchObject({
        code: 'WEBHOOK_URL_NOT_ALLOWED',
        errors: [{ path: 'body.endpoint', code: 'WEBHOOK_URL_NOT_ALLOWED' }],
      });
    }
    // Not a URL at all: the schema refuses it.
    expect((await subscribe(person.auth, subscriptionBody('not a url'))).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await list(person.auth)).json().items).toHaveLength(0);
  });

  it('moves an endpoint subscribed again by someone else to them, with the new keys', async () => {
    const first = await signUpAndLogIn(t.app, t.database);
    const second = await signUpAndLogIn(t.app, t.database);
    const address = endpoint.subscribe().endpoint;
    const original = (await subscribe(first.auth, subscriptionBody(address))).json();
    await t.database.db
      .update(pushSubscriptions)
      .set({ lastSuccessAt: clock.now() })
      .where(eq(pushSubscriptions.id, original.id));
    clock.advance(60_000);
    const renewed = subscriptionBody(address);
    const moved = await subscribe(second.auth, renewed);
    expect(moved.statusCode).toBe(201);
    expect(moved.json()).toMatchObject({
      id: original.id,
      createdAt: clock.now().toISOString(),
      lastSuccessAt: null,
    });
    expect((await list(first.auth)).json().items).toHaveLength(0);
    expect((await list(second.auth)).json().items).toHaveLength(1);
    const [row] = await t.database.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, address));
    expect(row).toMatchObject({ userId: second.userId, p256dh: renewed.keys.p256dh });

    // The same person again: the device keeps its place and history.
    clock.advance(60_000);
    const again = (await subscribe(second.auth, subscriptionBody(address))).json();
    expect(again).toMatchObject({ id: original.id, createdAt: moved.json().createdAt });
    expect((await list(second.auth)).json().items).toHaveLength(1);
  });

  it('keeps 20 devices per person: a 21st replaces the oldest', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const ids: string[] = [];
    for (let index = 0; index < 21; index++) {
      clock.advance(1_000);
      const response = await subscribe(person.auth, subscriptionBody(endpoint.subscribe().endpoint));
      expect(response.statusCode).toBe(201);
      ids.push(response.json().id);
    }
    const items = (await list(person.auth)).json().items as { id: string }[];
    expect(items).toHaveLength(20);
    expect(items.map((item) => item.id)).not.toContain(ids[0]);
    expect(items[0]?.id).toBe(ids[20]);
  });
});

describe('push subscriptions, rate limited', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-01T15:00:00Z');
  const vapid = webpush.generateVAPIDKeys();
  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
    });
  });
  afterAll(() => t.close());

  it('takes 60 subscriptions an hour per person (each resolves a host name), then 429 RATE_LIMITED', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/me/push-subscriptions',
        headers: person.auth,
        // Refused (private address) but counted: the limit bounds the look-ups, not only the devices.
        payload: subscriptionBody('https://10.1.2.3/push/1'),
      });
    for (let index = 0; index < 60; index++) expect((await attempt()).statusCode).toBe(400);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('push subscriptions without VAPID keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists no key and refuses subscriptions (503 PUSH_UNAVAILABLE)', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/me/push-subscriptions',
      headers: person.auth,
    });
    expect(listed.json()).toEqual({ vapidPublicKey: null, items: [] });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/me/push-subscriptions',
      headers: person.auth,
      payload: subscriptionBody('https://fcm.googleapis.com/fcm/send/abc'),
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'PUSH_UNAVAILABLE' });
  });
});
