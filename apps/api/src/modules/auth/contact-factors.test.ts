import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { auditLog, devSmsMessages, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { ManualClock } from '../../platform/clock';
import { unavailableSmsSender } from '../../platform/sms/sms-sender';

type Auth = { authorization: string };

const MINUTE = 60_000;
const PHONE = '+15145550123';

/** The six digits of the latest SMS to `phone` (dev adapter's table). */
async function smsCode(t: TestApp, phone: string): Promise<string> {
  const [sms] = await t.database.db
    .select()
    .from(devSmsMessages)
    .where(eq(devSmsMessages.to, phone))
    .orderBy(desc(devSmsMessages.createdAt))
    .limit(1);
  const match = sms?.body.match(/(\d{3}) (\d{3})/);
  if (!match) throw new Error(`no code in the SMS to ${phone}: ${sms?.body}`);
  return `${match[1]}${match[2]}`;
}

/** The emails sent to `address` with this subject (the clock stands still: their order is not kept). */
const emailsWithSubject = async (t: TestApp, address: string, subject: string) =>
  (await emailsTo(t.database, address)).filter((email) => email.subject === subject);

const userRow = async (t: TestApp, id: string) =>
  (await t.database.db.select().from(users).where(eq(users.id, id)))[0];

const auditOf = async (t: TestApp, userId: string, action: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, userId), eq(auditLog.action, action)));

describe('email and SMS codes as a second factor', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-01T15:00:00Z');

  const stepUp = async (auth: Auth) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/step-up',
      headers: auth,
      payload: { method: 'password', password: STRONG_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
  };
  const setEmailFactor = (auth: Auth | undefined, enabled: boolean) =>
    t.app.inject({ method: 'PUT', url: '/api/me/email-factor', headers: auth ?? {}, payload: { enabled } });
  const setUpSms = (auth: Auth | undefined, phone: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/me/sms-factor/setup',
      headers: auth ?? {},
      payload: { phone },
    });
  const confirmSms = (auth: Auth | undefined, code: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/me/sms-factor/confirm',
      headers: auth ?? {},
      payload: { code },
    });
  const removeSms = (auth: Auth | undefined) =>
    t.app.inject({ method: 'DELETE', url: '/api/me/sms-factor', headers: auth ?? {} });

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('refuses anonymous callers (401) and, without a fresh step-up, signed-in ones (401 STEP_UP_REQUIRED)', async () => {
    const refusedAnonymously = [
      await setEmailFactor(undefined, true),
      await setUpSms(undefined, PHONE),
      await confirmSms(undefined, '123456'),
      await removeSms(undefined),
    ];
    for (const response of refusedAnonymously) expect(response.statusCode).toBe(401);

    const person = await signUpAndLogIn(t.app, t.database);
    const withoutStepUp = [
      await setEmailFactor(person.auth, true),
      await setUpSms(person.auth, PHONE),
      await confirmSms(person.auth, '123456'),
      await removeSms(person.auth),
    ];
    for (const response of withoutStepUp) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });
    }
    const row = await userRow(t, person.userId);
    expect(row?.emailFactorEnabledAt).toBeNull();
    expect(row?.smsFactorPhone).toBeNull();
  });

  it('turns email codes on and off, audits it and tells the address', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await stepUp(person.auth);
    expect((await setEmailFactor(person.auth, true)).statusCode).toBe(204);
    expect((await userRow(t, person.userId))?.emailFactorEnabledAt).toEqual(clock.now());
    expect(await emailsWithSubject(t, person.body.email, 'Codes par courriel activés')).toHaveLength(1);
    expect(await auditOf(t, person.userId, 'user.email_factor_enabled')).toHaveLength(1);
    // Turning on what is on changes nothing and tells no one again.
    expect((await setEmailFactor(person.auth, true)).statusCode).toBe(204);
    expect(await auditOf(t, person.userId, 'user.email_factor_enabled')).toHaveLength(1);
    expect(await emailsWithSubject(t, person.body.email, 'Codes par courriel activés')).toHaveLength(1);

    expect((await setEmailFactor(person.auth, false)).statusCode).toBe(204);
    expect((await userRow(t, person.userId))?.emailFactorEnabledAt).toBeNull();
    expect(await emailsWithSubject(t, person.body.email, 'Codes par courriel désactivés')).toHaveLength(1);
    expect(await auditOf(t, person.userId, 'user.email_factor_disabled')).toHaveLength(1);
  });

  it('refuses email codes to an address that is not confirmed', async () => {
    const person = await signUpAndLogIn(t.app, t.database, {}, { verified: false });
    await stepUp(person.auth);
    const refused = await setEmailFactor(person.auth, true);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('EMAIL_NOT_VERIFIED');
    expect((await userRow(t, person.userId))?.emailFactorEnabledAt).toBeNull();
  });

  it('confirms a phone with the code it received, once, then removes it', async () => {
    const person = await signUpAndLogIn(t.app, t.database, { locale: 'en' });
    await stepUp(person.auth);
    const setup = await setUpSms(person.auth, '+1 (514) 555-0123');
    expect(setup.statusCode).toBe(202);
    expect(setup.json()).toEqual({ sentTo: '+1 ••• ••• •• 23' });
    const code = await smsCode(t, PHONE);
    const wrong = code === '000000' ? '000001' : '000000';

    const refused = await confirmSms(person.auth, wrong);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.code', code: 'code_invalid' }],
    });
    expect((await userRow(t, person.userId))?.smsFactorPhone).toBeNull();

    expect((await confirmSms(person.auth, `${code.slice(0, 3)} ${code.slice(3)}`)).statusCode).toBe(204);
    const row = await userRow(t, person.userId);
    expect(row?.smsFactorPhone).toBe(PHONE);
    expect(row?.smsFactorConfirmedAt).toEqual(clock.now());
    const [notice] = await emailsWithSubject(t, person.body.email, 'SMS codes turned on');
    expect(notice?.text).toContain('+1 ••• ••• •• 23');
    const [audit] = await auditOf(t, person.userId, 'user.sms_factor_enabled');
    expect(audit?.after).toEqual({ phone: '+1 ••• ••• •• 23' });

    // Single use: the same code again confirms nothing.
    expect((await confirmSms(person.auth, code)).json().errors[0].code).toBe('code_invalid');

    // Now the account has a factor: a step-up takes a code, no longer the password.
    clock.advance(11 * MINUTE);
    const needsFactor = await removeSms(person.auth);
    expect(needsFactor.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['sms'] });
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/auth/step-up/start',
      headers: person.auth,
      payload: { method: 'sms' },
    });
    expect(started.json()).toEqual({ method: 'sms', sentTo: '+1 ••• ••• •• 23' });
    const stepUpCode = await smsCode(t, PHONE);
    const steppedUp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/step-up',
      headers: person.auth,
      payload: { method: 'sms', code: stepUpCode },
    });
    expect(steppedUp.statusCode).toBe(200);

    expect((await removeSms(person.auth)).statusCode).toBe(204);
    const removed = await userRow(t, person.userId);
    expect(removed?.smsFactorPhone).toBeNull();
    expect(removed?.smsFactorConfirmedAt).toBeNull();
    expect(await emailsWithSubject(t, person.body.email, 'SMS codes turned off')).toHaveLength(1);
    expect(await auditOf(t, person.userId, 'user.sms_factor_removed')).toHaveLength(1);
  });

  it('takes a phone’s code only in the session that asked for it', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const otherSession = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: STRONG_PASSWORD },
    });
    const otherAuth = { authorization: `Bearer ${otherSession.json().accessToken}` };
    await stepUp(person.auth);
    await stepUp(otherAuth);
    const phone = '+15145550124';
    expect((await setUpSms(person.auth, phone)).statusCode).toBe(202);
    const code = await smsCode(t, phone);
    expect((await confirmSms(otherAuth, code)).json().errors[0].code).toBe('code_invalid');
    expect((await confirmSms(person.auth, code)).statusCode).toBe(204);
  });

  it('kills a code after 5 wrong tries, and after 10 minutes', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await stepUp(person.auth);
    const phone = '+15145550125';
    await setUpSms(person.auth, phone);
    const code = await smsCode(t, phone);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) expect((await confirmSms(person.auth, wrong)).statusCode).toBe(400);
    expect((await confirmSms(person.auth, code)).json().errors[0].code).toBe('code_invalid');

    await setUpSms(person.auth, phone);
    const late = await smsCode(t, phone);
    clock.advance(10 * MINUTE + 1_000);
    await stepUp(person.auth);
    expect((await confirmSms(person.auth, late)).json().errors[0].code).toBe('code_invalid');
    expect((await userRow(t, person.userId))?.smsFactorPhone).toBeNull();
  });

  it('keeps only the newest code, and sends at most 5 an hour', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await stepUp(person.auth);
    const phone = '+33612345678';
    expect((await setUpSms(person.auth, phone)).json()).toEqual({ sentTo: '+33 ••• ••• •• 78' });
    const first = await smsCode(t, phone);
    for (let i = 2; i <= 5; i++) expect((await setUpSms(person.auth, phone)).statusCode).toBe(202);
    const fifth = await smsCode(t, phone);
    const sixth = await setUpSms(person.auth, phone);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('RATE_LIMITED');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(3600);

    if (first !== fifth) expect((await confirmSms(person.auth, first)).statusCode).toBe(400);
    expect((await confirmSms(person.auth, fifth)).statusCode).toBe(204);
    expect((await userRow(t, person.userId))?.smsFactorPhone).toBe(phone);
  });
});

describe('SMS codes where no SMS can be sent', () => {
  let t: TestApp;
  afterAll(() => t.close());

  const stepUpAndSetUp = async (app: TestApp) => {
    const person = await signUpAndLogIn(app.app, app.database);
    await app.app.inject({
      method: 'POST',
      url: '/api/auth/step-up',
      headers: person.auth,
      payload: { method: 'password', password: STRONG_PASSWORD },
    });
    return app.app.inject({
      method: 'POST',
      url: '/api/me/sms-factor/setup',
      headers: person.auth,
      payload: { phone: PHONE },
    });
  };

  it('answers 503 SMS_UNAVAILABLE without a provider, and when the provider fails', async () => {
    t = await createTestApp({ sms: unavailableSmsSender });
    const refused = await stepUpAndSetUp(t);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().code).toBe('SMS_UNAVAILABLE');
    await t.close();

    t = await createTestApp({
      sms: {
        available: true,
        send: async () => {
          throw new AppError('SMS_UNAVAILABLE', 'The SMS provider did not take the message');
        },
      },
    });
    const failed = await stepUpAndSetUp(t);
    expect(failed.statusCode).toBe(503);
    expect(failed.json().code).toBe('SMS_UNAVAILABLE');
  });
});
