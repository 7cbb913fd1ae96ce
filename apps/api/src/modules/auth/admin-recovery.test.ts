import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { makeAdmin, uniqueLicence } from '../../../test/dossier-helpers';
import { auditLog, passkeys, recoveryCodes, totpFactors, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

type Auth = { authorization: string };
const HOUR = 60 * 60_000;
const identityCheck = 'Video call on 2026-12-03 with the passport on file; photo and details match.';

describe('an administrator’s recovery of an account that lost every factor', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-03T15:00:00Z');
  let admin: Awaited<ReturnType<typeof signUpAndLogIn>>;
  let otherAdmin: Awaited<ReturnType<typeof signUpAndLogIn>>;

  const logIn = async (email: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: STRONG_PASSWORD },
    });
    return response;
  };
  const asAdmin = async () => {
    const person = await signUpAndLogIn(t.app, t.database, { firstName: 'Sophie' });
    await makeAdmin(t.database, person.userId);
    // The token must carry the role: log in again.
    const login = await logIn(person.body.email);
    return { ...person, auth: { authorization: `Bearer ${login.json().accessToken}` } };
  };
  const stepUp = async (auth: Auth) =>
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/step-up',
          headers: auth,
          payload: { method: 'password', password: STRONG_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  const reset = (auth: Auth | undefined, userId: string, check = identityCheck) =>
    t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${userId}/two-factor-reset`,
      headers: auth ?? {},
      payload: { identityCheck: check },
    });

  /** A pro with every kind of factor, set up directly in the database. */
  const proWithFactors = async () => {
    const pro = await signUpAndLogIn(t.app, t.database, {
      role: 'pro',
      licenceNumber: uniqueLicence(),
      organisationName: 'Cabinet Érable',
    });
    const now = clock.now();
    await t.database.db
      .insert(totpFactors)
      .values({ userId: pro.userId, secretEncrypted: 'sealed', confirmedAt: now, createdAt: now });
    await t.database.db.insert(passkeys).values({
      userId: pro.userId,
      credentialId: randomUUID(),
      publicKey: 'key',
      deviceType: 'multiDevice',
      name: 'Téléphone',
    });
    await t.database.db
      .insert(recoveryCodes)
      .values([0, 1, 2].map((index) => ({ userId: pro.userId, codeHash: `${pro.userId}-${index}` })));
    await t.database.db
      .update(users)
      .set({ emailFactorEnabledAt: now, smsFactorPhone: '+15145550177', smsFactorConfirmedAt: now })
      .where(eq(users.id, pro.userId));
    return pro;
  };
  const factorsOf = async (userId: string) => {
    const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
    return {
      totp: (await t.database.db.select().from(totpFactors).where(eq(totpFactors.userId, userId))).length,
      passkeys: (await t.database.db.select().from(passkeys).where(eq(passkeys.userId, userId))).length,
      recoveryCodes: (
        await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId))
      ).length,
      email: user?.emailFactorEnabledAt !== null,
      sms: user?.smsFactorPhone !== null,
      graceEndsAt: user?.twoFactorGraceEndsAt ?? null,
    };
  };
  const untouched = { totp: 1, passkeys: 1, recoveryCodes: 3, email: true, sms: true, graceEndsAt: null };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await asAdmin();
    otherAdmin = await asAdmin();
  });
  afterAll(() => t.close());

  it('refuses anyone but an administrator who just proved it is them, and their own account', async () => {
    const pro = await proWithFactors();
    const candidate = await signUpAndLogIn(t.app, t.database);
    expect((await reset(undefined, pro.userId)).statusCode).toBe(401);
    for (const who of [candidate, pro]) {
      const refused = await reset(who.auth, pro.userId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
    }
    const withoutStepUp = await reset(admin.auth, pro.userId);
    expect(withoutStepUp.statusCode).toBe(401);
    expect(withoutStepUp.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });

    await stepUp(admin.auth);
    const own = await reset(admin.auth, admin.userId);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('FORBIDDEN');
    expect((await reset(admin.auth, randomUUID())).statusCode).toBe(404);
    const vague = await reset(admin.auth, pro.userId, 'ok');
    expect(vague.statusCode).toBe(400);
    expect(vague.json().errors[0].path).toBe('body.identityCheck');

    expect(await factorsOf(pro.userId)).toEqual(untouched);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, pro.userId), eq(auditLog.action, 'user.two_factor_reset')));
    expect(audited).toHaveLength(0);
  });

  it('removes every factor, ends every session, opens 24 hours of grace, audits and tells the person', async () => {
    const pro = await proWithFactors();
    await stepUp(otherAdmin.auth);
    expect((await reset(otherAdmin.auth, pro.userId)).statusCode).toBe(204);

    expect(await factorsOf(pro.userId)).toEqual({
      totp: 0,
      passkeys: 0,
      recoveryCodes: 0,
      email: false,
      sms: false,
      graceEndsAt: new Date(clock.now().getTime() + 24 * HOUR),
    });

    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: pro.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
    expect(refreshed.json().code).toBe('SESSION_EXPIRED');

    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, pro.userId), eq(auditLog.action, 'user.two_factor_reset')));
    expect(entry?.actorId).toBe(otherAdmin.userId);
    expect(entry?.before).toEqual({
      totp: true,
      passkeys: 1,
      recoveryCodes: 3,
      emailCodes: true,
      smsPhone: '+1 ••• ••• •• 77',
    });
    expect(entry?.after).toMatchObject({ identityCheck, sessionsEnded: 1 });

    const [email] = (await emailsTo(t.database, pro.body.email)).filter(
      (row) => row.template === 'auth.two_factor_reset',
    );
    expect(email?.subject).toBe('Votre double authentification a été réinitialisée');
    expect(email?.text).toContain('avant le 4 décembre 2026 à 10 h 00');

    // The password alone signs in again, within the grace, to set up a new factor.
    const login = await logIn(pro.body.email);
    expect(login.statusCode).toBe(200);
    expect(login.json().accessToken).toEqual(expect.any(String));
    const security = await t.app.inject({
      method: 'GET',
      url: '/api/me/security',
      headers: { authorization: `Bearer ${login.json().accessToken}` },
    });
    expect(security.json().policy).toMatchObject({
      required: true,
      satisfied: false,
      setupRequiredNow: false,
      graceEndsAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
    });
  });
});
