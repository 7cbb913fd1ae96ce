import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import {
  emailsTo,
  enrolTotp,
  refreshCookie,
  registration,
  STRONG_PASSWORD,
  signUpAndLogIn,
  totpCode,
} from '../../../test/auth-helpers';
import { tokenFrom } from '../../../test/smtp';
import { auditLog, emailTokens, knownDevices, sessions, users } from '../../db/schema';
import { hashToken } from '../../lib/tokens';
import { ManualClock } from '../../platform/clock';
import { userById } from './auth.queries';
import { startSession } from './sessions.service';

const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** Public addresses the country data places: Canada, France (two), South Africa. */
const CANADA = '24.48.0.1';
const FRANCE = '2.16.0.1';
const FRANCE_TOO = '2.16.0.77';
const SOUTH_AFRICA = '41.0.0.1';

const ALERT = 'auth.sign_in_alert';

let t: TestApp;
beforeAll(async () => {
  // Behind a proxy on this machine: the client's address is the one it forwards.
  t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.0/8' } });
});
afterAll(async () => {
  await t.close();
});

let proxy = 0;
interface From {
  /** The device cookie the browser sends, if any. */
  device?: string | undefined;
  /** The client's address as forwarded by the proxy; none: the proxy's own (loopback, no country). */
  address?: string;
  userAgent?: string;
}

/** Signs in through the proxy; each call from its own proxy address, so the per-address limits stay away. */
async function logIn(app: FastifyInstance, email: string, from: From = {}) {
  proxy += 1;
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: STRONG_PASSWORD },
    remoteAddress: `127.1.${proxy >> 8}.${proxy & 255}`,
    headers: {
      'user-agent': from.userAgent ?? FIREFOX,
      ...(from.address ? { 'x-forwarded-for': from.address } : {}),
    },
    cookies: from.device ? { capitune_device: from.device } : {},
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const device = response.cookies.find((cookie) => cookie.name === 'capitune_device');
  return {
    response,
    device,
    refreshToken: refreshCookie(response) as string,
    auth: { authorization: `Bearer ${response.json().accessToken as string}` },
  };
}

/** A verified account that has not signed in yet. */
async function account(overrides: Record<string, unknown> = {}) {
  const body = registration(overrides);
  proxy += 1;
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: body,
    remoteAddress: `127.2.${proxy >> 8}.${proxy & 255}`,
  });
  expect(registered.statusCode).toBe(201);
  await t.database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, body.email));
  return body;
}

const alertsTo = async (email: string, app: TestApp = t) =>
  (await emailsTo(app.database, email)).filter((row) => row.template === ALERT);

const listSessions = (auth: { authorization: string }) =>
  t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: auth });

const endByLink = (token: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/sessions/end', payload: { token }, remoteAddress });

describe('the device cookie', () => {
  it('is given on a first sign-in, httpOnly, Lax, for the auth routes, for 400 days; only its hash is kept', async () => {
    const person = await account();
    const first = await logIn(t.app, person.email);
    expect(first.device).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/auth',
      maxAge: 34_560_000,
    });
    const token = first.device?.value as string;
    expect(token).toMatch(/^[\w-]{43}$/);
    const devices = await t.database.db.select().from(knownDevices);
    expect(devices.map((device) => device.deviceHash)).toContain(hashToken(token));
    expect(devices.map((device) => device.deviceHash)).not.toContain(token);
  });

  it('is written again with the same value when the browser sends it; a malformed one is replaced', async () => {
    const person = await account();
    const first = await logIn(t.app, person.email);
    const again = await logIn(t.app, person.email, { device: first.device?.value });
    expect(again.device?.value).toBe(first.device?.value);
    const forged = await logIn(t.app, person.email, { device: 'not-a-device-token' });
    expect(forged.device?.value).toMatch(/^[\w-]{43}$/);
    expect(forged.device?.value).not.toBe('not-a-device-token');
  });

  it('is not touched by a refresh', async () => {
    const person = await account();
    const first = await logIn(t.app, person.email);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: first.refreshToken, capitune_device: first.device?.value as string },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.cookies.find((cookie) => cookie.name === 'capitune_device')).toBeUndefined();
  });
});

describe('sign-in alerts', () => {
  it('sends none on an account’s first sign-in, nor again from the same device and country', async () => {
    const person = await account();
    const first = await logIn(t.app, person.email, { address: CANADA });
    await logIn(t.app, person.email, { device: first.device?.value, address: CANADA });
    await logIn(t.app, person.email, { device: first.device?.value });
    expect(await alertsTo(person.email)).toHaveLength(0);
  });

  it('tells of a new device, in the owner’s language, with when, which device, where, the address and the factor', async () => {
    const person = await account({ locale: 'fr' });
    const laptop = await logIn(t.app, person.email, { address: SOUTH_AFRICA });
    expect(await alertsTo(person.email)).toHaveLength(0);
    // Another browser, from the same country: no cookie yet.
    await logIn(t.app, person.email, { address: SOUTH_AFRICA, userAgent: CHROME });
    const [alert, ...others] = await alertsTo(person.email);
    expect(others).toHaveLength(0);
    expect(alert?.subject).toBe('Nouvelle connexion à votre compte CAPITUNE');
    const text = alert?.text ?? '';
    expect(text).toContain('depuis un appareil que nous ne connaissions pas.');
    expect(text).toMatch(/Quand\u00a0: \p{L}+ \d{1,2} \p{L}+ 20\d\d/u);
    expect(text).toContain('Appareil\u00a0: Chrome 131 · Windows');
    expect(text).toContain('Lieu approximatif\u00a0: Afrique du Sud');
    expect(text).toContain(`Adresse IP\u00a0: ${SOUTH_AFRICA}`);
    expect(text).toContain('Connexion avec\u00a0: mot de passe');
    expect(text).toContain('http://capitune.test/end-session?token=');
    expect(text).not.toMatch(/ [:;!?]/);
    // The laptop, known, comes back: nothing new.
    await logIn(t.app, person.email, { device: laptop.device?.value, address: SOUTH_AFRICA });
    expect(await alertsTo(person.email)).toHaveLength(1);
  });

  it('tells of a country never seen on the account, from a known device; once per country', async () => {
    const person = await account({ locale: 'en' });
    const laptop = await logIn(t.app, person.email);
    const device = laptop.device?.value;
    await logIn(t.app, person.email, { device, address: FRANCE });
    const [alert] = await alertsTo(person.email);
    expect(alert?.subject).toBe('New sign-in to your CAPITUNE account');
    expect(alert?.text).toContain('from a country you had never signed in from.');
    expect(alert?.text).toContain('Approximate place: France');
    expect(alert?.text).toContain(`IP address: ${FRANCE}`);
    expect(alert?.text).toContain('Device: Firefox 128 · macOS');
    expect(alert?.text).toContain('Signed in with: password');
    // France again, from another address there: seen already.
    await logIn(t.app, person.email, { device, address: FRANCE_TOO });
    expect(await alertsTo(person.email)).toHaveLength(1);
    // A new device in a new country says both.
    await logIn(t.app, person.email, { address: CANADA });
    const [latest] = await alertsTo(person.email);
    expect(latest?.text).toContain('from a new device, in a country you had never signed in from.');
    expect(latest?.text).toContain('Approximate place: Canada');
    expect(await alertsTo(person.email)).toHaveLength(2);
  });

  it('names the factor that proved the sign-in, and opens the step-up window only for a fresh proof', async () => {
    const person = await account({ locale: 'fr' });
    const first = await logIn(t.app, person.email);
    const [row] = await t.database.db.select().from(users).where(eq(users.email, person.email));
    const user = await userById(t.database.db, row?.id as string);
    if (!user) throw new Error('no user');
    const signedIn = await startSession(
      t.app.deps,
      user,
      { ip: CANADA, userAgent: CHROME, deviceToken: first.device?.value },
      { factor: 'totp', reauthenticated: true },
    );
    expect(signedIn.deviceToken).toBe(first.device?.value);
    const [alert] = await alertsTo(person.email);
    expect(alert?.text).toContain('Connexion avec\u00a0: application d’authentification');
    expect(alert?.text).toContain('Lieu approximatif\u00a0: Canada');
    const opened = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    const byFactor = Object.fromEntries(opened.map((session) => [session.factor, session]));
    expect(byFactor.totp?.reauthenticatedAt).not.toBeNull();
    expect(byFactor.password?.reauthenticatedAt).toBeNull();
  });
});

describe('a sign-in completed by a second factor', () => {
  let s: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:10Z');
  beforeAll(async () => {
    s = await createTestApp({ clock, env: { TRUST_PROXY: '127.0.0.0/8' } });
  });
  afterAll(() => s.close());

  /** Password, then the authenticator's code of the clock's current step, with the browser's cookie. */
  async function signInWithCode(email: string, secret: string, device?: string) {
    const password = await logIn(s.app, email, { device, address: CANADA });
    const challengeId = password.response.json().challengeId as string;
    expect(challengeId).toEqual(expect.any(String));
    const completed = await s.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      payload: { challengeId, method: 'totp', code: totpCode(secret, clock.now()) },
      remoteAddress: '127.1.255.1',
      headers: { 'user-agent': FIREFOX, 'x-forwarded-for': CANADA },
      cookies: device ? { capitune_device: device } : {},
    });
    expect(completed.statusCode, completed.body).toBe(200);
    clock.advance(30_000);
    return completed.cookies.find((cookie) => cookie.name === 'capitune_device')?.value;
  }

  it('keeps the browser’s device cookie and names the factor in the alert', async () => {
    const person = await signUpAndLogIn(s.app, s.database, { locale: 'en' });
    const { secret } = await enrolTotp(s.app, person.accessToken);
    clock.advance(30_000);
    const device = await signInWithCode(person.body.email, secret);
    const [alert, ...others] = await alertsTo(person.body.email, s);
    expect(others).toHaveLength(0);
    expect(alert?.text).toContain('Signed in with: authenticator app');
    expect(alert?.text).toContain('Approximate place: Canada');

    expect(await signInWithCode(person.body.email, secret, device)).toBe(device);
    expect(await alertsTo(person.body.email, s)).toHaveLength(1);
  });
});

describe('the sessions list', () => {
  it('shows how each session was signed in to and from which country', async () => {
    const person = await account();
    const home = await logIn(t.app, person.email);
    const away = await logIn(t.app, person.email, { device: home.device?.value, address: FRANCE });
    const listed = await listSessions(home.auth);
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as {
      current: boolean;
      factor: string;
      country: string | null;
      ip: string;
    }[];
    expect(items).toHaveLength(2);
    expect(items.find((item) => item.current)).toMatchObject({ factor: 'password', country: null });
    expect(items.find((item) => !item.current)).toMatchObject({
      factor: 'password',
      country: 'FR',
      ip: FRANCE,
    });
    // Each person sees their own sessions only.
    const other = await account();
    const theirs = await logIn(t.app, other.email);
    const theirList = (await listSessions(theirs.auth)).json().items as unknown[];
    expect(theirList).toHaveLength(1);
    expect((await listSessions(away.auth)).json().items).toHaveLength(2);
  });

  it('is refused without a sign-in', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/me/sessions' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('ending a session from the alert’s link', () => {
  /** An account signed in on a laptop, then on a phone that set off an alert: the link of that alert. */
  async function alerted() {
    const person = await account({ locale: 'en' });
    const laptop = await logIn(t.app, person.email);
    const phone = await logIn(t.app, person.email, { address: FRANCE, userAgent: CHROME });
    const [alert] = await alertsTo(person.email);
    return { person, laptop, phone, token: tokenFrom(alert?.text ?? '') };
  }

  const refresh = (refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { capitune_refresh: refreshToken } });

  it('ends that session (not the others) without a sign-in, once, and audits it', async () => {
    const { laptop, phone, token } = await alerted();
    const [phoneSession] = (
      (await listSessions(phone.auth)).json().items as { id: string; current: boolean }[]
    ).filter((item) => item.current);

    const ended = await endByLink(token, '127.0.0.9');
    expect(ended.statusCode).toBe(204);

    const refused = await refresh(phone.refreshToken);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('SESSION_EXPIRED');
    const phoneMe = await t.app.inject({ method: 'GET', url: '/api/me', headers: phone.auth });
    expect(phoneMe.statusCode).toBe(401);
    expect((await refresh(laptop.refreshToken)).statusCode).toBe(200);

    const [revoked] = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, phoneSession?.id as string));
    expect(revoked?.revokedReason).toBe('ended_from_alert');
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'session.ended_from_alert'),
          eq(auditLog.subjectId, phoneSession?.id as string),
        ),
      );
    expect(audited).toHaveLength(1);
    expect(audited[0]?.ip).toBe('127.0.0.9');

    const again = await endByLink(token);
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVALID_TOKEN');
  });

  it('refuses an expired link, leaving the session open', async () => {
    const { phone, token } = await alerted();
    await t.database.db
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailTokens.tokenHash, hashToken(token)));
    const expired = await endByLink(token);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('TOKEN_EXPIRED');
    expect((await refresh(phone.refreshToken)).statusCode).toBe(200);
  });

  it('refuses an unknown token, another kind of emailed token and a malformed body', async () => {
    const unknown = await endByLink('x'.repeat(43));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('INVALID_TOKEN');

    const person = await account();
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: person.email },
    });
    const resetEmail = (await emailsTo(t.database, person.email)).find(
      (row) => row.template === 'auth.reset_password',
    );
    const resetToken = await endByLink(tokenFrom(resetEmail?.text ?? ''));
    expect(resetToken.statusCode).toBe(400);
    expect(resetToken.json().code).toBe('INVALID_TOKEN');

    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sessions/end',
      payload: { token: 'short' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
  });

  it('is rate limited per address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 31; attempt += 1) {
      statuses.push((await endByLink(`guess-${attempt}-${'y'.repeat(30)}`, '127.0.0.77')).statusCode);
    }
    expect(statuses.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another address is not held back.
    expect((await endByLink('z'.repeat(43), '127.0.0.78')).statusCode).toBe(400);
  });
});
