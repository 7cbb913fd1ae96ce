import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { enrolTotp, signUpAndLogIn, stepUp, totpCode } from '../../../test/auth-helpers';
import { uniqueLicence } from '../../../test/pro-helpers';
import { auditLog, recoveryCodes, totpFactors } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const STEP = 30_000;
const RECOVERY_CODE = /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/;

describe('authenticator app (TOTP) and recovery codes', () => {
  let t: TestApp;
  // 10 s into a 30-second step: a step earlier or later is still a code of the window.
  const clock = new ManualClock('2026-11-25T12:00:10Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const send = (method: 'GET' | 'POST' | 'DELETE', url: string, accessToken?: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(accessToken ? { headers: { authorization: `Bearer ${accessToken}` } } : {}),
      ...(payload ? { payload } : {}),
    });
  const security = async (accessToken: string) => (await send('GET', '/api/me/security', accessToken)).json();
  const logIn = (email: string, password: string, remoteAddress = '192.0.2.10') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
  /** A new sign-in of this person completed with `proof`: the response. */
  const signInWith = async (
    person: { body: { email: string; password: string } },
    proof: object,
    remoteAddress = '192.0.2.10',
  ) => {
    const started = await logIn(person.body.email, person.body.password, remoteAddress);
    expect(started.json().status).toBe('second_factor_required');
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      payload: { challengeId: started.json().challengeId, ...proof },
      remoteAddress,
    });
  };

  it('refuses every route to an anonymous caller', async () => {
    for (const [method, url] of [
      ['POST', '/api/me/totp/setup'],
      ['POST', '/api/me/totp/confirm'],
      ['DELETE', '/api/me/totp'],
      ['POST', '/api/me/recovery-codes'],
    ] as const) {
      const response = await send(method, url, undefined, method === 'POST' ? { code: '123456' } : undefined);
      expect(response.statusCode, url).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('sets up only after a step-up: the secret as text and QR code, sealed in the database', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const unproven = await send('POST', '/api/me/totp/setup', person.accessToken);
    expect(unproven.statusCode).toBe(401);
    expect(unproven.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });

    await stepUp(t.app, person.accessToken);
    const setup = await send('POST', '/api/me/totp/setup', person.accessToken);
    expect(setup.statusCode).toBe(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUrl, qrCodeSvg } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe(`/CAPITUNE:${person.body.email}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      issuer: 'CAPITUNE',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(qrCodeSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    const [row] = await t.database.db.select().from(totpFactors).where(eq(totpFactors.userId, person.userId));
    expect(row?.confirmedAt).toBeNull();
    expect(row?.secretEncrypted).not.toContain(secret);
    expect(t.app.deps.keyring.open(row?.secretEncrypted ?? '', `totp:${person.userId}`)).toBe(secret);
    // Sealed for this user: under another user's context it does not open.
    expect(() => t.app.deps.keyring.open(row?.secretEncrypted ?? '', 'totp:someone-else')).toThrow();
    // Not on until confirmed: signing in still takes the password alone.
    expect((await logIn(person.body.email, person.body.password)).json().accessToken).toBeDefined();
  });

  it('confirms with a first code: ten recovery codes shown once; a setup started again replaces the first', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await stepUp(t.app, person.accessToken);
    const first = (await send('POST', '/api/me/totp/setup', person.accessToken)).json().secret as string;
    const second = (await send('POST', '/api/me/totp/setup', person.accessToken)).json().secret as string;
    expect(second).not.toBe(first);

    const stale = await send('POST', '/api/me/totp/confirm', person.accessToken, {
      code: totpCode(first, clock.now()),
    });
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.code', code: 'code_invalid' }],
    });
    const malformed = await send('POST', '/api/me/totp/confirm', person.accessToken, { code: '12345' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toBe('body.code');

    const code = totpCode(second, clock.now());
    const confirmed = await send('POST', '/api/me/totp/confirm', person.accessToken, {
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(confirmed.statusCode).toBe(200);
    const { codes } = confirmed.json() as { codes: string[] };
    expect(codes).toHaveLength(10);
    for (const recovery of codes) expect(recovery).toMatch(RECOVERY_CODE);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.database.db
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, person.userId));
    expect(stored).toHaveLength(10);
    expect(stored.map((row) => row.codeHash)).not.toContain(codes[0]);

    expect(await security(person.accessToken)).toMatchObject({
      totp: { enabled: true, confirmedAt: clock.now().toISOString() },
      recoveryCodes: { remaining: 10 },
      stepUp: { methods: ['totp', 'recovery_code'] },
    });
    const again = await send('POST', '/api/me/totp/setup', person.accessToken);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TOTP_ALREADY_ENABLED');
    const confirmedAgain = await send('POST', '/api/me/totp/confirm', person.accessToken, {
      code: totpCode(second, new Date(clock.now().getTime() + STEP)),
    });
    expect(confirmedAgain.json().code).toBe('TOTP_ALREADY_ENABLED');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, person.userId), eq(auditLog.action, 'user.totp_enabled')));
    expect(audit?.actorId).toBe(person.userId);
    // Nothing to confirm for someone who never started.
    const other = await signUpAndLogIn(t.app, t.database);
    expect(
      (await send('POST', '/api/me/totp/confirm', other.accessToken, { code: '123456' })).statusCode,
    ).toBe(404);
  });

  it('accepts a code one step early or late, not two; each step once, never an earlier one', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const { secret } = await enrolTotp(t.app, person.accessToken);
    clock.advance(5 * STEP);
    const at = (steps: number) => totpCode(secret, new Date(clock.now().getTime() + steps * STEP));

    for (const steps of [-2, 2]) {
      const refused = await signInWith(person, { method: 'totp', code: at(steps) });
      expect(refused.statusCode, `${steps} steps`).toBe(401);
      expect(refused.json().code).toBe('SECOND_FACTOR_INVALID');
    }
    const late = await signInWith(person, { method: 'totp', code: at(-1) });
    expect(late.statusCode).toBe(200);
    const replayed = await signInWith(person, { method: 'totp', code: at(-1) });
    expect(replayed.json().code).toBe('SECOND_FACTOR_INVALID');
    const early = await signInWith(person, { method: 'totp', code: at(1) });
    expect(early.statusCode).toBe(200);
    // The step of now came before the last one accepted: refused too.
    expect((await signInWith(person, { method: 'totp', code: at(0) })).json().code).toBe(
      'SECOND_FACTOR_INVALID',
    );
    clock.advance(2 * STEP);
    expect((await signInWith(person, { method: 'totp', code: at(0) })).statusCode).toBe(200);
  });

  it('takes recovery codes once each, typed in any case and without the dash', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const { recoveryCodes: codes } = await enrolTotp(t.app, person.accessToken);
    const [first = '', second = ''] = codes;
    const signedIn = await signInWith(person, { method: 'recovery_code', code: first });
    expect(signedIn.statusCode).toBe(200);
    expect((await signInWith(person, { method: 'recovery_code', code: first })).json().code).toBe(
      'SECOND_FACTOR_INVALID',
    );
    const typed = ` ${second.replace('-', '').toUpperCase()} `;
    expect((await signInWith(person, { method: 'recovery_code', code: typed })).statusCode).toBe(200);
    expect((await security(signedIn.json().accessToken)).recoveryCodes.remaining).toBe(8);
  });

  it('regenerates recovery codes after a step-up: the old ones stop working', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const { secret, recoveryCodes: old } = await enrolTotp(t.app, person.accessToken);
    clock.advance(STEP);
    // The step-up of the setup lapsed; the password no longer proves anything (the account has a factor).
    clock.advance(10 * 60_000);
    const unproven = await send('POST', '/api/me/recovery-codes', person.accessToken);
    expect(unproven.statusCode).toBe(401);
    expect(unproven.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['totp', 'recovery_code'] });
    const signedIn = await signInWith(person, { method: 'totp', code: totpCode(secret, clock.now()) });
    const { accessToken } = signedIn.json();

    // Signing in with a second factor opened the step-up window.
    const regenerated = await send('POST', '/api/me/recovery-codes', accessToken);
    expect(regenerated.statusCode).toBe(200);
    const { codes } = regenerated.json() as { codes: string[] };
    expect(codes).toHaveLength(10);
    expect(codes.some((code) => old.includes(code))).toBe(false);
    expect((await signInWith(person, { method: 'recovery_code', code: old[3] })).json().code).toBe(
      'SECOND_FACTOR_INVALID',
    );
    expect((await signInWith(person, { method: 'recovery_code', code: codes[3] })).statusCode).toBe(200);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectId, person.userId), eq(auditLog.action, 'user.recovery_codes_regenerated')),
      );
    expect(audits).toHaveLength(1);
  });

  it('removes the authenticator after a step-up; a later setup keeps the unused recovery codes', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const { secret } = await enrolTotp(t.app, person.accessToken);
    clock.advance(10 * 60_000);
    const unproven = await send('DELETE', '/api/me/totp', person.accessToken);
    expect(unproven.statusCode).toBe(401);
    expect(unproven.json().code).toBe('STEP_UP_REQUIRED');

    const stepped = await send('POST', '/api/auth/step-up', person.accessToken, {
      method: 'totp',
      code: totpCode(secret, clock.now()),
    });
    expect(stepped.statusCode).toBe(200);
    expect((await send('DELETE', '/api/me/totp', person.accessToken)).statusCode).toBe(204);
    expect(
      await t.database.db.select().from(totpFactors).where(eq(totpFactors.userId, person.userId)),
    ).toEqual([]);
    expect((await security(person.accessToken)).totp).toEqual({ enabled: false, confirmedAt: null });
    // Password alone again; kept recovery codes do not ask for a second factor on their own.
    expect((await logIn(person.body.email, person.body.password)).json().accessToken).toBeDefined();
    const unused = await t.database.db
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, person.userId), isNull(recoveryCodes.usedAt)));
    expect(unused).toHaveLength(10);

    // The step-up still holds: set up again, and no new codes are shown.
    const setup = (await send('POST', '/api/me/totp/setup', person.accessToken)).json();
    const confirmed = await send('POST', '/api/me/totp/confirm', person.accessToken, {
      code: totpCode(setup.secret, clock.now()),
    });
    expect(confirmed.json()).toEqual({ codes: [] });
    expect((await security(person.accessToken)).recoveryCodes.remaining).toBe(10);
  });

  it('keeps the authenticator of a pro without a passkey: 409 LAST_FACTOR_REQUIRED', async () => {
    const pro = await signUpAndLogIn(t.app, t.database, {
      role: 'pro',
      licenceNumber: uniqueLicence(),
      organisationName: 'Cabinet Boréal',
    });
    await enrolTotp(t.app, pro.accessToken);
    const refused = await send('DELETE', '/api/me/totp', pro.accessToken);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('LAST_FACTOR_REQUIRED');
    expect((await security(pro.accessToken)).totp.enabled).toBe(true);
  });
});
