import { randomUUID } from 'node:crypto';
import type { TNotificationType } from '@capitune/contracts';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { devSmsMessages, notificationDeliveries, notificationPhones, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { ManualClock } from '../../platform/clock';
import type { DeliveryRecipient, DeliveryToSend } from './channel-delivery';
import { channelSender } from './channel-senders';
import { shortLinkCode } from './signed-links';
import { notificationSms, sendSmsNotification, toGsm } from './sms-delivery';

const PUBLIC_URL = 'http://capitune.test';
const secret = new TextEncoder().encode(TEST_JWT_SECRET);

describe('notifications by text message', () => {
  let t: TestApp;
  // 10:00 in Toronto (UTC-5 in December).
  const clock = new ManualClock('2026-12-06T15:00:00Z');
  let numbers = 0;

  /** A person with a verified number (or a stopped one), in Toronto's time zone. */
  async function personWithPhone(state: { stopped?: boolean; verified?: boolean } = {}) {
    const person = await signUpAndLogIn(t.app, t.database);
    const phone = `+1438555${String(1000 + numbers++)}`;
    await t.database.db.insert(notificationPhones).values({
      userId: person.userId,
      phone,
      verifiedAt: state.verified === false ? null : clock.now(),
      stoppedAt: state.stopped ? clock.now() : null,
      updatedAt: clock.now(),
    });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, person.userId));
    const recipient: DeliveryRecipient = {
      id: person.userId,
      locale: row?.locale ?? 'fr',
      timeZone: row?.timeZone ?? 'America/Toronto',
      firstName: row?.firstName ?? '',
    };
    return { ...person, phone, recipient };
  }

  /** A delivery row of the log, as the pipeline writes it. */
  async function delivery(
    userId: string,
    values: {
      type?: TNotificationType;
      link?: string | null;
      status?: 'queued' | 'sent';
      sentAt?: Date;
    } = {},
  ): Promise<DeliveryToSend> {
    const type = values.type ?? 'document_requested';
    const [row] = await t.database.db
      .insert(notificationDeliveries)
      .values({
        notificationId: randomUUID(),
        userId,
        type,
        channel: 'sms',
        status: values.status ?? 'queued',
        params: { document: 'Passeport' },
        link:
          values.link === undefined
            ? '/dossiers/5f0c7a55-7b1c-4c1e-9d7c-0b1d2e3f4a5b?tab=documents'
            : values.link,
        dueAt: clock.now(),
        sentAt: values.sentAt ?? null,
      })
      .returning();
    if (!row) throw new Error('no delivery');
    return {
      id: row.id,
      notificationId: row.notificationId,
      userId,
      type,
      params: row.params,
      link: row.link,
      attempts: row.attempts,
    };
  }

  const textsTo = (phone: string) =>
    t.database.db
      .select()
      .from(devSmsMessages)
      .where(eq(devSmsMessages.to, phone))
      .orderBy(desc(devSmsMessages.createdAt));

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('is the sms channel’s registered sender', () => {
    expect(channelSender('sms')).toBe(sendSmsNotification);
  });

  it('texts the title and a short signed link, in the person’s language, in one GSM segment', async () => {
    const person = await personWithPhone();
    const item = await delivery(person.userId);
    expect(await sendSmsNotification(t.app.deps, item, person.recipient)).toEqual({ status: 'sent' });
    const [sms] = await textsTo(person.phone);
    const link = `${PUBLIC_URL}/l/${shortLinkCode(secret, item.id)}`;
    expect(sms?.body).toBe(`CAPITUNE : Document demandé. ${link}`);
    expect(sms?.body.length).toBeLessThanOrEqual(160);
    expect(toGsm(sms?.body ?? '')).toBe(sms?.body);

    const english = await personWithPhone();
    const englishItem = await delivery(english.userId);
    await sendSmsNotification(t.app.deps, englishItem, { ...english.recipient, locale: 'en' });
    expect((await textsTo(english.phone))[0]?.body).toBe(
      `CAPITUNE: Document requested. ${PUBLIC_URL}/l/${shortLinkCode(secret, englishItem.id)}`,
    );
  });

  it('never texts a chat message’s words: the title only', async () => {
    const person = await personWithPhone();
    const item = await delivery(person.userId, { type: 'message_received', link: '/messages' });
    item.params = { ...item.params, sender: 'Marie', preview: 'Mon numéro d’assurance sociale est 123' };
    await sendSmsNotification(t.app.deps, item, person.recipient);
    const [sms] = await textsTo(person.phone);
    expect(sms?.body).toMatch(/^CAPITUNE : Nouveau message\. http/);
    expect(sms?.body).not.toContain('assurance');
  });

  it('skips a person without a verified number, or who answered STOP', async () => {
    const unverified = await personWithPhone({ verified: false });
    const stopped = await personWithPhone({ stopped: true });
    const none = await signUpAndLogIn(t.app, t.database);
    for (const [who, phone] of [
      [unverified, unverified.phone],
      [stopped, stopped.phone],
    ] as const) {
      expect(await sendSmsNotification(t.app.deps, await delivery(who.userId), who.recipient)).toEqual({
        status: 'skipped',
        reason: 'no_verified_number',
      });
      expect(await textsTo(phone)).toHaveLength(0);
    }
    const recipient = { id: none.userId, locale: 'fr' as const, timeZone: 'America/Toronto', firstName: '' };
    expect(await sendSmsNotification(t.app.deps, await delivery(none.userId), recipient)).toMatchObject({
      status: 'skipped',
      reason: 'no_verified_number',
    });
  });

  it('skips past the daily cap, counted from midnight in the person’s time zone', async () => {
    const person = await personWithPhone();
    const cap = t.config.smsDailyCap;
    expect(cap).toBe(5);
    // 23:30 yesterday in Toronto (04:30 UTC today): yesterday's.
    await delivery(person.userId, { status: 'sent', sentAt: new Date('2026-12-06T04:30:00Z') });
    // 00:30 today in Toronto.
    for (let i = 0; i < cap - 1; i++) {
      await delivery(person.userId, { status: 'sent', sentAt: new Date('2026-12-06T05:30:00Z') });
    }
    const state = await t.app.inject({ method: 'GET', url: '/api/me/phone', headers: person.auth });
    expect(state.json()).toMatchObject({ phone: person.phone, remainingToday: 1 });

    expect(await sendSmsNotification(t.app.deps, await delivery(person.userId), person.recipient)).toEqual({
      status: 'sent',
    });
    // The pipeline marks it sent: the fifth of the day.
    await delivery(person.userId, { status: 'sent', sentAt: clock.now() });
    expect(await sendSmsNotification(t.app.deps, await delivery(person.userId), person.recipient)).toEqual({
      status: 'skipped',
      reason: 'daily_cap',
    });
    expect(await textsTo(person.phone)).toHaveLength(1);
    const capped = await t.app.inject({ method: 'GET', url: '/api/me/phone', headers: person.auth });
    expect(capped.json()).toMatchObject({ remainingToday: 0 });

    // A person in Vancouver: 07:00 there, their day began at 08:00 UTC; 05:30 UTC was yesterday.
    await t.database.db
      .update(users)
      .set({ timeZone: 'America/Vancouver' })
      .where(eq(users.id, person.userId));
    const west = { ...person.recipient, timeZone: 'America/Vancouver' };
    expect(await sendSmsNotification(t.app.deps, await delivery(person.userId), west)).toEqual({
      status: 'sent',
    });
  });

  it('asks for a retry when the provider refuses the message', async () => {
    const person = await personWithPhone();
    const refusing = {
      available: true,
      async send() {
        throw new AppError('SMS_UNAVAILABLE', 'The SMS provider did not take the message');
      },
    };
    const outcome = await sendSmsNotification(
      { ...t.app.deps, sms: refusing },
      await delivery(person.userId),
      person.recipient,
    );
    expect(outcome).toEqual({ status: 'retry', reason: 'provider_refused' });
  });

  describe('the short link', () => {
    it('redirects (302) to the exact item of the notification', async () => {
      const person = await personWithPhone();
      const item = await delivery(person.userId);
      const response = await t.app.inject({ method: 'GET', url: `/l/${shortLinkCode(secret, item.id)}` });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/dossiers/5f0c7a55-7b1c-4c1e-9d7c-0b1d2e3f4a5b?tab=documents');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('leads to the notifications page when the notification has no link, or a link that leaves the app', async () => {
      const person = await personWithPhone();
      for (const link of [null, '//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
        const item = await delivery(person.userId, { link });
        const response = await t.app.inject({ method: 'GET', url: `/l/${shortLinkCode(secret, item.id)}` });
        expect(response.headers.location, String(link)).toBe('/notifications');
      }
    });

    it('refuses a forged, altered or unknown code: to the home page, nothing told', async () => {
      const person = await personWithPhone();
      const item = await delivery(person.userId);
      const code = shortLinkCode(secret, item.id);
      const [body, signature] = code.split('.') as [string, string];
      const forged = shortLinkCode(
        new TextEncoder().encode('another-secret-of-at-least-32-characters'),
        item.id,
      );
      const flipped = `${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      const unknown = shortLinkCode(secret, randomUUID());
      for (const bad of [forged, flipped, unknown, 'x', `${code}.extra`, body]) {
        const response = await t.app.inject({ method: 'GET', url: `/l/${encodeURIComponent(bad)}` });
        expect(response.statusCode, bad).toBe(302);
        expect(response.headers.location, bad).toBe('/');
      }
    });
  });
});

describe('the words of a text', () => {
  it('keeps to the GSM alphabet: typographic signs to plain ones, accents GSM lacks dropped', () => {
    expect(toGsm('Étape « prête »\u00a0: l’entrevue… — ça')).toBe('Étape " prete " : l\'entrevue... - ca');
  });

  it('shortens a long title to keep one segment', () => {
    const link = `https://app.capitune.ca/l/${'a'.repeat(22)}.${'b'.repeat(10)}`;
    const text = notificationSms('fr', 'Un titre '.repeat(30), link);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toMatch(/^CAPITUNE : Un titre .*\.\.\. https:\/\/app\.capitune\.ca\/l\//);
  });
});
