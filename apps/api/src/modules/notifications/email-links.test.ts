import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { startSmtpReceiver } from '../../../test/smtp';
import { emailSuppressions, notificationDeliveries, outbox } from '../../db/schema';
import { withTransaction } from '../../platform/db/transaction';
import { unsubscribeToken, unsubscribeUrl } from './signed-links';

const KEY = 'key-mailgun-webhook-signing-test';

type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;

describe('email: List-Unsubscribe, one-click unsubscribe, the provider’s bounces and complaints', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let ip = 0;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, EMAIL_EVENTS_SIGNING_KEY: KEY } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const secret = () => t.app.deps.config.jwtSecret;
  const store = (to: string, options: { userId?: string; nonEssential?: boolean; subject?: string } = {}) =>
    withTransaction(t.database.pool, (tx) =>
      t.app.deps.outbox.enqueue(tx, {
        to,
        locale: 'fr',
        template: options.nonEssential ? 'test.newsletter' : 'test.essential',
        subject: options.subject ?? 'Bonjour',
        text: 'Bonjour en texte',
        html: '<p>Bonjour en HTML</p>',
        ...(options.nonEssential
          ? {
              listUnsubscribe: unsubscribeUrl(
                t.app.deps.config,
                options.userId ?? '00000000-0000-4000-8000-000000000000',
                'messages',
              ),
            }
          : {}),
      }),
    );
  const outboxRow = async (id: string) =>
    (await t.database.db.select().from(outbox).where(eq(outbox.id, id)))[0];
  const signed = (event: Record<string, unknown>, at = Date.now(), key = KEY) => {
    const timestamp = String(Math.floor(at / 1000));
    const token = `tok${Math.random().toString(36).slice(2)}${'x'.repeat(40)}`;
    return {
      signature: {
        timestamp,
        token,
        signature: createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex'),
      },
      'event-data': event,
    };
  };
  const postEvent = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/email/events', payload, remoteAddress: '10.9.9.9' });
  const prefs = async (person: Person) =>
    (
      await t.app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: person.auth })
    ).json();
  const onIp = () => {
    ip += 1;
    return `10.1.${ip >> 8}.${ip & 255}`;
  };

  it('a non-essential email carries List-Unsubscribe (one-click) and both parts; an essential one has none', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const newsletter = await store(person.body.email, {
      userId: person.userId,
      nonEssential: true,
      subject: 'Non essentiel',
    });
    expect(await t.app.deps.outbox.deliver(newsletter)).toBe('sent');
    const received = await smtp.waitFor((email) => email.subject === 'Non essentiel');
    const url = unsubscribeUrl(t.app.deps.config, person.userId, 'messages');
    expect(url).toMatch(/^http:\/\/capitune\.test\/api\/email\/unsubscribe\//);
    expect(received.headers['list-unsubscribe']).toBe(`<${url}>`);
    expect(received.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(received.text).toContain('Bonjour en texte');
    expect(received.html).toContain('<p>Bonjour en HTML</p>');

    // An essential email (a password reset) has no unsubscribe link, and a text part too.
    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: person.body.email },
      remoteAddress: onIp(),
    });
    expect(forgot.statusCode).toBeLessThan(300);
    const [reset] = await t.database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.toAddress} = ${person.body.email} and ${outbox.template} = 'auth.reset_password'`);
    expect(reset?.listUnsubscribe).toBeNull();
    expect(await t.app.deps.outbox.deliver(reset?.id as string)).toBe('sent');
    const resetEmail = await smtp.waitFor(
      (email) => email.to.includes(person.body.email) && email.subject !== 'Non essentiel',
    );
    expect(resetEmail.headers['list-unsubscribe']).toBeUndefined();
    expect(resetEmail.headers['list-unsubscribe-post']).toBeUndefined();
    expect(resetEmail.text.length).toBeGreaterThan(50);
    expect(resetEmail.html).toContain('<html');
  });

  it('GET says what a link stops; the mail client’s one-click POST (a form) turns that kind’s email off', async () => {
    const person = await signUpAndLogIn(t.app, t.database, { email: `amina.unsub.${Date.now()}@example.ca` });
    const token = unsubscribeToken(secret(), person.userId, 'messages');
    const info = await t.app.inject({
      method: 'GET',
      url: `/api/email/unsubscribe/${token}`,
      remoteAddress: onIp(),
    });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ kind: 'messages', email: 'am***@example.ca', unsubscribed: false });
    expect(info.headers['cache-control']).toBe('no-store');
    // A browser opening the header's address is sent to the web page, which asks before turning it off.
    const opened = await t.app.inject({
      method: 'GET',
      url: `/api/email/unsubscribe/${token}`,
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      remoteAddress: onIp(),
    });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/unsubscribe/${token}`);

    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/email/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
      remoteAddress: onIp(),
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ kind: 'messages', unsubscribed: true });
    const after = await prefs(person);
    expect(after.messages).toEqual({ inApp: true, email: false, push: true, sms: false });
    expect(after.milestones.email).toBe(true);

    // Again, with an empty body (the web page's button) or as multipart: still 200, nothing else changes.
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/email/unsubscribe/${token}`,
      remoteAddress: onIp(),
    });
    expect(empty.statusCode).toBe(200);
    const boundary = '----capitune1234';
    const multipart = await t.app.inject({
      method: 'POST',
      url: `/api/email/unsubscribe/${token}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      remoteAddress: onIp(),
    });
    expect(multipart.statusCode).toBe(200);
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/email/unsubscribe/${token}`,
      remoteAddress: onIp(),
    });
    expect(again.json().unsubscribed).toBe(true);
  });

  it('bad, forged or foreign tokens are 400 INVALID_TOKEN', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const good = unsubscribeToken(secret(), person.userId, 'messages');
    const [user, , signature] = good.split('.');
    const bad = [
      'not-a-token-at-all-but-long-enough',
      `${user}.announcements.${signature}`, // the scope changed: the signature no longer matches
      unsubscribeToken(
        new TextEncoder().encode('another-secret-of-at-least-32-chars!!'),
        person.userId,
        'messages',
      ),
      unsubscribeToken(secret(), person.userId, 'nonsense' as 'messages'), // signed, but no such kind
      unsubscribeToken(secret(), '11111111-1111-4111-8111-111111111111', 'messages'), // nobody
    ];
    for (const token of bad) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await t.app.inject({
          method,
          url: `/api/email/unsubscribe/${token}`,
          remoteAddress: onIp(),
        });
        expect(response.statusCode, `${method} ${token}`).toBe(400);
        expect(response.json().code).toBe('INVALID_TOKEN');
      }
    }
    expect((await prefs(person)).messages.email).toBe(true);
  });

  it('announcements: unsubscribing withdraws the optional-emails consent; the digest link stops every notification email', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const on = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: person.auth,
      payload: { announcements: { email: true } },
    });
    expect(on.statusCode).toBe(200);
    const consent = async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/me/consents', headers: person.auth });
      return (response.json().consents as { purpose: string; granted: boolean }[]).find(
        (entry) => entry.purpose === 'optional_emails',
      );
    };
    expect((await consent())?.granted).toBe(true);
    const token = unsubscribeToken(secret(), person.userId, 'announcements');
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/email/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
      remoteAddress: onIp(),
    });
    expect(posted.statusCode).toBe(200);
    expect((await prefs(person)).announcements.email).toBe(false);
    expect((await consent())?.granted).toBe(false);

    const digest = unsubscribeToken(secret(), person.userId, 'digest');
    const info = await t.app.inject({
      method: 'GET',
      url: `/api/email/unsubscribe/${digest}`,
      remoteAddress: onIp(),
    });
    expect(info.json()).toMatchObject({ kind: 'digest', unsubscribed: false });
    await t.app.inject({ method: 'POST', url: `/api/email/unsubscribe/${digest}`, remoteAddress: onIp() });
    const all = await prefs(person);
    for (const kind of [
      'messages',
      'document_decisions',
      'milestones',
      'webinar_reminders',
      'verification',
    ]) {
      expect(all[kind].email, kind).toBe(false);
      expect(all[kind].inApp, kind).toBe(true);
    }
  });

  it('the webhook: a permanent failure suppresses every email to the address; the email is kept, not sent, not retried', async () => {
    const address = `bounced.${Date.now()}@example.ca`;
    const bounce = await postEvent(
      signed({
        event: 'failed',
        severity: 'permanent',
        recipient: address.toUpperCase(),
        'delivery-status': { code: 550, message: '5.1.1 mailbox does not exist' },
      }),
    );
    expect(bounce.statusCode).toBe(200);
    expect(bounce.json()).toEqual({ recorded: 'bounce' });
    const [row] = await t.database.db
      .select()
      .from(emailSuppressions)
      .where(sql`${emailSuppressions.address} = ${address}`);
    expect(row).toMatchObject({ reason: 'bounce', detail: '550 5.1.1 mailbox does not exist' });

    // Even an essential email: not sent, marked, and its delivery-log row skipped.
    const id = await store(address, { subject: 'Jamais reçu' });
    const person = await signUpAndLogIn(t.app, t.database);
    const [delivery] = await t.database.db
      .insert(notificationDeliveries)
      .values({
        notificationId: crypto.randomUUID(),
        userId: person.userId,
        type: 'message_received',
        channel: 'email',
        status: 'queued',
        dueAt: new Date(),
        outboxId: id,
      })
      .returning();
    expect(await t.app.deps.outbox.deliver(id)).toBe('suppressed');
    expect(await t.app.deps.outbox.deliver(id)).toBe('suppressed');
    const email = await outboxRow(id);
    expect(email?.suppressedAt).toBeInstanceOf(Date);
    expect(email?.sentAt).toBeNull();
    const [skipped] = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, delivery?.id as string));
    expect(skipped).toMatchObject({ status: 'skipped', reason: 'address_suppressed' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.filter((received) => received.to.includes(address))).toHaveLength(0);

    // A temporary failure, a delivery or an open is accepted and changes nothing.
    for (const event of [
      { event: 'failed', severity: 'temporary', recipient: `soft.${address}` },
      { event: 'delivered', recipient: `soft.${address}` },
      { event: 'opened', recipient: `soft.${address}` },
    ]) {
      const response = await postEvent(signed(event));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ recorded: null });
    }
    const soft = await t.database.db
      .select()
      .from(emailSuppressions)
      .where(sql`${emailSuppressions.address} = ${`soft.${address}`}`);
    expect(soft).toHaveLength(0);
  });

  it('a complaint suppresses only the non-essential emails; a later complaint does not soften a bounce', async () => {
    const address = `complains.${Date.now()}@example.ca`;
    const complaint = await postEvent(signed({ event: 'complained', recipient: address }));
    expect(complaint.json()).toEqual({ recorded: 'complaint' });
    const essential = await store(address, { subject: 'Essentiel malgré la plainte' });
    const optional = await store(address, { nonEssential: true, subject: 'Optionnel après la plainte' });
    expect(await t.app.deps.outbox.deliver(essential)).toBe('sent');
    expect(await t.app.deps.outbox.deliver(optional)).toBe('suppressed');
    await smtp.waitFor((email) => email.subject === 'Essentiel malgré la plainte');
    expect(smtp.received.some((email) => email.subject === 'Optionnel après la plainte')).toBe(false);

    await postEvent(signed({ event: 'failed', severity: 'permanent', recipient: address }));
    await postEvent(signed({ event: 'complained', recipient: address }));
    const [row] = await t.database.db
      .select()
      .from(emailSuppressions)
      .where(sql`${emailSuppressions.address} = ${address}`);
    expect(row?.reason).toBe('bounce');
  });

  it('the webhook refuses a bad signature, another key, a stale or future timestamp (403), a malformed body (400)', async () => {
    const event = { event: 'failed', severity: 'permanent', recipient: 'victim@example.ca' };
    const forged = signed(event);
    forged.signature.signature = '0'.repeat(64);
    const cases = [
      forged,
      signed(event, Date.now(), 'another-key'),
      signed(event, Date.now() - 16 * 60 * 1000),
      signed(event, Date.now() + 16 * 60 * 1000),
    ];
    for (const payload of cases) {
      const response = await postEvent(payload);
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
    }
    expect((await postEvent({ 'event-data': event })).statusCode).toBe(400);
    const rows = await t.database.db
      .select()
      .from(emailSuppressions)
      .where(sql`${emailSuppressions.address} = 'victim@example.ca'`);
    expect(rows).toHaveLength(0);
  });

  it('without EMAIL_EVENTS_SIGNING_KEY the webhook does not exist (404)', async () => {
    const config = t.app.deps.config as { emailEventsSigningKey: string | null };
    config.emailEventsSigningKey = null;
    try {
      const response = await postEvent(signed({ event: 'complained', recipient: 'x@example.ca' }));
      expect(response.statusCode).toBe(404);
    } finally {
      config.emailEventsSigningKey = KEY;
    }
  });
});
