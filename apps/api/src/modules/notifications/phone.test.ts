import { and, desc, eq } from 'drizzle-orm';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { auditLog, devSmsMessages, notificationPhones, oneTimeCodes, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { unavailableSmsSender } from '../../platform/sms/sms-sender';
import { inboundKind, keywordOf } from './sms-inbound.service';

type Auth = { authorization: string };

const MINUTE = 60_000;
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'stand-in-auth-token-0123456789';
const PUBLIC_URL = 'http://capitune.test';
const twilioEnv = {
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_FROM: '+15145550100',
};

let numbers = 0;
/** A number of its own for each test (the per-number limit stays out of the way). */
const newPhone = () => `+1514555${String(1000 + numbers++).padStart(4, '0')}`;

/** The latest text to `phone` (the dev adapter's table). */
async function lastSms(t: TestApp, phone: string) {
  const [sms] = await t.database.db
    .select()
    .from(devSmsMessages)
    .where(eq(devSmsMessages.to, phone))
    .orderBy(desc(devSmsMessages.createdAt))
    .limit(1);
  return sms;
}

async function smsCode(t: TestApp, phone: string): Promise<string> {
  const sms = await lastSms(t, phone);
  const match = sms?.body.match(/(\d{3}) (\d{3})/);
  if (!match) throw new Error(`no code in the SMS to ${phone}: ${sms?.body}`);
  return `${match[1]}${match[2]}`;
}

const phoneOf = async (t: TestApp, userId: string) =>
  (await t.database.db.select().from(notificationPhones).where(eq(notificationPhones.userId, userId)))[0];

const auditOf = async (t: TestApp, userId: string, action: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, userId), eq(auditLog.action, action)));

/** Twilio's inbound webhook as Twilio posts it: a form, signed over PUBLIC_URL + path and the fields. */
function inbound(fields: Record<string, string>, signature?: string | null) {
  const url = '/api/sms/inbound';
  const expected = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${url}`, fields);
  const sign = signature === undefined ? expected : signature;
  return {
    method: 'POST' as const,
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(sign === null ? {} : { 'x-twilio-signature': sign }),
    },
    payload: new URLSearchParams(fields).toString(),
  };
}

const twilioFields = (from: string, body: string) => ({
  MessageSid: `SM${'b'.repeat(32)}`,
  AccountSid: ACCOUNT_SID,
  From: from,
  To: '+15145550100',
  Body: body,
  NumSegments: '1',
});

describe('the number that receives notifications by text', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-06T15:00:00Z');

  const setPhone = (auth: Auth | undefined, phone: string) =>
    t.app.inject({ method: 'POST', url: '/api/me/phone', headers: auth ?? {}, payload: { phone } });
  const verify = (auth: Auth | undefined, code: string) =>
    t.app.inject({ method: 'POST', url: '/api/me/phone/verify', headers: auth ?? {}, payload: { code } });
  const getPhone = (auth: Auth | undefined) =>
    t.app.inject({ method: 'GET', url: '/api/me/phone', headers: auth ?? {} });
  const removePhone = (auth: Auth | undefined) =>
    t.app.inject({ method: 'DELETE', url: '/api/me/phone', headers: auth ?? {} });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: twilioEnv });
  });
  afterAll(() => t.close());

  it('refuses anonymous callers (401) on every route; no role is refused', async () => {
    const phone = newPhone();
    for (const response of [
      await getPhone(undefined),
      await setPhone(undefined, phone),
      await verify(undefined, '123456'),
      await removePhone(undefined),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(await lastSms(t, phone)).toBeUndefined();
  });

  it('opts in: a code to the number (in the person’s language), the code back, the number verified and audited', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const empty = await getPhone(person.auth);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({
      phone: null,
      verifiedAt: null,
      stoppedAt: null,
      remainingToday: 5,
      available: true,
    });

    const phone = newPhone();
    const pending = await setPhone(person.auth, ` ${phone.slice(0, 5)} ${phone.slice(5)} `);
    expect(pending.statusCode).toBe(200);
    expect(pending.json()).toMatchObject({ phone, verifiedAt: null, stoppedAt: null });
    const sms = await lastSms(t, phone);
    expect(sms?.body).toMatch(/^CAPITUNE : votre code est \d{3} \d{3}\./);
    const [code] = await t.database.db
      .select()
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.userId, person.userId), eq(oneTimeCodes.purpose, 'notification_phone')));
    expect(code).toMatchObject({ channel: 'sms', phone, failedAttempts: 0, usedAt: null });
    expect(code?.expiresAt).toEqual(new Date(clock.now().getTime() + 10 * MINUTE));
    // Only a hash is kept.
    expect(code?.codeHash).not.toContain(await smsCode(t, phone));

    const verified = await verify(person.auth, await smsCode(t, phone));
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ phone, verifiedAt: clock.now().toISOString(), stoppedAt: null });
    expect(await auditOf(t, person.userId, 'user.notification_phone_verified')).toHaveLength(1);
    // Spent, and the number verified: nothing waits for a code any more.
    expect((await verify(person.auth, await smsCode(t, phone))).json()).toMatchObject({
      code: 'NO_PHONE_PENDING',
    });

    // English for an English speaker.
    const other = await signUpAndLogIn(t.app, t.database);
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, other.userId));
    const otherPhone = newPhone();
    expect((await setPhone(other.auth, otherPhone)).statusCode).toBe(200);
    expect((await lastSms(t, otherPhone))?.body).toMatch(/^CAPITUNE: your code is \d{3} \d{3}\./);
  });

  it('answers a wrong code as the SMS factor does (400 code_invalid), and kills the code after 5 wrong tries', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const phone = newPhone();
    await setPhone(person.auth, phone);
    const right = await smsCode(t, phone);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const response = await verify(person.auth, wrong);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'body.code', code: 'code_invalid' }],
      });
    }
    // Dead after five: even the right one no longer works.
    expect((await verify(person.auth, right)).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await phoneOf(t, person.userId))?.verifiedAt).toBeNull();
  });

  it('expires the code after 10 minutes', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const phone = newPhone();
    await setPhone(person.auth, phone);
    clock.advance(10 * MINUTE + 1000);
    const response = await verify(person.auth, await smsCode(t, phone));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ code: 'code_invalid' }] });
  });

  it('answers 409 NO_PHONE_PENDING when no number waits for a code', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const response = await verify(person.auth, '123456');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'NO_PHONE_PENDING' });
  });

  it('sends at most 5 codes an hour to a person (429)', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const phone = newPhone();
    for (let i = 0; i < 5; i++) expect((await setPhone(person.auth, phone)).statusCode).toBe(200);
    const refused = await setPhone(person.auth, phone);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('refuses a number that is not in international format (400)', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const response = await setPhone(person.auth, '514 555 0123');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('stops the texts and forgets the number on DELETE (204), audited', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const phone = newPhone();
    await setPhone(person.auth, phone);
    await verify(person.auth, await smsCode(t, phone));
    expect((await removePhone(person.auth)).statusCode).toBe(204);
    expect(await phoneOf(t, person.userId)).toBeUndefined();
    expect((await getPhone(person.auth)).json()).toMatchObject({ phone: null, verifiedAt: null });
    expect(await auditOf(t, person.userId, 'user.notification_phone_removed')).toHaveLength(1);
    // Nothing to remove: still 204, not audited again.
    expect((await removePhone(person.auth)).statusCode).toBe(204);
    expect(await auditOf(t, person.userId, 'user.notification_phone_removed')).toHaveLength(1);
  });

  describe('answers to our texts (Twilio’s inbound webhook)', () => {
    const optedIn = async () => {
      const person = await signUpAndLogIn(t.app, t.database);
      const phone = newPhone();
      await setPhone(person.auth, phone);
      expect((await verify(person.auth, await smsCode(t, phone))).statusCode).toBe(200);
      return { ...person, phone };
    };

    it('STOP stops the texts to that number, audited, and answers TwiML', async () => {
      const person = await optedIn();
      const response = await t.app.inject(inbound(twilioFields(person.phone, 'STOP')));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/xml/);
      expect(response.body).toMatch(
        /^<\?xml [^>]*\?><Response><Message>CAPITUNE : .*<\/Message><\/Response>$/,
      );
      expect((await phoneOf(t, person.userId))?.stoppedAt).toEqual(clock.now());
      expect((await getPhone(person.auth)).json()).toMatchObject({ stoppedAt: clock.now().toISOString() });
      expect(await auditOf(t, person.userId, 'user.notification_phone_stopped')).toHaveLength(1);
    });

    it('“arrêt” (any case, accents, spaces) stops them too', async () => {
      const person = await optedIn();
      const response = await t.app.inject(inbound(twilioFields(person.phone, '  Arrêt. ')));
      expect(response.statusCode).toBe(200);
      expect((await phoneOf(t, person.userId))?.stoppedAt).toEqual(clock.now());
    });

    it('START does not turn them back on; verifying the number again does', async () => {
      const person = await optedIn();
      await t.app.inject(inbound(twilioFields(person.phone, 'stop')));
      clock.advance(MINUTE);
      const start = await t.app.inject(inbound(twilioFields(person.phone, 'START')));
      expect(start.statusCode).toBe(200);
      expect(start.body).toContain('<Response/>');
      const stoppedAt = (await phoneOf(t, person.userId))?.stoppedAt;
      expect(stoppedAt).not.toBeNull();

      // The same number given again stays stopped until its code comes back.
      await setPhone(person.auth, person.phone);
      expect((await phoneOf(t, person.userId))?.stoppedAt).toEqual(stoppedAt);
      const verified = await verify(person.auth, await smsCode(t, person.phone));
      expect(verified.json()).toMatchObject({ verifiedAt: clock.now().toISOString(), stoppedAt: null });
    });

    it('HELP and AIDE are answered in French and English; other words change nothing', async () => {
      const person = await optedIn();
      for (const word of ['HELP', 'aide']) {
        const response = await t.app.inject(inbound(twilioFields(person.phone, word)));
        expect(response.body).toContain(`${PUBLIC_URL}/profile`);
        expect(response.body).toContain('Répondez STOP');
        expect(response.body).toContain('Reply STOP');
      }
      const other = await t.app.inject(inbound(twilioFields(person.phone, 'Merci, stop it please')));
      expect(other.body).toContain('<Response/>');
      expect((await phoneOf(t, person.userId))?.stoppedAt).toBeNull();
    });

    it('refuses a bad signature, a missing one, and a tampered form (403), changing nothing', async () => {
      const person = await optedIn();
      const fields = twilioFields(person.phone, 'STOP');
      const bad = await t.app.inject(inbound(fields, 'bm90IGEgc2lnbmF0dXJl'));
      const none = await t.app.inject(inbound(fields, null));
      const signed = inbound(twilioFields(person.phone, 'HELP'));
      const tampered = await t.app.inject({ ...signed, payload: new URLSearchParams(fields).toString() });
      for (const response of [bad, none, tampered]) {
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
      // A JSON body is no Twilio form either.
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/sms/inbound',
        headers: { 'x-twilio-signature': 'x' },
        payload: { From: person.phone, Body: 'STOP' },
      });
      expect(json.statusCode).toBe(403);
      expect((await phoneOf(t, person.userId))?.stoppedAt).toBeNull();
    });
  });
});

describe('the number, on an installation that sends no texts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sms: unavailableSmsSender });
  });
  afterAll(() => t.close());

  it('answers 503 SMS_UNAVAILABLE and says so in GET', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/me/phone',
      headers: person.auth,
      payload: { phone: '+15145550123' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'SMS_UNAVAILABLE' });
    const state = await t.app.inject({ method: 'GET', url: '/api/me/phone', headers: person.auth });
    expect(state.json()).toMatchObject({ phone: null, available: false });
  });

  it('refuses every inbound request (403): Twilio is not configured, there is no token to check', async () => {
    const fields = twilioFields('+15145550123', 'STOP');
    const response = await t.app.inject(inbound(fields));
    expect(response.statusCode).toBe(403);
  });
});

describe('the keywords of an answer', () => {
  it('reads STOP words in any case, with or without accents and punctuation', () => {
    expect(keywordOf(' Arrêt! ')).toBe('ARRET');
    for (const word of ['STOP', 'stopall', 'Unsubscribe', 'cancel', 'END', 'quit', 'ARRET', 'arrêt', 'ARRÊT'])
      expect(inboundKind(word), word).toBe('stop');
    expect(inboundKind('aide')).toBe('help');
    expect(inboundKind('unstop')).toBe('start');
    expect(inboundKind('stop please')).toBe('other');
  });
});
