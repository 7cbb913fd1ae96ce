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
import {
  emailTokens,
  licenceConflicts,
  organisations,
  proProfiles,
  proVerifications,
  users,
} from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { loginSource } from './auth.service';

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

describe('registration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a pro in a new organisation, with a pending verification file and a public profile', async () => {
    const body = registration({
      role: 'pro',
      firstName: 'Émile',
      lastName: 'Côté',
      licenceNumber: 'r 712 345',
      licenceClass: 'L2',
      organisationName: 'Cabinet Boréal Immigration',
    });
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(response.statusCode).toBe(201);
    const [row] = await t.database.db
      .select({ id: users.id, role: users.role, organisation: organisations.name })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.email, body.email));
    expect(row).toMatchObject({ role: 'pro', organisation: 'Cabinet Boréal Immigration' });
    const [file] = await t.database.db
      .select()
      .from(proVerifications)
      .where(eq(proVerifications.userId, row?.id ?? ''));
    expect(file).toMatchObject({
      profession: 'rcic',
      regulator: 'cicc',
      licenceNumber: 'R712345',
      licenceClass: 'L2',
      status: 'pending',
      submittedAt: null,
    });
    const [profile] = await t.database.db
      .select({ slug: proProfiles.slug })
      .from(proProfiles)
      .where(eq(proProfiles.userId, row?.id ?? ''));
    expect(profile?.slug).toMatch(/^emile-cote-[0-9a-f]{6}$/);
    const stored = await t.database.db.select().from(users).where(eq(users.email, body.email));
    expect(stored[0]?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const tokens = await t.database.db
      .select()
      .from(emailTokens)
      .where(eq(emailTokens.userId, stored[0]?.id ?? ''));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a licence in the wrong format for its regulator, or a regulator of another profession', async () => {
    const cases = [
      [{ regulator: 'cicc', licenceNumber: '712345' }, 'body.licenceNumber', 'licence_format'],
      [{ regulator: 'cicc', licenceNumber: 'R71234' }, 'body.licenceNumber', 'licence_format'],
      [
        { profession: 'lawyer', regulator: 'barreau_qc', licenceNumber: 'R712345' },
        'body.licenceNumber',
        'licence_format',
      ],
      [
        { profession: 'lawyer', regulator: 'lso', licenceNumber: '123456' },
        'body.licenceNumber',
        'licence_format',
      ],
      [
        { profession: 'notary', regulator: 'cicc', licenceNumber: 'R712345' },
        'body.regulator',
        'regulator_mismatch',
      ],
    ] as const;
    for (const [fields, path, code] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: registration({ role: 'pro', organisationName: 'Cabinet', ...fields }),
      });
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(response.json().errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, code })]),
      );
    }
    const lawyer = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({
        role: 'pro',
        profession: 'lawyer',
        regulator: 'barreau_qc',
        licenceNumber: '123456-7',
        organisationName: 'Étude Lavoie',
      }),
    });
    expect(lawyer.statusCode).toBe(201);
  });

  it('refuses a licence another pro holds (409, naming nobody) and records the conflict on the holder’s file', async () => {
    const holder = registration({ role: 'pro', licenceNumber: 'R700999', organisationName: 'Cabinet Vrai' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: holder })).statusCode,
    ).toBe(201);
    const impostor = registration({
      role: 'pro',
      firstName: holder.firstName,
      lastName: holder.lastName,
      licenceNumber: 'R 700 999',
      organisationName: 'Cabinet Vrai',
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: impostor,
      remoteAddress: '203.0.113.9',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'LICENCE_ALREADY_CLAIMED',
      errors: [{ path: 'body.licenceNumber', code: 'licence_already_claimed' }],
    });
    expect(refused.body).not.toContain(holder.email);
    // No account for the impostor, but the conflict stays, on the holder's file.
    expect(await t.database.db.select().from(users).where(eq(users.email, impostor.email))).toHaveLength(0);
    const [holderRow] = await t.database.db.select().from(users).where(eq(users.email, holder.email));
    const [file] = await t.database.db
      .select()
      .from(proVerifications)
      .where(eq(proVerifications.userId, holderRow?.id ?? ''));
    const conflicts = await t.database.db
      .select()
      .from(licenceConflicts)
      .where(eq(licenceConflicts.verificationId, file?.id ?? ''));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      claimantUserId: null,
      claimantEmail: impostor.email,
      organisationName: 'Cabinet Vrai',
      regulator: 'cicc',
      licenceNumber: 'R700999',
      ip: '203.0.113.9',
      resolvedAt: null,
    });

    // The holder signing up again is only a known email: the same 201, a notice, no conflict.
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: holder });
    expect(again.statusCode).toBe(201);
    expect(
      await t.database.db
        .select()
        .from(licenceConflicts)
        .where(eq(licenceConflicts.verificationId, file?.id ?? '')),
    ).toHaveLength(1);

    // The same number at another regulator is another licence.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({
        role: 'pro',
        profession: 'lawyer',
        regulator: 'lsbc',
        licenceNumber: '700999',
        organisationName: 'Law Office',
      }),
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('lets only one of two simultaneous sign-ups with the same licence through', async () => {
    const bodies = [1, 2].map((n) =>
      registration({ role: 'pro', licenceNumber: 'R700555', organisationName: `Cabinet ${n}` }),
    );
    const responses = await Promise.all(
      bodies.map((payload, index) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload,
          remoteAddress: `198.51.100.${index + 1}`,
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const files = await t.database.db
      .select()
      .from(proVerifications)
      .where(eq(proVerifications.licenceNumber, 'R700555'));
    expect(files).toHaveLength(1);
    expect(
      await t.database.db
        .select()
        .from(licenceConflicts)
        .where(eq(licenceConflicts.verificationId, files[0]?.id ?? '')),
    ).toHaveLength(1);
  });

  it('keeps the time zone given at sign-up, and refuses an unknown one', async () => {
    const body = registration({ timeZone: 'Africa/Dakar' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body })).statusCode,
    ).toBe(201);
    const [row] = await t.database.db
      .select({ timeZone: users.timeZone })
      .from(users)
      .where(eq(users.email, body.email));
    expect(row?.timeZone).toBe('Africa/Dakar');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ timeZone: 'Mars/Olympus' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.timeZone');
  });

  it('requires the licence number and firm of a pro', async () => {
    const body = { ...registration({ role: 'pro' }) };
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.licenceNumber', 'body.organisationName']));
  });

  it('never lets anyone sign up as an admin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ role: 'admin' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(await t.database.db.select().from(users).where(eq(users.role, 'admin'))).toHaveLength(0);
  });

  it('refuses a weak or common password with the reason, in the person’s language', async () => {
    const fr = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password: 'motdepasse123' }),
    });
    expect(fr.statusCode).toBe(400);
    const problem = fr.json();
    expect(problem.code).toBe('PASSWORD_TOO_WEAK');
    expect(problem.errors[0]).toMatchObject({ path: 'body.password', code: 'too_weak' });
    expect(problem.detail).toMatch(/[a-zà-ÿ]/i);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password: 'qwertyuiop12', locale: 'en' }),
    });
    expect(en.json().code).toBe('PASSWORD_TOO_WEAK');
    expect(en.json().detail).not.toBe(problem.detail);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password: 'Xy7#kq' }),
    });
    expect(short.json().errors[0]).toMatchObject({ path: 'body.password', code: 'too_small' });
  });

  it('a password made of the person’s own name is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({
        firstName: 'Marguerite',
        lastName: 'Beauchemin',
        password: 'MargueriteBeauchemin',
      }),
    });
    expect(response.json().code).toBe('PASSWORD_TOO_WEAK');
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

describe('rate limits and lockout', () => {
  it('limits sign-ups per email and per IP, with Retry-After', async () => {
    const t = await createTestApp();
    try {
      const body = registration();
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: body,
          remoteAddress: `127.4.0.${i}`,
        });
        codes.push(response.statusCode);
        if (response.statusCode === 429) {
          expect(response.json().code).toBe('RATE_LIMITED');
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(codes).toEqual([201, 201, 201, 429]);

      const perIp: number[] = [];
      for (let i = 0; i < 11; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: registration(),
          remoteAddress: '127.5.0.1',
        });
        perIp.push(response.statusCode);
      }
      expect(perIp.filter((code) => code === 201)).toHaveLength(10);
      expect(perIp.at(-1)).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('slows failed logins from one address down and locks that address out, never the owner elsewhere', async () => {
    const clock = new ManualClock();
    const t = await createTestApp({ clock });
    try {
      const owner = await signUpAndLogIn(t.app, t.database, { email: 'target@example.ca' });
      const attacker = '203.0.113.7';
      const attempt = (password: string, remoteAddress = attacker, email = 'target@example.ca') =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
      const ownerLogsIn = async () => {
        const response = await attempt(STRONG_PASSWORD, '198.51.100.4');
        expect(response.statusCode).toBe(200);
        expect(response.json().user.id).toBe(owner.userId);
      };

      for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
      // After three failures, the next try from that address must wait; the owner elsewhere need not.
      const slowed = await attempt(STRONG_PASSWORD);
      expect(slowed.statusCode).toBe(429);
      expect(slowed.json().code).toBe('RATE_LIMITED');
      expect(slowed.headers['retry-after']).toBe('5');
      await ownerLogsIn();
      clock.advance(5_000);
      expect((await attempt('wrong-password')).statusCode).toBe(401); // fourth failure
      expect((await attempt('wrong-password')).headers['retry-after']).toBe('10');
      clock.advance(10_000);
      expect((await attempt('wrong-password')).statusCode).toBe(401); // fifth failure: locked out

      const lockEmail = await lastEmailTo(t.database, 'target@example.ca');
      expect(lockEmail?.template).toBe('auth.account_locked');
      clock.advance(20_000);
      // Refused before the password is read: the right one and a wrong one get the same answer.
      for (const password of [STRONG_PASSWORD, 'still-wrong']) {
        const locked = await attempt(password);
        expect(locked.statusCode).toBe(423);
        expect(locked.json().code).toBe('ACCOUNT_LOCKED');
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      }
      await ownerLogsIn();

      // Another address locked out within the hour: the owner is not emailed again.
      for (let i = 0; i < 5; i++) {
        await attempt('wrong-password', '203.0.113.8');
        clock.advance(20_000);
      }
      expect((await attempt(STRONG_PASSWORD, '203.0.113.8')).statusCode).toBe(423);
      const notices = (await emailsTo(t.database, 'target@example.ca')).filter(
        (email) => email.template === 'auth.account_locked',
      );
      expect(notices).toHaveLength(1);

      clock.advance(15 * 60_000);
      expect((await attempt(STRONG_PASSWORD)).statusCode).toBe(200);

      // A new password lifts the lockouts: the owner may have been the one locked out.
      for (let i = 0; i < 5; i++) {
        await attempt('wrong-password', '203.0.113.9');
        clock.advance(20_000);
      }
      expect((await attempt(STRONG_PASSWORD, '203.0.113.9')).statusCode).toBe(423);
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email: 'target@example.ca' },
      });
      const resetToken = tokenFrom((await lastEmailTo(t.database, 'target@example.ca'))?.text ?? '');
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/auth/reset-password',
        payload: { token: resetToken, password: 'Nouvelle-Clef-Brume-77' },
      });
      expect(reset.statusCode).toBe(204);
      expect((await attempt('Nouvelle-Clef-Brume-77', '203.0.113.9')).statusCode).toBe(200);

      // Unknown emails are slowed down and locked out the same way.
      const ghost = (password = 'x') => attempt(password, attacker, 'ghost@example.ca');
      for (let i = 0; i < 3; i++) expect((await ghost()).statusCode).toBe(401);
      const ghostSlowed = await ghost();
      expect(ghostSlowed.statusCode).toBe(429);
      expect(ghostSlowed.headers['retry-after']).toBe('5');
      clock.advance(5_000);
      await ghost();
      clock.advance(10_000);
      await ghost();
      expect((await ghost()).json().code).toBe('ACCOUNT_LOCKED');
    } finally {
      await t.close();
    }
  });

  it('counts an IPv6 host’s whole /64 as one address', () => {
    expect(loginSource('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(loginSource('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(loginSource('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(loginSource('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(loginSource('203.0.113.7')).toBe('203.0.113.7');
  });

  it('a guess spread over many addresses meets a ceiling per email; the owner still logs in', async () => {
    const t = await createTestApp();
    try {
      const owner = await signUpAndLogIn(t.app, t.database, { email: 'spread@example.ca' });
      const attempt = (password: string, remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'spread@example.ca', password },
          remoteAddress,
        });
      for (let i = 0; i < 50; i++) {
        expect((await attempt('wrong-password', `192.0.2.${i}`)).statusCode).toBe(401);
      }
      // An address that has failed is refused now, whatever it sends, until the hour ends.
      const refused = await attempt(STRONG_PASSWORD, '192.0.2.0');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50 * 60);
      // A new address gets one try: the owner's right password opens the session…
      const ownerLogin = await attempt(STRONG_PASSWORD, '198.51.100.9');
      expect(ownerLogin.statusCode).toBe(200);
      expect(ownerLogin.json().user.id).toBe(owner.userId);
      // …a guesser's wrong one counts, and that address is refused from then on.
      expect((await attempt('wrong-password', '192.0.2.200')).statusCode).toBe(401);
      expect((await attempt(STRONG_PASSWORD, '192.0.2.200')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('expires verification links after 24 hours and reset links after 1 hour', async () => {
    const clock = new ManualClock();
    const t = await createTestApp({ clock });
    try {
      const body = registration({ email: 'slow@example.ca' });
      await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email: 'slow@example.ca' },
      });
      const emails = await emailsTo(t.database, 'slow@example.ca');
      const tokenOf = (template: string) =>
        tokenFrom(emails.find((email) => email.template === template)?.text ?? '');
      const verifyToken = tokenOf('auth.verify_email');
      const resetToken = tokenOf('auth.reset_password');

      const check = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/password-reset/check',
          payload: { token: resetToken },
        });
      clock.advance(59 * 60_000);
      expect((await check()).statusCode).toBe(204);
      clock.advance(2 * 60_000);
      const expired = await check();
      expect(expired.statusCode).toBe(400);
      expect(expired.json().code).toBe('TOKEN_EXPIRED');
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/auth/reset-password',
        payload: { token: resetToken, password: 'Nouvelle-Clef-Brume-77' },
      });
      expect(reset.json().code).toBe('TOKEN_EXPIRED');
      clock.advance(22 * 60 * 60_000 + 59 * 60_000);
      const verify = await t.app.inject({
        method: 'POST',
        url: '/api/auth/verify-email',
        payload: { token: verifyToken },
      });
      expect(verify.json().code).toBe('TOKEN_EXPIRED');
    } finally {
      await t.close();
    }
  });
});
