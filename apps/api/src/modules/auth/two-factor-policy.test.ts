import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { enrolTotp, refreshCookie, signUpAndLogIn } from '../../../test/auth-helpers';
import { uniqueLicence } from '../../../test/pro-helpers';
import { organisations, passkeys, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('two-factor policy and the setup gate', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:10Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const get = (url: string, accessToken?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      ...(accessToken ? { headers: { authorization: `Bearer ${accessToken}` } } : {}),
    });
  const security = async (accessToken: string) => (await get('/api/me/security', accessToken)).json();
  const signUpPro = () =>
    signUpAndLogIn(t.app, t.database, {
      role: 'pro',
      licenceNumber: uniqueLicence(),
      organisationName: 'Cabinet Boréal',
    });
  const logIn = async (person: { body: { email: string; password: string } }) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: person.body.password },
    });
    expect(response.statusCode).toBe(200);
    return response;
  };
  const refresh = async (cookie: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: cookie },
    });
    expect(response.statusCode).toBe(200);
    return response;
  };

  it('requires nothing of a candidate, and shows their factors', async () => {
    const candidate = await signUpAndLogIn(t.app, t.database);
    expect(await security(candidate.accessToken)).toEqual({
      totp: { enabled: false, confirmedAt: null },
      passkeys: { count: 0 },
      recoveryCodes: { remaining: 0 },
      email: { enabled: false, address: candidate.body.email },
      sms: { enabled: false, phone: null, available: true },
      policy: { required: false, reason: null, graceEndsAt: null, satisfied: false, setupRequiredNow: false },
      stepUp: { methods: ['password'], validUntil: null },
    });
    // For a candidate any factor counts, email codes included.
    await t.database.db
      .update(users)
      .set({
        emailFactorEnabledAt: clock.now(),
        smsFactorPhone: '+33612345678',
        smsFactorConfirmedAt: clock.now(),
      })
      .where(eq(users.id, candidate.userId));
    expect(await security(candidate.accessToken)).toMatchObject({
      email: { enabled: true },
      sms: { enabled: true, phone: '+33 ••• ••• •• 78' },
      policy: { required: false, satisfied: true },
      stepUp: { methods: ['email', 'sms'] },
    });
  });

  it('gives a pro 7 days, then opens only the setup of a factor until an authenticator or passkey is there', async () => {
    const pro = await signUpPro();
    const [row] = await t.database.db.select().from(users).where(eq(users.id, pro.userId));
    if (!row) throw new Error('no such pro');
    const graceEndsAt = new Date(row.createdAt.getTime() + 7 * DAY);
    expect((await security(pro.accessToken)).policy).toEqual({
      required: true,
      reason: 'role',
      graceEndsAt: graceEndsAt.toISOString(),
      satisfied: false,
      setupRequiredNow: false,
    });
    expect((await get('/api/me/verification', pro.accessToken)).statusCode).toBe(200);

    clock.set(new Date(graceEndsAt.getTime() + MINUTE));
    const gated = (await logIn(pro)).json().accessToken as string;
    for (const url of ['/api/me/verification', '/api/me/notification-preferences', '/api/dossiers']) {
      const refused = await get(url, gated);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    }
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { authorization: `Bearer ${gated}` },
      payload: { firstName: 'Julien' },
    });
    expect(patched.json().code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    for (const url of [
      '/api/me',
      '/api/me/security',
      '/api/me/sessions',
      '/api/me/passkeys',
      '/api/notifications/unread-count',
      '/api/health',
    ]) {
      expect((await get(url, gated)).statusCode, url).toBe(200);
    }
    expect((await security(gated)).policy).toMatchObject({ satisfied: false, setupRequiredNow: true });
    // Anonymous callers are refused as before.
    expect((await get('/api/me/verification')).statusCode).toBe(401);

    // Email codes do not satisfy a pro: still gated after the next renewal.
    await t.database.db
      .update(users)
      .set({ emailFactorEnabledAt: clock.now() })
      .where(eq(users.id, pro.userId));
    const afterEmail = await refresh(pro.refreshToken);
    expect((await get('/api/me/verification', afterEmail.json().accessToken)).statusCode).toBe(403);
    await t.database.db.update(users).set({ emailFactorEnabledAt: null }).where(eq(users.id, pro.userId));

    // The setup is open: a step-up with the password, the authenticator, and the next token is free.
    await enrolTotp(t.app, gated);
    expect((await security(gated)).policy).toMatchObject({ satisfied: true, setupRequiredNow: false });
    const renewed = await refresh(refreshCookie(afterEmail) as string);
    expect((await get('/api/me/verification', renewed.json().accessToken)).statusCode).toBe(200);
    clock.set('2026-11-25T12:00:10Z');
  });

  it('holds admins to the same rule, and takes the grace set on the account over the default', async () => {
    const admin = await signUpAndLogIn(t.app, t.database);
    const graceEndsAt = new Date(clock.now().getTime() + 30 * DAY);
    await t.database.db
      .update(users)
      .set({ role: 'admin', twoFactorGraceEndsAt: graceEndsAt })
      .where(eq(users.id, admin.userId));
    clock.advance(8 * DAY);
    const signedIn = (await logIn(admin)).json().accessToken as string;
    expect((await security(signedIn)).policy).toEqual({
      required: true,
      reason: 'role',
      graceEndsAt: graceEndsAt.toISOString(),
      satisfied: false,
      setupRequiredNow: false,
    });
    expect((await get('/api/admin/verifications', signedIn)).statusCode).toBe(200);
    clock.set('2026-11-25T12:00:10Z');
  });

  it('applies a firm’s requirement at once, without grace, to its members', async () => {
    const pro = await signUpPro();
    const [row] = await t.database.db.select().from(users).where(eq(users.id, pro.userId));
    await t.database.db
      .update(organisations)
      .set({ requireTwoFactor: true })
      .where(eq(organisations.id, row?.organisationId as string));
    const gated = await refresh(pro.refreshToken);
    const token = gated.json().accessToken as string;
    expect((await security(token)).policy).toEqual({
      required: true,
      reason: 'firm',
      graceEndsAt: null,
      satisfied: false,
      setupRequiredNow: true,
    });
    expect((await get('/api/me/verification', token)).json().code).toBe('TWO_FACTOR_SETUP_REQUIRED');
  });

  it('lets a pro remove the authenticator while a passkey remains', async () => {
    const pro = await signUpPro();
    await enrolTotp(t.app, pro.accessToken);
    await t.database.db.insert(passkeys).values({
      userId: pro.userId,
      credentialId: `cred-${pro.userId}`,
      publicKey: 'pQECAyYgASFYIA',
      deviceType: 'singleDevice',
      name: 'Clé USB',
    });
    expect((await security(pro.accessToken)).policy).toMatchObject({ satisfied: true });
    clock.advance(30_000);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/totp',
      headers: { authorization: `Bearer ${pro.accessToken}` },
    });
    expect(removed.statusCode).toBe(204);
    expect(await security(pro.accessToken)).toMatchObject({
      totp: { enabled: false },
      passkeys: { count: 1 },
      policy: { satisfied: true },
      stepUp: { methods: ['passkey', 'recovery_code'] },
    });
  });
});

describe('where SMS cannot be sent', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ sms: { available: false, send: async () => undefined } });
  });
  afterAll(() => t.close());

  it('says so, and offers no SMS code', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await t.database.db
      .update(users)
      .set({ smsFactorPhone: '+15145550123', smsFactorConfirmedAt: new Date() })
      .where(eq(users.id, person.userId));
    const overview = await t.app.inject({ method: 'GET', url: '/api/me/security', headers: person.auth });
    expect(overview.json()).toMatchObject({
      sms: { enabled: true, available: false },
      stepUp: { methods: [] },
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: person.body.password },
    });
    expect(login.json()).toMatchObject({ status: 'second_factor_required', methods: [] });
  });
});
