import { createHash } from 'node:crypto';
import type { TLocale } from '@capitune/contracts';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { devSmsMessages, oneTimeCodes } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import type { EmailToSend } from '../../platform/mailer/outbox';
import {
  contactFactorChangedEmail,
  oneTimeCodeEmail,
  oneTimeCodeSms,
  twoFactorReminderEmail,
  twoFactorResetEmail,
} from './factor.emails';
import { maskEmail, maskPhone } from './one-time-codes.service';

type Auth = { authorization: string };
const MINUTE = 60_000;

describe('codes sent by email and SMS', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-02T15:00:00Z');

  const post = (url: string, payload: object, auth?: Auth) =>
    t.app.inject({ method: 'POST', url, payload, headers: auth ?? {} });
  const stepUpWithPassword = async (auth: Auth) =>
    expect(
      (await post('/api/auth/step-up', { method: 'password', password: STRONG_PASSWORD }, auth)).statusCode,
    ).toBe(200);
  /** The digits of the newest email with a code to `address`: "123 456" in its subject. */
  const emailedCode = async (address: string) => {
    const [email] = (await emailsTo(t.database, address)).filter((row) =>
      row.template.startsWith('auth.one_time_code'),
    );
    const match = email?.subject.match(/(\d{3})\u00a0(\d{3})$/);
    if (!match) throw new Error(`no code emailed to ${address}`);
    return { code: `${match[1]}${match[2]}`, email };
  };
  const textedCode = async (phone: string) => {
    const [sms] = await t.database.db
      .select()
      .from(devSmsMessages)
      .where(eq(devSmsMessages.to, phone))
      .orderBy(desc(devSmsMessages.createdAt))
      .limit(1);
    const match = sms?.body.match(/(\d{3}) (\d{3})/);
    if (!match || !sms) throw new Error(`no SMS to ${phone}`);
    return { code: `${match[1]}${match[2]}`, body: sms.body };
  };
  /** A person with email codes on, whose next login asks for a second factor. */
  const withEmailCodes = async (overrides: Record<string, unknown> = {}) => {
    const person = await signUpAndLogIn(t.app, t.database, overrides);
    await stepUpWithPassword(person.auth);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/me/email-factor',
          headers: person.auth,
          payload: { enabled: true },
        })
      ).statusCode,
    ).toBe(204);
    return person;
  };
  const logIn = async (email: string) => {
    const response = await post('/api/auth/login', { email, password: STRONG_PASSWORD });
    expect(response.json()).toMatchObject({ status: 'second_factor_required' });
    return response.json() as { challengeId: string; methods: string[] };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('completes a sign-in with a code emailed in French typography, kept only as a keyed hash', async () => {
    const person = await withEmailCodes();
    clock.advance(MINUTE);
    const { challengeId, methods } = await logIn(person.body.email);
    expect(methods).toEqual(['email']);
    const started = await post('/api/auth/second-factor/start', { challengeId, method: 'email' });
    expect(started.json()).toEqual({ method: 'email', sentTo: maskEmail(person.body.email) });
    expect(started.json().sentTo).toMatch(/^p•••@example\.ca$/);

    const { code, email } = await emailedCode(person.body.email);
    expect(email?.subject).toBe(
      `Votre code de connexion CAPITUNE\u00a0: ${code.slice(0, 3)}\u00a0${code.slice(3)}`,
    );
    expect(email?.text).toContain('valable 10 minutes');
    const [stored] = await t.database.db
      .select()
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.userId, person.userId));
    expect(stored?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.codeHash).not.toContain(code);
    expect(stored?.codeHash).not.toBe(createHash('sha256').update(code).digest('hex'));

    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await post('/api/auth/second-factor', { challengeId, method: 'email', code: wrong });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('SECOND_FACTOR_INVALID');
    const signedIn = await post('/api/auth/second-factor', { challengeId, method: 'email', code });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().accessToken).toEqual(expect.any(String));
  });

  it('keeps only the newest code of a sign-in', async () => {
    const person = await withEmailCodes();
    const { challengeId } = await logIn(person.body.email);
    await post('/api/auth/second-factor/start', { challengeId, method: 'email' });
    const first = await emailedCode(person.body.email);
    clock.advance(1_000);
    await post('/api/auth/second-factor/start', { challengeId, method: 'email' });
    const second = await emailedCode(person.body.email);
    expect(second.email?.id).not.toBe(first.email?.id);
    if (first.code !== second.code) {
      const stale = await post('/api/auth/second-factor', { challengeId, method: 'email', code: first.code });
      expect(stale.json().code).toBe('SECOND_FACTOR_INVALID');
    }
    expect(
      (await post('/api/auth/second-factor', { challengeId, method: 'email', code: second.code })).statusCode,
    ).toBe(200);
  });

  it('sends at most 5 codes an hour per person and purpose', async () => {
    const person = await withEmailCodes();
    const { challengeId } = await logIn(person.body.email);
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/second-factor/start', { challengeId, method: 'email' })).statusCode).toBe(
        200,
      );
    }
    const refused = await post('/api/auth/second-factor/start', { challengeId, method: 'email' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);

    // A step-up code is another purpose: it still goes.
    clock.advance(11 * MINUTE);
    const stepUp = await post('/api/auth/step-up/start', { method: 'email' }, person.auth);
    expect(stepUp.json()).toEqual({ method: 'email', sentTo: maskEmail(person.body.email) });
    const { code, email } = await emailedCode(person.body.email);
    expect(email?.subject).toBe(
      `Votre code de confirmation CAPITUNE\u00a0: ${code.slice(0, 3)}\u00a0${code.slice(3)}`,
    );
    expect((await post('/api/auth/step-up', { method: 'email', code }, person.auth)).statusCode).toBe(200);

    // An hour after the first, sign-in codes go again.
    clock.advance(50 * MINUTE);
    const again = await logIn(person.body.email);
    expect(
      (await post('/api/auth/second-factor/start', { challengeId: again.challengeId, method: 'email' }))
        .statusCode,
    ).toBe(200);
  });

  it('texts a sign-in code to the confirmed phone, in the person’s language', async () => {
    const person = await signUpAndLogIn(t.app, t.database, { locale: 'en' });
    const phone = '+15145550199';
    await stepUpWithPassword(person.auth);
    await post('/api/me/sms-factor/setup', { phone }, person.auth);
    const setup = await textedCode(phone);
    expect(setup.body).toBe(
      `CAPITUNE: the code that confirms this number is ${setup.code.slice(0, 3)} ${setup.code.slice(3)}. Valid for 10 minutes. Do not share it.`,
    );
    expect((await post('/api/me/sms-factor/confirm', { code: setup.code }, person.auth)).statusCode).toBe(
      204,
    );

    clock.advance(MINUTE);
    const { challengeId, methods } = await logIn(person.body.email);
    expect(methods).toContain('sms');
    const started = await post('/api/auth/second-factor/start', { challengeId, method: 'sms' });
    expect(started.json()).toEqual({ method: 'sms', sentTo: '+1 ••• ••• •• 99' });
    const { code, body } = await textedCode(phone);
    expect(body).toBe(
      `CAPITUNE: your sign-in code is ${code.slice(0, 3)} ${code.slice(3)}. Valid for 10 minutes. Do not share it.`,
    );
    expect((await post('/api/auth/second-factor', { challengeId, method: 'sms', code })).statusCode).toBe(
      200,
    );
  });
});

describe('masked addresses', () => {
  it('shows the first letter and the domain of an email, the country and last two digits of a phone', () => {
    expect(maskEmail('marie@exemple.ca')).toBe('m•••@exemple.ca');
    expect(maskPhone('+15145550134')).toBe('+1 ••• ••• •• 34');
    expect(maskPhone('+33612345678')).toBe('+33 ••• ••• •• 78');
    expect(maskPhone('+212612345678')).toBe('+212 ••• ••• •• 78');
    expect(maskPhone('+79161234567')).toBe('+7 ••• ••• •• 67');
  });
});

// The typography rules of platform/mailer/templates.test.ts, for the emails of second factors.
const withoutUrls = (text: string) => text.replace(/\b(?:https?|mailto):\S+/g, '');
const frenchFaults = (text: string) =>
  withoutUrls(text).match(/.{0,20}([^\u00a0][:;!?»]|«[^\u00a0]|'|\u202f).{0,5}/g);
const englishFaults = (text: string) => withoutUrls(text).match(/.{0,20}(\s[:;!?]|').{0,5}/g);
/** The GSM 03.38 basic alphabet: an SMS outside it is sent as UCS-2, at half the length. */
const gsm7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

describe('the texts of second factors', () => {
  const url = 'http://capitune.test/profile/security';
  const person = (locale: TLocale) => ({
    email: 'zoe@example.ca',
    firstName: 'Zoé',
    locale,
    timeZone: 'America/Toronto',
  });
  const at = new Date('2026-12-09T19:30:00Z');
  const emails = (locale: TLocale): EmailToSend[] => [
    oneTimeCodeEmail(person(locale), 'sign_in', '123456'),
    oneTimeCodeEmail(person(locale), 'step_up', '123456'),
    ...(['email_enabled', 'email_disabled', 'sms_enabled', 'sms_removed'] as const).map((change) =>
      contactFactorChangedEmail(person(locale), change, url, '+1 ••• ••• •• 34'),
    ),
    twoFactorResetEmail(person(locale), at, url),
    ...[7, 3, 1].map((days) => twoFactorReminderEmail(person(locale), at, days, url)),
  ];

  it('follow French typography in French', () => {
    for (const email of emails('fr')) {
      expect(email.locale).toBe('fr');
      expect(frenchFaults(email.subject)).toBeNull();
      expect(frenchFaults(email.text)).toBeNull();
    }
    expect(oneTimeCodeEmail(person('fr'), 'sign_in', '123456').subject).toBe(
      'Votre code de connexion CAPITUNE\u00a0: 123\u00a0456',
    );
    expect(twoFactorReminderEmail(person('fr'), at, 1, url).subject).toBe(
      'Plus que 1\u00a0jour pour sécuriser votre compte CAPITUNE',
    );
    expect(twoFactorResetEmail(person('fr'), at, url).text).toContain('avant le 9 décembre 2026 à 14 h 30');
  });

  it('have no French spacing in English, and the ’ apostrophe', () => {
    for (const email of emails('en')) {
      expect(email.locale).toBe('en');
      expect(englishFaults(email.subject)).toBeNull();
      expect(englishFaults(email.text)).toBeNull();
    }
    expect(oneTimeCodeEmail(person('en'), 'step_up', '654321').subject).toBe(
      'Your CAPITUNE confirmation code: 654\u00a0321',
    );
    expect(twoFactorReminderEmail(person('en'), at, 3, url).subject).toBe(
      '3 days left to secure your CAPITUNE account',
    );
  });

  it('write SMS in the GSM alphabet, within one message', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const purpose of ['sign_in', 'step_up', 'sms_setup'] as const) {
        const text = oneTimeCodeSms(locale, purpose, '123456');
        expect(text).toContain('123 456');
        expect([...text].filter((char) => !gsm7.has(char))).toEqual([]);
        expect(text.length).toBeLessThanOrEqual(160);
      }
    }
    expect(oneTimeCodeSms('fr', 'sign_in', '123456')).toBe(
      'CAPITUNE : votre code de connexion est 123 456. Valable 10 minutes. Ne le donnez à personne.',
    );
  });
});
