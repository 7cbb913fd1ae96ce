import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { enrolTotp, STRONG_PASSWORD, signUpAndLogIn, stepUp, totpCode } from '../../../test/auth-helpers';
import { rateLimits, sessions } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const STEP = 30_000;
const MINUTE = 60_000;
const NEW_PASSWORD = 'Sapin-Moqueur-Lunaire-8';

describe('step-up before sensitive actions', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:10Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, accessToken?: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(accessToken ? { headers: { authorization: `Bearer ${accessToken}` } } : {}),
      ...(payload ? { payload } : {}),
    });
  const regenerate = (accessToken: string) => send('POST', '/api/me/recovery-codes', accessToken);
  const overview = async (accessToken: string) => (await send('GET', '/api/me/security', accessToken)).json();

  it('refuses an anonymous caller', async () => {
    for (const [url, payload] of [
      ['/api/auth/step-up', { method: 'password', password: STRONG_PASSWORD }],
      ['/api/auth/step-up/start', { method: 'email' }],
    ] as const) {
      const response = await send('POST', url, undefined, payload);
      expect(response.statusCode, url).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
    expect((await send('GET', '/api/me/security')).statusCode).toBe(401);
  });

  it('takes the password of an account without a factor, for 10 minutes of this session only', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    // A password-only sign-in opens nothing.
    expect((await overview(person.accessToken)).stepUp).toEqual({ methods: ['password'], validUntil: null });
    const refused = await regenerate(person.accessToken);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });

    const wrong = await send('POST', '/api/auth/step-up', person.accessToken, {
      method: 'password',
      password: 'Pas-le-bon-mot-de-passe-1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('SECOND_FACTOR_INVALID');
    const [failures] = await t.database.db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `login-failures:${person.body.email}|127.0.0.1`));
    expect(failures?.hits).toBe(1);

    const proven = await send('POST', '/api/auth/step-up', person.accessToken, {
      method: 'password',
      password: STRONG_PASSWORD,
    });
    expect(proven.statusCode).toBe(200);
    const validUntil = new Date(clock.now().getTime() + 10 * MINUTE).toISOString();
    expect(proven.json()).toEqual({ validUntil });
    expect((await overview(person.accessToken)).stepUp).toEqual({ methods: ['password'], validUntil });
    const [session] = await t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, person.userId), eq(sessions.reauthenticatedAt, clock.now())));
    expect(session).toBeDefined();

    // Another session of the same person has not proven anything.
    const elsewhere = await send('POST', '/api/auth/login', undefined, {
      email: person.body.email,
      password: STRONG_PASSWORD,
    });
    expect((await regenerate(elsewhere.json().accessToken)).statusCode).toBe(401);

    clock.advance(10 * MINUTE - 1_000);
    expect((await regenerate(person.accessToken)).statusCode).toBe(200);
    clock.advance(1_000);
    const lapsed = await regenerate(person.accessToken);
    expect(lapsed.statusCode).toBe(401);
    expect(lapsed.json().code).toBe('STEP_UP_REQUIRED');
    expect((await overview(person.accessToken)).stepUp.validUntil).toBeNull();
  });

  it('asks an account with a factor for that factor: the password is refused, even right', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const { secret, recoveryCodes } = await enrolTotp(t.app, person.accessToken);
    clock.advance(10 * MINUTE);
    const refused = await regenerate(person.accessToken);
    expect(refused.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['totp', 'recovery_code'] });

    const byPassword = await send('POST', '/api/auth/step-up', person.accessToken, {
      method: 'password',
      password: STRONG_PASSWORD,
    });
    expect(byPassword.statusCode).toBe(401);
    expect(byPassword.json().code).toBe('SECOND_FACTOR_INVALID');
    const code = totpCode(secret, clock.now());
    expect(
      (await send('POST', '/api/auth/step-up', person.accessToken, { method: 'totp', code })).statusCode,
    ).toBe(200);
    const replayed = await send('POST', '/api/auth/step-up', person.accessToken, { method: 'totp', code });
    expect(replayed.json().code).toBe('SECOND_FACTOR_INVALID');

    // A recovery code proves it too (and is spent), here while the last proof still holds.
    const byRecovery = await send('POST', '/api/auth/step-up', person.accessToken, {
      method: 'recovery_code',
      code: recoveryCodes[0],
    });
    expect(byRecovery.statusCode).toBe(200);
    expect((await overview(person.accessToken)).recoveryCodes.remaining).toBe(9);

    const start = await send('POST', '/api/auth/step-up/start', person.accessToken, { method: 'email' });
    expect(start.statusCode).toBe(400);
    expect(start.json().errors[0]).toMatchObject({ path: 'body.method', code: 'method_unavailable' });
  });

  it('asks an account with a factor for a step-up before a new password; without one, the current password is the proof', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const { secret } = await enrolTotp(t.app, person.accessToken);
    clock.advance(10 * MINUTE);
    const change = (currentPassword: string) =>
      send('PUT', '/api/me/password', person.accessToken, { currentPassword, newPassword: NEW_PASSWORD });
    const refused = await change(STRONG_PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['totp', 'recovery_code'] });
    await send('POST', '/api/auth/step-up', person.accessToken, {
      method: 'totp',
      code: totpCode(secret, clock.now()),
    });
    // The current password is still checked.
    expect((await change('Pas-le-bon-mot-de-passe-1')).json().code).toBe('WRONG_PASSWORD');
    expect((await change(STRONG_PASSWORD)).statusCode).toBe(204);

    const plain = await signUpAndLogIn(t.app, t.database);
    const changed = await send('PUT', '/api/me/password', plain.accessToken, {
      currentPassword: STRONG_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(204);
  });

  it('opens the window with a sign-in completed by a second factor, not with the password alone', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const { secret } = await enrolTotp(t.app, person.accessToken);
    clock.advance(STEP);
    const started = await send('POST', '/api/auth/login', undefined, {
      email: person.body.email,
      password: STRONG_PASSWORD,
    });
    const signedIn = await send('POST', '/api/auth/second-factor', undefined, {
      challengeId: started.json().challengeId,
      method: 'totp',
      code: totpCode(secret, clock.now()),
    });
    expect((await regenerate(signedIn.json().accessToken)).statusCode).toBe(200);
    const passwordOnly = await signUpAndLogIn(t.app, t.database);
    expect((await regenerate(passwordOnly.accessToken)).statusCode).toBe(401);
    await stepUp(t.app, passwordOnly.accessToken);
    expect((await regenerate(passwordOnly.accessToken)).statusCode).toBe(200);
  });
});
