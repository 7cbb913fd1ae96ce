import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { refreshCookie, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { uniqueLicence } from '../../../test/dossier-helpers';
import { verifyPro } from '../../../test/pro-helpers';

describe('profile, goals, preferences, password and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reads and updates personal information', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: person.auth });
    expect(me.json()).toMatchObject({
      role: 'candidate',
      locale: 'fr',
      timeZone: 'America/Toronto',
      phone: null,
      organisation: null,
    });

    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: person.auth,
      payload: {
        firstName: 'Aminata',
        phone: '+1 514 555-0199',
        countryOfResidence: 'SN',
        citizenship: 'SN',
        locale: 'en',
        timeZone: 'America/Montreal',
      },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({
      firstName: 'Aminata',
      lastName: 'Diallo',
      phone: '+1 514 555-0199',
      countryOfResidence: 'SN',
      locale: 'en',
      timeZone: 'America/Montreal',
    });
  });

  it('shows a pro their licence and standing, at login and on /api/me; nobody else has one', async () => {
    const candidate = await signUpAndLogIn(t.app, t.database);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: candidate.auth })).json(),
    ).toMatchObject({ licenceNumber: null, proStanding: null });
    const licenceNumber = uniqueLicence();
    const login = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: pro.body.email, password: pro.body.password },
        })
      ).json().user;
    const pro = await signUpAndLogIn(t.app, t.database, {
      role: 'pro',
      licenceNumber,
      organisationName: 'Cabinet Boréal',
    });
    await verifyPro(t, pro.userId, { licenceNumber, status: 'pending' });
    expect(await login()).toMatchObject({ role: 'pro', licenceNumber, proStanding: 'not_verified' });
    await verifyPro(t, pro.userId);
    expect(await login()).toMatchObject({ licenceNumber, proStanding: 'verified' });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: pro.auth });
    expect(me.json()).toMatchObject({ licenceNumber, proStanding: 'verified' });
    await verifyPro(t, pro.userId, { status: 'suspended' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: pro.auth })).json().proStanding,
    ).toBe('not_verified');
  });

  it('refuses bad personal information with field errors', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const cases = [
      { payload: { timeZone: 'Mars/Olympus' }, path: 'body.timeZone' },
      { payload: { countryOfResidence: 'Canada' }, path: 'body.countryOfResidence' },
      { payload: { firstName: '' }, path: 'body.firstName' },
      { payload: { firstName: 42 }, path: 'body.firstName' },
      { payload: { role: 'admin' }, path: 'body' },
      { payload: { email: 'new@example.ca' }, path: 'body' },
    ];
    for (const { payload, path } of cases) {
      const response = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: person.auth, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: person.auth });
    expect(me.json().role).toBe('candidate');
  });

  it('keeps immigration goals and notification preferences', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const emptyGoals = await t.app.inject({ method: 'GET', url: '/api/me/goals', headers: person.auth });
    expect(emptyGoals.json()).toEqual({
      targetProgram: null,
      targetProvince: null,
      targetDate: null,
      notes: null,
    });
    const goals = {
      targetProgram: 'quebec_skilled_worker',
      targetProvince: 'QC',
      targetDate: '2027-09-01',
      notes: 'Arrima en janvier',
    };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/goals',
      headers: person.auth,
      payload: goals,
    });
    expect(put.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me/goals', headers: person.auth })).json(),
    ).toEqual(goals);
    const badGoals = await t.app.inject({
      method: 'PUT',
      url: '/api/me/goals',
      headers: person.auth,
      payload: { ...goals, targetProvince: 'XX', targetDate: '2027-13-45' },
    });
    expect(badGoals.statusCode).toBe(400);
    expect(
      badGoals
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.targetDate', 'body.targetProvince']);

    const defaults = await t.app.inject({
      method: 'GET',
      url: '/api/me/notification-preferences',
      headers: person.auth,
    });
    expect(defaults.json().messages).toEqual({ inApp: true, email: true, push: true, sms: false });
    const preferences = {
      ...defaults.json(),
      community_replies: { inApp: true, email: true, push: false, sms: false },
      messages: { inApp: true, email: false, push: true, sms: false },
    };
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: person.auth,
      payload: preferences,
    });
    expect(saved.statusCode).toBe(200);
    expect(
      (
        await t.app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: person.auth })
      ).json(),
    ).toEqual(preferences);
    // A partial change keeps the rest (issue 19); an unknown channel is refused.
    const partial = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: person.auth,
      payload: { messages: { sms: true } },
    });
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toEqual({ ...preferences, messages: { ...preferences.messages, sms: true } });
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: person.auth,
      payload: { messages: { fax: true } },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('changes the password: the current one is checked, other sessions end, this one stays', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: STRONG_PASSWORD },
    });
    const wrong = await t.app.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers: person.auth,
      payload: { currentPassword: 'nope-nope-nope', newPassword: 'Sapin-Moqueur-Lunaire-8' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'WRONG_PASSWORD',
      errors: [{ path: 'body.currentPassword' }],
    });
    const weak = await t.app.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers: person.auth,
      payload: { currentPassword: STRONG_PASSWORD, newPassword: 'azertyuiop' },
    });
    expect(weak.json().code).toBe('PASSWORD_TOO_WEAK');

    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers: person.auth,
      payload: { currentPassword: STRONG_PASSWORD, newPassword: 'Sapin-Moqueur-Lunaire-8' },
    });
    expect(changed.statusCode).toBe(204);
    const otherRefresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: refreshCookie(other) ?? '' },
    });
    expect(otherRefresh.statusCode).toBe(401);
    const thisRefresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: person.refreshToken },
    });
    expect(thisRefresh.statusCode).toBe(200);
  });

  it('lists the active sessions and ends one; another user’s session is not found', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: STRONG_PASSWORD },
      headers: {
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      },
    });
    const list = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: person.auth });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; device: string; current: boolean }[];
    expect(items).toHaveLength(2);
    expect(items.filter((item) => item.current)).toHaveLength(1);
    const phoneSession = items.find((item) => !item.current);
    expect(phoneSession?.device).toMatch(/Safari 17 · iOS/);

    const stranger = await signUpAndLogIn(t.app, t.database);
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${phoneSession?.id}`,
      headers: stranger.auth,
    });
    expect(foreign.statusCode).toBe(404);

    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${phoneSession?.id}`,
      headers: person.auth,
    });
    expect(ended.statusCode).toBe(204);
    const phoneRefresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: refreshCookie(phone) ?? '' },
    });
    expect(phoneRefresh.statusCode).toBe(401);
    const after = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: person.auth });
    expect(after.json().items).toHaveLength(1);
    const badId = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/sessions/not-a-uuid',
      headers: person.auth,
    });
    expect(badId.statusCode).toBe(400);
  });

  it('resends the verification email only to an unverified user, and not too often', async () => {
    const person = await signUpAndLogIn(t.app, t.database, {}, { verified: false });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (await t.app.inject({ method: 'POST', url: '/api/auth/resend-verification', headers: person.auth }))
          .statusCode,
      );
    }
    expect(codes).toEqual([204, 204, 204, 429]);
  });
});

describe('refusals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const protectedRoutes = [
    ['GET', '/api/me'],
    ['PATCH', '/api/me'],
    ['PUT', '/api/me/password'],
    ['GET', '/api/me/goals'],
    ['PUT', '/api/me/goals'],
    ['GET', '/api/me/notification-preferences'],
    ['PUT', '/api/me/notification-preferences'],
    ['GET', '/api/me/sessions'],
    ['DELETE', '/api/me/sessions/7a0c51ad-2c9e-4a51-9a39-4a4d4c6c8f11'],
    ['POST', '/api/auth/resend-verification'],
  ] as const;

  it.each(protectedRoutes)('%s %s refuses anonymous users with 401', async (method, url) => {
    const response = await t.app.inject({
      method,
      url,
      payload: method === 'GET' || method === 'DELETE' ? undefined : {},
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('UNAUTHENTICATED');
  });

  it.each(protectedRoutes)('%s %s refuses a forged token with 401', async (method, url) => {
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
      payload: method === 'GET' || method === 'DELETE' ? undefined : {},
    });
    expect(response.statusCode).toBe(401);
  });

  it('the dev mailbox does not exist in server mode', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('bad sign-up and login bodies get 400 problems with field errors, never a 500', async () => {
    const bodies: unknown[] = [
      {},
      {
        email: 'not-an-email',
        password: 'x',
        role: 'candidate',
        firstName: 'A',
        lastName: 'B',
        locale: 'fr',
      },
      {
        email: 'a@b.ca',
        password: 12345678901,
        role: 'candidate',
        firstName: 'A',
        lastName: 'B',
        locale: 'fr',
      },
      {
        email: 'a@b.ca',
        password: 'Tournesol-Halifax-2031',
        role: 'candidate',
        firstName: 'A',
        lastName: 'B',
        locale: 'de',
      },
      {
        email: 'a@b.ca',
        password: 'Tournesol-Halifax-2031',
        role: 'candidate',
        firstName: 'A',
        lastName: 'B',
        locale: 'fr',
        isAdmin: true,
      },
      { email: ['a@b.ca'], password: null },
      'just a string',
      [1, 2, 3],
    ];
    for (const payload of bodies) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
        remoteAddress: '127.9.9.9',
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().errors.length).toBeGreaterThan(0);
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x' } });
    expect(login.statusCode).toBe(400);
    const paths = login
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['body.email', 'body.password']);

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.ca', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    const long = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.ca', password: 'x'.repeat(300) },
    });
    expect(long.statusCode).toBe(400);
  });
});

describe('dev mailbox (embedded mode)', () => {
  it('lists the latest emails with their links', async () => {
    const t = await createTestApp({ devMailbox: true });
    try {
      await signUpAndLogIn(t.app, t.database, { email: 'mailbox@example.ca' }, { verified: false });
      const response = await t.app.inject({ method: 'GET', url: '/api/dev/mailbox' });
      expect(response.statusCode).toBe(200);
      const [latest] = response.json().items;
      expect(latest).toMatchObject({ to: 'mailbox@example.ca', subject: 'Confirmez votre adresse courriel' });
      expect(latest.text).toMatch(/http:\/\/capitune\.test\/verify-email\?token=[\w-]{43}/);
      expect(latest.html).toContain('Confirmer mon adresse');
    } finally {
      await t.close();
    }
  });
});
