import { randomUUID } from 'node:crypto';
import { ZPushPayload } from '@capitune/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { type PushEndpoint, startPushEndpoint, type TestSubscription } from '../../../test/push-endpoint';
import { notificationDeliveries, pushSubscriptions } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { withTransaction } from '../../platform/db/transaction';
import type { DeliveryRecipient, DeliveryToSend } from './channel-delivery';
import { notify } from './notifications.service';
import { PUSH_TTL_SECONDS, sendPushDelivery } from './push-delivery';

type Auth = { authorization: string };

describe('the web push channel', () => {
  let t: TestApp;
  let endpoint: PushEndpoint;
  const clock = new ManualClock('2026-12-01T15:00:00Z');
  const vapid = webpush.generateVAPIDKeys();

  /** Subscribes a browser the test holds the keys of, as the profile page does. */
  async function device(auth: Auth): Promise<TestSubscription & { id: string }> {
    const subscription = endpoint.subscribe();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/me/push-subscriptions',
      headers: auth,
      payload: { endpoint: subscription.endpoint, keys: subscription.keys },
    });
    expect(response.statusCode).toBe(201);
    return { ...subscription, id: response.json().id };
  }
  const devicesOf = (userId: string) =>
    t.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));

  const delivery = (userId: string, overrides: Partial<DeliveryToSend> = {}): DeliveryToSend => ({
    id: randomUUID(),
    notificationId: randomUUID(),
    userId,
    type: 'document_requested',
    params: { pro: 'Amina Diallo', documentFr: 'Passeport', documentEn: 'Passport' },
    link: '/dossier/documents',
    attempts: 0,
    ...overrides,
  });
  const recipient = (id: string, locale: 'fr' | 'en'): DeliveryRecipient => ({
    id,
    locale,
    timeZone: 'America/Toronto',
    firstName: 'Léa',
  });

  beforeAll(async () => {
    endpoint = await startPushEndpoint();
    t = await createTestApp({
      clock,
      workers: true,
      env: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:support@capitune.test',
        WEBHOOKS_ALLOW_LOOPBACK: 'true',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await endpoint.close();
  });

  it('sends every device the payload in the person’s language, encrypted for its keys', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const phone = await device(person.auth);
    const laptop = await device(person.auth);
    const toSend = delivery(person.userId);

    const outcome = await sendPushDelivery(t.app.deps, toSend, recipient(person.userId, 'fr'));
    expect(outcome).toEqual({ status: 'sent' });

    const expected = JSON.stringify({
      id: toSend.id,
      type: 'document_requested',
      title: 'Document demandé',
      body: 'Amina Diallo vous demande un document\u00a0: Passeport.',
      url: '/dossier/documents',
      lang: 'fr',
    });
    for (const browser of [phone, laptop]) {
      const [request] = endpoint.requestsTo(browser.endpoint);
      if (!request) throw new Error('nothing sent to a device');
      const plaintext = endpoint.decrypt(request, browser);
      expect(plaintext).toBe(expected);
      expect(ZPushPayload.parse(JSON.parse(plaintext))).toEqual(JSON.parse(expected));
      expect(request.headers).toMatchObject({
        'content-encoding': 'aes128gcm',
        ttl: String(PUSH_TTL_SECONDS),
        urgency: 'high',
        topic: toSend.id.replaceAll('-', ''),
      });
      expect(request.vapid).toMatchObject({
        publicKey: vapid.publicKey,
        signatureValid: true,
        aud: endpoint.origin,
        sub: 'mailto:support@capitune.test',
      });
    }
    const rows = await devicesOf(person.userId);
    expect(rows.map((row) => row.lastSuccessAt)).toEqual([clock.now(), clock.now()]);
  });

  it('writes English for an English speaker, at normal urgency for an everyday event, to the notifications page without a link', async () => {
    const person = await signUpAndLogIn(t.app, t.database, { locale: 'en' });
    const browser = await device(person.auth);
    const toSend = delivery(person.userId, { type: 'milestone_updated', params: {}, link: null });
    expect(await sendPushDelivery(t.app.deps, toSend, recipient(person.userId, 'en'))).toEqual({
      status: 'sent',
    });
    const [request] = endpoint.requestsTo(browser.endpoint);
    if (!request) throw new Error('nothing sent');
    const payload = JSON.parse(endpoint.decrypt(request, browser));
    expect(payload).toMatchObject({ id: toSend.id, type: 'milestone_updated', url: '/notifications' });
    expect(payload.title).not.toBe('');
    expect(request.headers.urgency).toBe('normal');
  });

  it('removes devices the push service calls gone (404/410) and still sends to the others', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const expired = await device(person.auth);
    const unknown = await device(person.auth);
    const alive = await device(person.auth);
    endpoint.answer(expired.endpoint, 410);
    endpoint.answer(unknown.endpoint, 404);

    expect(
      await sendPushDelivery(t.app.deps, delivery(person.userId), recipient(person.userId, 'fr')),
    ).toEqual({
      status: 'sent',
    });
    expect((await devicesOf(person.userId)).map((row) => row.id)).toEqual([alive.id]);

    // The last one gone too: nothing left to send to.
    endpoint.answer(alive.endpoint, 410);
    expect(
      await sendPushDelivery(t.app.deps, delivery(person.userId), recipient(person.userId, 'fr')),
    ).toEqual({
      status: 'skipped',
      reason: 'no_device',
    });
    expect(await devicesOf(person.userId)).toEqual([]);
    expect(
      await sendPushDelivery(t.app.deps, delivery(person.userId), recipient(person.userId, 'fr')),
    ).toEqual({
      status: 'skipped',
      reason: 'no_device',
    });
  });

  it('asks for a retry when every device failed for a passing reason, and keeps them', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const first = await device(person.auth);
    const second = await device(person.auth);
    endpoint.answer(first.endpoint, 500);
    endpoint.answer(second.endpoint, 429);
    const outcome = await sendPushDelivery(
      t.app.deps,
      delivery(person.userId),
      recipient(person.userId, 'fr'),
    );
    expect(outcome).toMatchObject({
      status: 'retry',
      reason: expect.stringMatching(/^push: push service answered/),
    });
    expect(await devicesOf(person.userId)).toHaveLength(2);
    expect((await devicesOf(person.userId)).every((row) => row.lastSuccessAt === null)).toBe(true);
  });

  it('goes from notify() through the deliver job to the device, decrypted in the recipient’s language', async () => {
    const french = await signUpAndLogIn(t.app, t.database, { locale: 'fr' });
    const english = await signUpAndLogIn(t.app, t.database, { locale: 'en' });
    const frenchBrowser = await device(french.auth);
    const englishBrowser = await device(english.auth);
    const before = endpoint.requests.length;

    await withTransaction(t.app.deps.pool, async (tx) => {
      for (const person of [french, english]) {
        await notify(t.app.deps, tx, {
          userId: person.userId,
          type: 'document_requested',
          params: { pro: 'Amina Diallo', documentFr: 'Relevé bancaire', documentEn: 'Bank statement' },
          link: '/dossier/documents/42',
        });
      }
    });
    await endpoint.waitForRequests(before + 2, 30_000);

    const pushRow = async (userId: string) => {
      for (let tries = 0; tries < 50; tries++) {
        const [row] = await t.database.db
          .select()
          .from(notificationDeliveries)
          .where(and(eq(notificationDeliveries.userId, userId), eq(notificationDeliveries.channel, 'push')));
        if (row?.status === 'sent') return row;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the push delivery was not marked sent');
    };
    const cases = [
      [
        french,
        frenchBrowser,
        'Document demandé',
        'Amina Diallo vous demande un document\u00a0: Relevé bancaire.',
        'fr',
      ],
      [
        english,
        englishBrowser,
        'Document requested',
        'Amina Diallo asks you for a document: Bank statement.',
        'en',
      ],
    ] as const;
    for (const [person, browser, title, body, locale] of cases) {
      const row = await pushRow(person.userId);
      const [request] = endpoint.requestsTo(browser.endpoint);
      if (!request) throw new Error('nothing reached the device');
      expect(JSON.parse(endpoint.decrypt(request, browser))).toEqual({
        id: row.id,
        type: 'document_requested',
        title,
        body,
        url: '/dossier/documents/42',
        lang: locale,
      });
    }
  });
});
