import { createHash } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, enrolTotp, refreshCookie, signUpAndLogIn, totpCode } from '../../../test/auth-helpers';
import { devSmsMessages, passkeys, rateLimits, sessions, signInChallenges, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const STEP = 30_000;
const MINUTE = 60_000;

describe('sign-in with a second factor', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:10Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, remoteAddress = '198.51.100.1') =>
    t.app.inject({ method: 'POST', url, payload, remoteAddress });
  const logIn = async (person: { body: { email: string; password: string } }, remoteAddress?: string) => {
    const response = await post(
      '/api/auth/login',
      { email: person.body.email, password: person.body.password },
      remoteAddress,
    );
    expect(response.statusCode).toBe(200);
    return response;
  };
  const challengeOf = async (person: { body: { email: string; password: string } }) =>
    (await logIn(person)).json().challengeId as string;
  /** A person with a confirmed authenticator; the clock moved to the next step, whose code is unused. */
  const withTotp = async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const enrolled = await enrolTotp(t.app, person.accessToken);
    clock.advance(STEP);
    return { ...person, ...enrolled, code: () => totpCode(enrolled.secret, clock.now()) };
  };
  const openSessions = (userId: string) =>
    t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .orderBy(desc(sessions.createdAt));

  it('answers second_factor_required with the methods, strong ones first, and opens no session', async () => {
    const person = await withTotp();
    await t.database.db
      .update(users)
      .set({
        emailFactorEnabledAt: clock.now(),
        smsFactorPhone: '+15145550123',
        smsFactorConfirmedAt: clock.now(),
      })
      .where(eq(users.id, person.userId));
    await t.database.db.insert(passkeys).values({
      userId: person.userId,
      credentialId: 'cred-second-factor-test',
      publicKey: 'pQECAyYgASFYIA',
      deviceType: 'multiDevice',
      name: 'Téléphone',
    });
    const before = await openSessions(person.userId);

    const response = await logIn(person);
    const body = response.json();
    expect(body).toEqual({
      status: 'second_factor_required',
      challengeId: expect.any(String),
      methods: ['totp', 'passkey', 'recovery_code', 'email', 'sms'],
    });
    expect(refreshCookie(response)).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await openSessions(person.userId)).toHaveLength(before.length);
    const [challenge] = await t.database.db
      .select()
      .from(signInChallenges)
      .where(eq(signInChallenges.userId, person.userId));
    expect(challenge?.tokenHash).toBe(createHash('sha256').update(body.challengeId).digest('hex'));
    expect(challenge?.expiresAt).toEqual(new Date(clock.now().getTime() + 10 * MINUTE));
    expect(challenge?.ip).toBe('198.51.100.1');

    // Each way is started for this sign-in.
    const passkey = await post('/api/auth/second-factor/start', {
      challengeId: body.challengeId,
      method: 'passkey',
    });
    expect(passkey.statusCode).toBe(200);
    expect(passkey.json()).toMatchObject({
      method: 'passkey',
      options: { challenge: expect.any(String), allowCredentials: [{ id: 'cred-second-factor-test' }] },
    });
    const sms = await post('/api/auth/second-factor/start', { challengeId: body.challengeId, method: 'sms' });
    expect(sms.json()).toEqual({ method: 'sms', sentTo: '+1 ••• ••• •• 23' });
    const [texted] = await t.database.db
      .select()
      .from(devSmsMessages)
      .where(eq(devSmsMessages.to, '+15145550123'))
      .orderBy(desc(devSmsMessages.createdAt));
    const code = texted?.body.match(/(\d{3}) (\d{3})/);
    const signedIn = await post('/api/auth/second-factor', {
      challengeId: body.challengeId,
      method: 'sms',
      code: `${code?.[1]}${code?.[2]}`,
    });
    expect(signedIn.statusCode).toBe(200);
    const [opened] = await openSessions(person.userId);
    expect(opened).toMatchObject({ factor: 'sms', reauthenticatedAt: clock.now() });
  });

  it('completes with the authenticator: a session proven by it, its step-up window open, the challenge spent', async () => {
    const person = await withTotp();
    const challengeId = await challengeOf(person);
    const signedIn = await post('/api/auth/second-factor', {
      challengeId,
      method: 'totp',
      code: person.code(),
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ accessToken: expect.any(String), user: { id: person.userId } });
    expect(refreshCookie(signedIn)).toBeDefined();
    expect(signedIn.headers['cache-control']).toBe('no-store');
    const [opened] = await openSessions(person.userId);
    expect(opened).toMatchObject({ factor: 'totp', reauthenticatedAt: clock.now(), ip: '198.51.100.1' });
    const overview = await t.app.inject({
      method: 'GET',
      url: '/api/me/security',
      headers: { authorization: `Bearer ${signedIn.json().accessToken}` },
    });
    expect(overview.json().stepUp.validUntil).toBe(
      new Date(clock.now().getTime() + 10 * MINUTE).toISOString(),
    );

    clock.advance(STEP);
    const again = await post('/api/auth/second-factor', { challengeId, method: 'totp', code: person.code() });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('SECOND_FACTOR_EXPIRED');
  });

  it('refuses a wrong, foreign or unoffered proof alike, and counts it as a failed login from that address', async () => {
    const person = await withTotp();
    const stranger = await withTotp();
    const challengeId = await challengeOf(person);
    const wrong = person.code() === '000000' ? '000001' : '000000';
    for (const proof of [
      { method: 'totp', code: wrong },
      { method: 'totp', code: stranger.code() },
      { method: 'recovery_code', code: stranger.recoveryCodes[0] },
    ]) {
      const refused = await post('/api/auth/second-factor', { challengeId, ...proof });
      expect(refused.statusCode, JSON.stringify(proof)).toBe(401);
      expect(refused.json()).toMatchObject({
        code: 'SECOND_FACTOR_INVALID',
        title: 'This code or passkey is not valid',
      });
      expect(refused.json().detail).toBeUndefined();
    }
    const [failures] = await t.database.db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `login-failures:${person.body.email}|198.51.100.1`));
    expect(failures?.hits).toBe(3);
    // Three failures from this address: it waits, as after three wrong passwords.
    const waiting = await post('/api/auth/second-factor', {
      challengeId,
      method: 'totp',
      code: person.code(),
    });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json().code).toBe('RATE_LIMITED');
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);

    // The owner, from another address, still signs in; that address's count is forgotten.
    const fromHome = await post(
      '/api/auth/second-factor',
      { challengeId, method: 'totp', code: person.code() },
      '198.51.100.2',
    );
    expect(fromHome.statusCode).toBe(200);
    const homeFailures = await t.database.db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `login-failures:${person.body.email}|198.51.100.2`));
    expect(homeFailures).toEqual([]);

    // A method the account does not have is refused the same way, whatever the code.
    const other = await challengeOf(stranger);
    const unoffered = await post('/api/auth/second-factor', {
      challengeId: other,
      method: 'email',
      code: '123456',
    });
    expect(unoffered.json().code).toBe('SECOND_FACTOR_INVALID');
  });

  it('ends a sign-in after five wrong answers, and after 10 minutes', async () => {
    const person = await withTotp();
    const challengeId = await challengeOf(person);
    const wrong = person.code() === '000000' ? '000001' : '000000';
    // From five addresses, so that the login limits of one address stay out of the way.
    for (let n = 1; n <= 5; n++) {
      const refused = await post(
        '/api/auth/second-factor',
        { challengeId, method: 'totp', code: wrong },
        `203.0.113.${n}`,
      );
      expect(refused.json().code).toBe('SECOND_FACTOR_INVALID');
    }
    const tooLate = await post(
      '/api/auth/second-factor',
      { challengeId, method: 'totp', code: person.code() },
      '203.0.113.9',
    );
    expect(tooLate.statusCode).toBe(401);
    expect(tooLate.json().code).toBe('SECOND_FACTOR_EXPIRED');
    const start = await post('/api/auth/second-factor/start', { challengeId, method: 'email' });
    expect(start.json().code).toBe('SECOND_FACTOR_EXPIRED');

    const fresh = await challengeOf(person);
    clock.advance(10 * MINUTE);
    const expired = await post('/api/auth/second-factor', {
      challengeId: fresh,
      method: 'totp',
      code: person.code(),
    });
    expect(expired.json().code).toBe('SECOND_FACTOR_EXPIRED');
    const unknown = await post('/api/auth/second-factor', {
      challengeId: 'x'.repeat(43),
      method: 'totp',
      code: person.code(),
    });
    expect(unknown.json().code).toBe('SECOND_FACTOR_EXPIRED');
  });

  it('starts only the ways the account has, for a sign-in still waiting', async () => {
    const person = await withTotp();
    const challengeId = await challengeOf(person);
    for (const method of ['email', 'sms', 'passkey']) {
      const refused = await post('/api/auth/second-factor/start', { challengeId, method });
      expect(refused.statusCode, method).toBe(400);
      expect(refused.json().errors).toEqual([
        expect.objectContaining({ path: 'body.method', code: 'method_unavailable' }),
      ]);
    }
    expect(await emailsTo(t.database, person.body.email)).not.toContainEqual(
      expect.objectContaining({ template: expect.stringMatching(/^auth\.one_time_code/) }),
    );
    const unknown = await post('/api/auth/second-factor/start', {
      challengeId: 'y'.repeat(43),
      method: 'email',
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('SECOND_FACTOR_EXPIRED');
  });

  it('refuses a suspended account, and signs in with the password alone an account without a factor', async () => {
    const person = await withTotp();
    const challengeId = await challengeOf(person);
    await t.database.db.update(users).set({ status: 'suspended' }).where(eq(users.id, person.userId));
    const refused = await post('/api/auth/second-factor', {
      challengeId,
      method: 'totp',
      code: person.code(),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ACCOUNT_SUSPENDED');

    const plain = await signUpAndLogIn(t.app, t.database);
    const signedIn = await logIn(plain);
    expect(signedIn.json().accessToken).toEqual(expect.any(String));
    const [opened] = await openSessions(plain.userId);
    expect(opened).toMatchObject({ factor: 'password', reauthenticatedAt: null });
  });
});
