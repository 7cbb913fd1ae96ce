import { notificationTypes } from '@capitune/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, signUpAndLogIn } from '../../../test/auth-helpers';
import { makeAdmin } from '../../../test/dossier-helpers';
import { startSmtpReceiver } from '../../../test/smtp';
import {
  notificationDeliveries,
  notificationPhones,
  outbox,
  pushSubscriptions,
  users,
} from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { withTransaction } from '../../platform/db/transaction';
import { renderEmail } from '../../platform/mailer/layout';
import type { ChannelOutcome } from './channel-delivery';
import { registerChannelSender, unregisterChannelSender } from './channel-senders';
import { runDeliverJob } from './deliver.worker';
import { runDueSweep } from './digest';
import { notificationText } from './notification-texts';
import { notify } from './notifications.service';
import { isQuiet, nextDailyDigest, nextLocalHour, quietHoursEnd } from './pipeline-time';

const HOUR = 3_600_000;

describe('zoned time (quiet hours, digest hours)', () => {
  const quiet = { start: '22:00', end: '07:00' };
  it('spans midnight on the person’s own clock', () => {
    const instant = new Date('2026-11-25T17:00:00Z'); // 12:00 in Toronto, 22:30 in Kolkata
    expect(isQuiet(instant, 'America/Toronto', quiet)).toBe(false);
    expect(isQuiet(instant, 'Asia/Kolkata', quiet)).toBe(true);
    expect(quietHoursEnd(instant, 'Asia/Kolkata', quiet).toISOString()).toBe('2026-11-26T01:30:00.000Z');
    expect(isQuiet(new Date('2026-11-26T01:30:00Z'), 'Asia/Kolkata', quiet)).toBe(false);
    expect(isQuiet(instant, 'America/Toronto', { start: '09:00', end: '17:00' })).toBe(true);
  });
  it('finds the next 08:00 and the next top of the hour, DST and half-hour zones included', () => {
    expect(nextDailyDigest(new Date('2026-11-25T14:00:00Z'), 'America/Toronto').toISOString()).toBe(
      '2026-11-26T13:00:00.000Z',
    );
    expect(nextDailyDigest(new Date('2026-11-25T11:00:00Z'), 'America/Toronto').toISOString()).toBe(
      '2026-11-25T13:00:00.000Z',
    );
    // The night Montréal moves to summer time: 08:00 is then UTC−4.
    expect(nextDailyDigest(new Date('2026-03-08T05:00:00Z'), 'America/Toronto').toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    expect(nextLocalHour(new Date('2026-11-25T17:10:20Z'), 'Asia/Kolkata').toISOString()).toBe(
      '2026-11-25T17:30:00.000Z',
    );
    expect(nextLocalHour(new Date('2026-11-25T17:10:20Z'), 'Europe/Paris').toISOString()).toBe(
      '2026-11-25T18:00:00.000Z',
    );
  });
});

describe('notification texts', () => {
  it('writes every type in both languages, with French typography', () => {
    const fr = notificationText(
      'document_rejected',
      { documentFr: 'Passeport', documentEn: 'Passport', reason: 'illisible' },
      'fr',
    );
    expect(fr.body).toBe('Document à remplacer\u00a0: Passeport. Motif\u00a0: illisible');
    const en = notificationText(
      'document_rejected',
      { documentFr: 'Passeport', documentEn: 'Passport' },
      'en',
    );
    expect(en.body).toBe('Document to replace: Passport.');
    expect(notificationText('assignment_ended', { programFr: 'Entrée express' }, 'fr').body).toBe(
      'Le dossier «\u00a0Entrée express\u00a0» ne vous est plus confié.',
    );
  });
});

describe('every type has its words', () => {
  it('in French and English, with no hole', () => {
    for (const type of notificationTypes) {
      for (const locale of ['fr', 'en'] as const) {
        const text = notificationText(type, {}, locale);
        expect(text.title.length, `${type} ${locale}`).toBeGreaterThan(0);
        expect(text.body.length, `${type} ${locale}`).toBeGreaterThan(0);
        expect(`${text.title} ${text.body}`).not.toMatch(/undefined|NaN|\{\{/);
        if (locale === 'fr') expect(`${text.title} ${text.body}`).not.toMatch(/ [:;!?»]|« /);
      }
    }
  });
});

describe('the notification pipeline', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T17:00:00Z');
  const sent: { channel: string; id: string; locale: string }[] = [];
  let pushOutcome: ChannelOutcome = { status: 'sent' };
  beforeAll(async () => {
    t = await createTestApp({ clock });
    // The real push and SMS adapters are other modules'; a spy on the port here.
    registerChannelSender('push', async (_deps, delivery, recipient) => {
      sent.push({ channel: 'push', id: delivery.id, locale: recipient.locale });
      return pushOutcome;
    });
    registerChannelSender('sms', async (_deps, delivery, recipient) => {
      sent.push({ channel: 'sms', id: delivery.id, locale: recipient.locale });
      return { status: 'sent' };
    });
  });
  afterAll(() => t.close());

  const person = async (options: {
    locale?: 'fr' | 'en';
    timeZone: string;
    push?: boolean;
    phone?: boolean;
  }) => {
    const signed = await signUpAndLogIn(t.app, t.database, { locale: options.locale ?? 'fr' });
    await t.database.db.update(users).set({ timeZone: options.timeZone }).where(eq(users.id, signed.userId));
    if (options.push) {
      await t.database.db.insert(pushSubscriptions).values({
        userId: signed.userId,
        endpoint: `https://push.example.test/${signed.userId}`,
        p256dh: 'x'.repeat(87),
        auth: 'y'.repeat(22),
        label: 'Firefox',
      });
    }
    if (options.phone) {
      await t.database.db
        .insert(notificationPhones)
        .values({ userId: signed.userId, phone: '+15145550100', verifiedAt: clock.now() });
    }
    return signed;
  };

  const setPreferences = (who: { auth: Record<string, string> }, payload: object) =>
    t.app.inject({ method: 'PUT', url: '/api/me/notification-preferences', headers: who.auth, payload });

  const tell = (
    userId: string,
    document: string,
    type: 'document_rejected' | 'document_approved' = 'document_rejected',
  ) =>
    withTransaction(t.app.deps.pool, (tx) =>
      notify(t.app.deps, tx, {
        userId,
        type,
        params: { documentFr: document, documentEn: document, reason: null },
        link: '/dossiers/1/documents',
        email: (recipient) => ({
          to: recipient.email,
          locale: recipient.locale,
          template: `test.${type}`,
          ...renderEmail(recipient.locale, {
            subject: document,
            greeting: 'Bonjour',
            paragraphs: [document],
          }),
        }),
      }),
    );

  const deliveriesOf = (userId: string) =>
    t.database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, userId));

  it('saves the new preferences shape: partial merge, quiet hours checked, digest', async () => {
    const who = await person({ timeZone: 'America/Toronto' });
    const defaults = await t.app.inject({
      method: 'GET',
      url: '/api/me/notification-preferences',
      headers: who.auth,
    });
    expect(defaults.json()).toMatchObject({
      messages: { inApp: true, email: true, push: true, sms: false },
      quietHours: null,
      digest: 'immediate',
    });
    const saved = await setPreferences(who, {
      messages: { sms: true },
      quietHours: { start: '22:00', end: '07:00' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().messages).toEqual({ inApp: true, email: true, push: true, sms: true });
    const digest = await setPreferences(who, { digest: 'daily', messages: { email: false } });
    expect(digest.json()).toMatchObject({
      messages: { inApp: true, email: false, push: true, sms: true },
      quietHours: { start: '22:00', end: '07:00' },
      digest: 'daily',
    });
    for (const bad of [
      { quietHours: { start: '25:00', end: '07:00' } },
      { quietHours: { start: '22:00', end: '22:00' } },
      { quietHours: { start: '22:00' } },
      { digest: 'weekly' },
      { messages: { fax: true } },
    ]) {
      expect((await setPreferences(who, bad)).statusCode).toBe(400);
    }
    expect((await setPreferences(who, { quietHours: null })).json().quietHours).toBeNull();
  });

  it('picks the channels from the preferences and quiet hours, on each person’s clock', async () => {
    clock.set('2026-11-25T17:00:00Z'); // 12:00 in Toronto, 22:30 in Kolkata
    const toronto = await person({ timeZone: 'America/Toronto', push: true, phone: true });
    const kolkata = await person({ timeZone: 'Asia/Kolkata', push: true, locale: 'en' });
    const bare = await person({ timeZone: 'America/Toronto' });
    for (const who of [toronto, kolkata]) {
      expect((await setPreferences(who, { quietHours: { start: '22:00', end: '07:00' } })).statusCode).toBe(
        200,
      );
    }
    await tell(toronto.userId, 'Passeport');
    await tell(kolkata.userId, 'Passport');
    await tell(bare.userId, 'Passeport');

    const torontoRows = await deliveriesOf(toronto.userId);
    expect(new Set(torontoRows.map((row) => row.notificationId)).size).toBe(1);
    expect(Object.fromEntries(torontoRows.map((row) => [row.channel, row.status]))).toEqual({
      in_app: 'sent',
      email: 'queued',
      push: 'queued',
      sms: 'queued',
    });
    const kolkataRows = await deliveriesOf(kolkata.userId);
    const kolkataPush = kolkataRows.find((row) => row.channel === 'push');
    expect(kolkataPush).toMatchObject({ status: 'waiting', reason: 'quiet_hours' });
    expect(kolkataPush?.dueAt.toISOString()).toBe('2026-11-26T01:30:00.000Z');
    // Email is not held by quiet hours.
    expect(kolkataRows.find((row) => row.channel === 'email')?.status).toBe('queued');
    // No device, no number: no push nor text rows.
    expect((await deliveriesOf(bare.userId)).map((row) => row.channel).sort()).toEqual(['email', 'in_app']);

    // The jobs were queued with the rows (same transaction).
    const jobs = await t.database.db.execute<{ id: string }>(
      sql`select data->>'id' as id from pgboss.job where name = 'notifications.deliver'`,
    );
    const torontoPush = torontoRows.find((row) => row.channel === 'push');
    expect(jobs.rows.map((row) => row.id)).toContain(torontoPush?.id);
    expect(jobs.rows.map((row) => row.id)).not.toContain(kolkataPush?.id);

    // A retried job does not send twice.
    sent.length = 0;
    const job = { data: { id: torontoPush?.id ?? '' }, retryCount: 0 };
    expect(await runDeliverJob(t.app.deps, job)).toBe('sent');
    expect(await runDeliverJob(t.app.deps, { ...job, retryCount: 1 })).toBe('done');
    expect(sent.filter((entry) => entry.id === torontoPush?.id)).toHaveLength(1);
    const [afterSend] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, torontoPush?.id ?? ''));
    expect(afterSend).toMatchObject({ status: 'sent', attempts: 1 });

    // Kolkata's push leaves when their quiet hours end, through the sweep.
    clock.set('2026-11-26T01:29:00Z');
    await runDueSweep(t.app.deps);
    const [stillWaiting] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, kolkataPush?.id ?? ''));
    expect(stillWaiting?.status).toBe('waiting');
    clock.set('2026-11-26T01:30:00Z');
    expect((await runDueSweep(t.app.deps)).queued).toBeGreaterThanOrEqual(1);
    expect(await runDeliverJob(t.app.deps, { data: { id: kolkataPush?.id ?? '' } })).toBe('sent');
    expect(sent.find((entry) => entry.id === kolkataPush?.id)).toMatchObject({
      channel: 'push',
      locale: 'en',
    });
  });

  it('retries a passing failure, and records the last one failed; a missing sender skips', async () => {
    clock.set('2026-11-25T17:00:00Z');
    const who = await person({ timeZone: 'America/Toronto', push: true });
    await tell(who.userId, 'Permis');
    const push = (await deliveriesOf(who.userId)).find((row) => row.channel === 'push');
    const id = push?.id ?? '';
    pushOutcome = { status: 'retry', reason: 'push service 503' };
    await expect(runDeliverJob(t.app.deps, { data: { id }, retryCount: 0 })).rejects.toThrow('503');
    const [retried] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, id));
    expect(retried).toMatchObject({ status: 'queued', attempts: 1, reason: 'push service 503' });
    expect(await runDeliverJob(t.app.deps, { data: { id }, retryCount: 8 })).toBe('failed');
    const [failed] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, id));
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, reason: 'push service 503' });
    pushOutcome = { status: 'sent' };

    // No sender registered for the channel (the module is not there): skipped, never retried.
    const texted = await person({ timeZone: 'America/Toronto', phone: true });
    await tell(texted.userId, 'Permis');
    const sms = (await deliveriesOf(texted.userId)).find((row) => row.channel === 'sms');
    unregisterChannelSender('sms');
    try {
      expect(await runDeliverJob(t.app.deps, { data: { id: sms?.id ?? '' }, retryCount: 0 })).toBe('skipped');
    } finally {
      registerChannelSender('sms', async () => ({ status: 'sent' }));
    }
    const [skipped] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, sms?.id ?? ''));
    expect(skipped).toMatchObject({ status: 'skipped', reason: 'channel_unavailable' });
  });

  it('sends a job again for a queued push whose job was lost', async () => {
    clock.set('2026-11-25T17:00:00Z');
    const who = await person({ timeZone: 'America/Toronto', push: true });
    await tell(who.userId, 'Permis');
    const push = (await deliveriesOf(who.userId)).find((row) => row.channel === 'push');
    await t.database.db.execute(sql`delete from pgboss.job where data->>'id' = ${push?.id}`);
    clock.advance(5 * 60_000);
    expect((await runDueSweep(t.app.deps)).requeued).toBe(0);
    clock.advance(6 * 60_000);
    expect((await runDueSweep(t.app.deps)).requeued).toBe(1);
    const jobs = await t.database.db.execute(sql`select 1 from pgboss.job where data->>'id' = ${push?.id}`);
    expect(jobs.rows).toHaveLength(1);
    expect((await runDueSweep(t.app.deps)).requeued).toBe(0);
    sent.length = 0;
    expect(await runDeliverJob(t.app.deps, { data: { id: push?.id ?? '' } })).toBe('sent');
    expect(await runDeliverJob(t.app.deps, { data: { id: push?.id ?? '' } })).toBe('done');
    expect(sent).toHaveLength(1);
  });

  it('gathers a day’s events into one digest email per person, in their language', async () => {
    clock.set('2026-11-25T14:00:00Z'); // 09:00 in Montréal, 15:00 in Paris
    const amina = await person({ timeZone: 'America/Toronto', locale: 'fr' });
    const john = await person({ timeZone: 'Europe/Paris', locale: 'en' });
    for (const who of [amina, john]) {
      expect((await setPreferences(who, { digest: 'daily' })).statusCode).toBe(200);
    }
    for (const [n, hour] of [0, 4, 9].entries()) {
      clock.set(new Date(Date.parse('2026-11-25T14:00:00Z') + hour * HOUR));
      await tell(amina.userId, `Document FR ${n}`);
      await tell(john.userId, `Document EN ${n}`);
    }
    const digestsTo = async (address: string) =>
      (await emailsTo(t.database, address)).filter((email) => email.template === 'notifications.digest');
    const waiting = (await deliveriesOf(amina.userId)).filter((row) => row.channel === 'email');
    expect(waiting.map((row) => row.status)).toEqual(['waiting', 'waiting', 'waiting']);
    expect(waiting[0]?.dueAt.toISOString()).toBe('2026-11-26T13:00:00.000Z');
    expect(waiting[0]?.deferredEmail).toMatchObject({
      template: 'test.document_rejected',
      kind: 'document_decisions',
    });
    expect(await emailsTo(t.database, amina.body.email)).not.toContainEqual(
      expect.objectContaining({ template: 'test.document_rejected' }),
    );

    // 08:00 in Paris: John's digest; Amina's waits for 08:00 in Montréal.
    clock.set('2026-11-26T07:00:00Z');
    await runDueSweep(t.app.deps);
    const johns = await digestsTo(john.body.email);
    expect(johns).toHaveLength(1);
    expect(await digestsTo(amina.body.email)).toHaveLength(0);
    expect(johns[0]?.subject).toBe('Your CAPITUNE digest: 3 notifications');
    for (const n of [0, 1, 2]) expect(johns[0]?.text).toContain(`Document to replace: Document EN ${n}.`);
    expect(johns[0]?.text).toContain('http://capitune.test/dossiers/1/documents');
    expect(johns[0]?.listUnsubscribe).toMatch(
      /^http:\/\/capitune\.test\/api\/email\/unsubscribe\/.+\.digest\./,
    );

    clock.set('2026-11-26T13:00:00Z');
    await runDueSweep(t.app.deps);
    await runDueSweep(t.app.deps);
    const aminas = await digestsTo(amina.body.email);
    expect(aminas).toHaveLength(1);
    expect(aminas[0]?.subject).toBe('Votre résumé CAPITUNE\u00a0: 3 notifications');
    for (const n of [0, 1, 2])
      expect(aminas[0]?.text).toContain(`Document à remplacer\u00a0: Document FR ${n}.`);
    const rows = (await deliveriesOf(amina.userId)).filter((row) => row.channel === 'email');
    expect(rows.map((row) => [row.status, row.outboxId])).toEqual([
      ['queued', aminas[0]?.id],
      ['queued', aminas[0]?.id],
      ['queued', aminas[0]?.id],
    ]);
    expect(await digestsTo(john.body.email)).toHaveLength(1);

    // An email turned off while it waited does not leave with the next digest.
    clock.set('2026-11-26T14:00:00Z');
    await tell(amina.userId, 'Document FR 3');
    // (As the unsubscribe link does: the access token has expired on this clock.)
    await t.database.db
      .update(users)
      .set({ notificationPreferences: { digest: 'daily', document_decisions: { email: false } } })
      .where(eq(users.id, amina.userId));
    clock.set('2026-11-27T13:00:00Z');
    await runDueSweep(t.app.deps);
    expect(await digestsTo(amina.body.email)).toHaveLength(1);
    const last = (await deliveriesOf(amina.userId)).filter((row) => row.channel === 'email' && !row.outboxId);
    expect(last).toMatchObject([{ status: 'skipped', reason: 'email_off' }]);
  });

  it('sends an immediate email with its List-Unsubscribe address, logged with its outbox id', async () => {
    clock.set('2026-11-25T17:00:00Z');
    const who = await person({ timeZone: 'America/Toronto' });
    await tell(who.userId, 'Passeport', 'document_approved');
    const [email] = (await emailsTo(t.database, who.body.email)).filter(
      (row) => row.template === 'test.document_approved',
    );
    expect(email?.listUnsubscribe).toMatch(/\/api\/email\/unsubscribe\/.+\.document_decisions\./);
    const [row] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.userId, who.userId), eq(notificationDeliveries.channel, 'email')));
    expect(row).toMatchObject({ status: 'queued', outboxId: email?.id });
    const [stored] = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, email?.id ?? ''));
    expect(stored?.listUnsubscribe).toBe(email?.listUnsubscribe);
  });

  it('shows the delivery log to admins only, filtered and paged', async () => {
    clock.set('2026-11-27T10:00:00Z');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/deliveries' });
    expect(anonymous.statusCode).toBe(401);
    const candidate = await person({ timeZone: 'America/Toronto', push: true });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/admin/deliveries', headers: candidate.auth }))
        .statusCode,
    ).toBe(403);
    const admin = await signUpAndLogIn(t.app, t.database);
    await makeAdmin(t.database, admin.userId);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.body.email, password: admin.body.password },
    });
    const auth = { authorization: `Bearer ${login.json().accessToken}` };
    for (let n = 0; n < 3; n++) {
      await tell(candidate.userId, `Doc ${n}`);
      clock.advance(1000);
    }
    const get = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/admin/deliveries?${query}`, headers: auth });
    const mine = await get(`userId=${candidate.userId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(9); // in-app, email, push × 3
    expect(mine.json().items[0]).toMatchObject({
      userId: candidate.userId,
      userName: 'Amina Diallo',
      type: 'document_rejected',
    });
    expect(mine.json().items[0]).not.toHaveProperty('params');
    const pushes = await get(`userId=${candidate.userId}&channel=push&status=queued`);
    expect(pushes.json().items.map((item: { channel: string }) => item.channel)).toEqual([
      'push',
      'push',
      'push',
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`userId=${candidate.userId}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.json().items.map((item: { id: string }) => item.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(mine.json().items.map((item: { id: string }) => item.id));
    const one = mine.json().items[0];
    const byNotification = await get(`notificationId=${one.notificationId}`);
    expect(byNotification.json().items).toHaveLength(3);
    expect((await get('cursor=garbage')).statusCode).toBe(400);
    expect((await get('status=lost')).statusCode).toBe(400);
  });
});

describe('the outbox and the delivery log', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('marks an email delivery sent when the relay takes it, and counts a refused try', async () => {
    const who = await signUpAndLogIn(t.app, t.database);
    await withTransaction(t.app.deps.pool, (tx) =>
      notify(t.app.deps, tx, {
        userId: who.userId,
        type: 'document_approved',
        params: { documentFr: 'Passeport', documentEn: 'Passport' },
        email: (recipient) => ({
          to: recipient.email,
          locale: recipient.locale,
          template: 'test.document_approved',
          ...renderEmail(recipient.locale, { subject: 'Passeport', greeting: 'Bonjour', paragraphs: ['x'] }),
        }),
      }),
    );
    const [row] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.userId, who.userId), eq(notificationDeliveries.channel, 'email')));
    const outboxId = row?.outboxId ?? '';
    smtp.refuse(true);
    await expect(t.app.deps.outbox.deliver(outboxId)).rejects.toThrow();
    const [refused] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, row?.id ?? ''));
    expect(refused).toMatchObject({ status: 'queued', attempts: 1 });
    expect(refused?.reason).toMatch(/^relay: /);
    smtp.refuse(false);
    expect(await t.app.deps.outbox.deliver(outboxId)).toBe('sent');
    const [done] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, row?.id ?? ''));
    expect(done).toMatchObject({ status: 'sent', attempts: 2, reason: null });
    expect(done?.sentAt).not.toBeNull();
    const received = await smtp.waitFor(
      (email) => email.to.includes(who.body.email) && email.subject === 'Passeport',
    );
    expect(received.headers['list-unsubscribe']).toMatch(/unsubscribe/);
  });
});
