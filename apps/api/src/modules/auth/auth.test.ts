import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import {
  emailsTo,
  lastEmailTo,
  refreshCookie,
  registration,
  STRONG_PASSWORD,
  signUpAndLogIn,
} from '../../../test/auth-helpers';
import { startSmtpReceiver, tokenFrom } from '../../../test/smtp';
import { users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

describe('the account journey over real SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({ env: { SMTP_URL: smtp.url }, workers: true });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('register → email → verify → login → refresh → logout', async () => {
    const body = registration({ email: 'journey@example.ca', firstName: 'Léa' });
    const registered = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toEqual({ status: 'verification_sent' });

    const verification = await smtp.waitFor((email) => email.to.includes('journey@example.ca'));
    expect(verification.subject).toBe('Confirmez votre adresse courriel');
    expect(verification.text).toContain('Bonjour Léa,');
    expect(verification.html).toContain('<html lang="fr">');
    const token = tokenFrom(verification.text);
    expect(verification.text).toContain(`http://capitune.test/verify-email?token=${token}`);

    // An unverified user can log in, and is told so.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(early.statusCode).toBe(200);
    expect(early.json().user.emailVerified).toBe(false);

    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/verify-email',
      payload: { token },
    });
    expect(verified.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVALID_TOKEN');

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'JOURNEY@example.ca', password: body.password },
    });
    expect(login.statusCode).toBe(200);
    const session = login.json();
    expect(session).toMatchObject({
      expiresIn: 900,
      user: { email: 'journey@example.ca', role: 'candidate', emailVerified: true },
    });
    const cookie = login.cookies.find((c) => c.name === 'capitune_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, path: '/api/auth', sameSite: 'Lax' });
    expect(cookie?.secure).toBeFalsy(); // plain-http PUBLIC_URL

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().firstName).toBe('Léa');

    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: cookie?.value ?? '' },
    });
    expect(refreshed.statusCode).toBe(200);
    const rotated = refreshCookie(refreshed);
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(cookie?.value);

    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { capitune_refresh: rotated ?? '' },
    });
    expect(logout.statusCode).toBe(204);
    const afterLogout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: rotated ?? '' },
    });
    expect(afterLogout.statusCode).toBe(401);
    expect(afterLogout.json().code).toBe('SESSION_EXPIRED');
  });

  it('forgot → email → reset ends every session, and the new password works', async () => {
    const person = await signUpAndLogIn(t.app, t.database, { email: 'reset@example.ca', locale: 'en' });
    const secondDevice = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'reset@example.ca', password: STRONG_PASSWORD },
    });
    const secondRefresh = refreshCookie(secondDevice) ?? '';

    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'reset@example.ca' },
    });
    expect(forgot.statusCode).toBe(202);
    const email = await smtp.waitFor(
      (e) => e.to.includes('reset@example.ca') && e.subject === 'Reset your password',
    );
    const token = tokenFrom(email.text);
    const check = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/check',
      payload: { token },
    });
    expect(check.statusCode).toBe(204);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/check',
      payload: { token: 'x'.repeat(43) },
    });
    expect(unknown.json().code).toBe('INVALID_TOKEN');

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'password123' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('PASSWORD_TOO_WEAK');

    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'Nouvelle-Clef-Brume-77' },
    });
    expect(reset.statusCode).toBe(204);
    for (const refreshToken of [person.refreshToken, secondRefresh]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        cookies: { capitune_refresh: refreshToken },
      });
      expect(response.statusCode).toBe(401);
    }
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'Autre-Clef-Brume-78' },
    });
    expect(reused.json().code).toBe('INVALID_TOKEN');
    // The page of a used link says so as it opens.
    const usedCheck = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/check',
      payload: { token },
    });
    expect(usedCheck.statusCode).toBe(400);
    expect(usedCheck.json().code).toBe('INVALID_TOKEN');

    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'reset@example.ca', password: STRONG_PASSWORD },
    });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'reset@example.ca', password: 'Nouvelle-Clef-Brume-77' },
    });
    expect(newPassword.statusCode).toBe(200);
    await smtp.waitFor((e) => e.to.includes('reset@example.ca') && e.subject === 'Your password was changed');
  });
});

describe('refresh tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a missing or unknown refresh token', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/refresh' });
    expect(missing.statusCode).toBe(401);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: 'x'.repeat(43) },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('SESSION_EXPIRED');
  });

  it('a suspended user can neither log in nor refresh', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await t.database.db.update(users).set({ status: 'suspended' }).where(eq(users.id, person.userId));
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: person.refreshToken },
    });
    expect(refresh.statusCode).toBe(403);
    expect(refresh.json().code).toBe('ACCOUNT_SUSPENDED');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: STRONG_PASSWORD },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('ACCOUNT_SUSPENDED');
    // With a wrong password, a suspended account looks like any other.
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: 'not-the-password' },
    });
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('an access token stops working after 15 minutes', async () => {
    const clock = new ManualClock();
    const timed = await createTestApp({ clock });
    try {
      const person = await signUpAndLogIn(timed.app, timed.database);
      const fresh = await timed.app.inject({ method: 'GET', url: '/api/me', headers: person.auth });
      expect(fresh.statusCode).toBe(200);
      clock.advance(15 * 60_000 + 1_000);
      const stale = await timed.app.inject({ method: 'GET', url: '/api/me', headers: person.auth });
      expect(stale.statusCode).toBe(401);
      expect(stale.json().code).toBe('UNAUTHENTICATED');
      const forged = await timed.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${person.accessToken}x` },
      });
      expect(forged.statusCode).toBe(401);
    } finally {
      await timed.close();
    }
  });
});

describe('no account enumeration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a duplicate sign-up answers the same and emails the owner a notice', async () => {
    const owner = await signUpAndLogIn(t.app, t.database, {
      email: 'owner@example.ca',
      locale: 'en',
      firstName: 'Owen',
    });
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration(),
      remoteAddress: '127.1.0.1',
    });
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ email: 'OWNER@example.ca', password: 'Autre-Mot-De-Passe-99', locale: 'fr' }),
      remoteAddress: '127.1.0.2',
    });
    expect(duplicate.statusCode).toBe(fresh.statusCode);
    expect(duplicate.body).toBe(fresh.body);
    const notice = await lastEmailTo(t.database, 'owner@example.ca');
    expect(notice?.template).toBe('auth.account_exists');
    expect(notice?.subject).toBe('You already have a CAPITUNE account'); // the owner's language
    const [stored] = await t.database.db.select().from(users).where(eq(users.email, 'owner@example.ca'));
    expect(stored?.firstName).toBe('Owen');
    expect(owner.userId).toBe(stored?.id);
  });

  it('forgot-password and login answer the same for known and unknown emails, in similar time', async () => {
    await signUpAndLogIn(t.app, t.database, { email: 'known@example.ca' });
    const forgot = async (email: string, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email },
        remoteAddress: ip,
      });
    const known = await forgot('known@example.ca', '127.2.0.1');
    const unknown = await forgot('nobody@example.ca', '127.2.0.2');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(await emailsTo(t.database, 'nobody@example.ca')).toHaveLength(0);
    expect((await lastEmailTo(t.database, 'known@example.ca'))?.template).toBe('auth.reset_password');

    const login = (email: string, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'Wrong-Password-123' },
        remoteAddress: ip,
      });
    const timings = { known: [] as number[], unknown: [] as number[] };
    let knownBody = '';
    let unknownBody = '';
    for (let i = 0; i < 2; i++) {
      for (const [kind, email] of [
        ['known', 'known@example.ca'],
        ['unknown', `ghost${i}@example.ca`],
      ] as const) {
        const started = performance.now();
        const response = await login(email, `127.3.${i}.${kind.length}`);
        timings[kind].push(performance.now() - started);
        expect(response.statusCode).toBe(401);
        if (kind === 'known') knownBody = response.body;
        else unknownBody = response.body;
      }
    }
    expect(JSON.parse(unknownBody)).toEqual(JSON.parse(knownBody));
    // Both paths verify an argon2id hash: neither answers in a fraction of the other's time. Each path's
    // fastest answer is compared: other tests sharing the cores only ever add time to a sample.
    const fastest = (values: number[]) => Math.min(...values);
    expect(fastest(timings.unknown)).toBeGreaterThan(fastest(timings.known) / 3);
    expect(fastest(timings.known)).toBeGreaterThan(fastest(timings.unknown) / 3);
  });
});
