import {
  PRIVACY_POLICY_VERSION,
  TERMS_VERSION,
  type TMe,
  type TMyConsents,
  type TNotificationPreferences,
} from '@capitune/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { followedDossier, signedInPro } from '../../../test/directory-helpers';
import { consents, proReviews } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;
const DAY = 86_400_000;

describe('consents', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-12-10T12:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const call = (who: Person | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(who ? { headers: who.auth } : {}),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const myConsents = async (who: Person) =>
    (await call(who, 'GET', '/api/me/consents')).json() as TMyConsents;
  const change = (who: Person, changes: { purpose: string; granted: boolean }[], source?: string) =>
    call(who, 'POST', '/api/me/consents', { changes, ...(source ? { source } : {}) });
  const preferences = async (who: Person) =>
    (await call(who, 'GET', '/api/me/notification-preferences')).json() as TNotificationPreferences;
  const stateOf = (mine: TMyConsents, purpose: string) => mine.consents.find((c) => c.purpose === purpose);

  it('refuses an anonymous caller (401)', async () => {
    expect((await call(null, 'GET', '/api/me/consents')).statusCode).toBe(401);
    const posted = await call(null, 'POST', '/api/me/consents', {
      changes: [{ purpose: 'optional_emails', granted: true }],
    });
    expect(posted.statusCode).toBe(401);
  });

  it('records the terms and the policy at sign-up, at the current versions; nothing optional is given', async () => {
    const amina = await signUpAndLogIn(t.app, t.database);
    const mine = await myConsents(amina);
    expect(mine.pending).toEqual([]);
    expect(stateOf(mine, 'terms')).toMatchObject({
      required: true,
      granted: true,
      version: TERMS_VERSION,
      currentVersion: TERMS_VERSION,
    });
    expect(stateOf(mine, 'privacy_policy')).toMatchObject({ granted: true, version: PRIVACY_POLICY_VERSION });
    for (const purpose of ['optional_emails', 'testimonials', 'anonymised_statistics']) {
      expect(stateOf(mine, purpose)).toMatchObject({
        required: false,
        granted: false,
        version: null,
        updatedAt: null,
      });
    }
    expect(mine.history.map((entry) => [entry.purpose, entry.source]).sort()).toEqual([
      ['privacy_policy', 'sign_up'],
      ['terms', 'sign_up'],
    ]);
    const me = (await call(amina, 'GET', '/api/me')).json() as TMe;
    expect(me.pendingConsents).toEqual([]);
    // Privacy by default: no announcement emails until the person agrees to optional emails.
    expect((await preferences(amina)).announcements).toEqual({
      inApp: true,
      email: false,
      push: false,
      sms: false,
    });
  });

  it('asks again when the version in force is not the one agreed to, and records the answer', async () => {
    const lucas = await signUpAndLogIn(t.app, t.database);
    // As if the policy the person last agreed to were an older one.
    clock.advance(1000);
    await t.database.db.insert(consents).values({
      userId: lucas.userId,
      purpose: 'privacy_policy',
      granted: true,
      version: '2026-11-25',
      source: 'settings',
      createdAt: clock.now(),
    });
    expect(((await call(lucas, 'GET', '/api/me')).json() as TMe).pendingConsents).toEqual(['privacy_policy']);
    expect((await myConsents(lucas)).pending).toEqual(['privacy_policy']);
    // A login answers the same user: the web asks before anything else.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: lucas.body.email, password: lucas.body.password },
    });
    expect((login.json() as { user: TMe }).user.pendingConsents).toEqual(['privacy_policy']);

    const answered = await change(lucas, [{ purpose: 'privacy_policy', granted: true }], 'prompt');
    expect(answered.statusCode, answered.body).toBe(200);
    const mine = answered.json() as TMyConsents;
    expect(mine.pending).toEqual([]);
    expect(mine.history[0]).toMatchObject({
      purpose: 'privacy_policy',
      granted: true,
      version: PRIVACY_POLICY_VERSION,
      source: 'prompt',
    });
    expect(((await call(lucas, 'GET', '/api/me')).json() as TMe).pendingConsents).toEqual([]);
  });

  it('refuses to withdraw the terms or the policy (409 CONSENT_REQUIRED): deleting the account is the way', async () => {
    const priya = await signUpAndLogIn(t.app, t.database);
    for (const purpose of ['terms', 'privacy_policy']) {
      const refused = await change(priya, [{ purpose, granted: false }]);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('CONSENT_REQUIRED');
    }
    // Nothing of a refused request is written.
    const refused = await change(priya, [
      { purpose: 'optional_emails', granted: true },
      { purpose: 'terms', granted: false },
    ]);
    expect(refused.statusCode).toBe(409);
    expect((await myConsents(priya)).history).toHaveLength(2);
    expect((await preferences(priya)).announcements.email).toBe(false);
  });

  it('switches the announcement emails with optional emails, both ways, and records a preference change', async () => {
    const wei = await signUpAndLogIn(t.app, t.database);
    clock.advance(1000);
    const given = await change(wei, [{ purpose: 'optional_emails', granted: true }]);
    expect(given.statusCode, given.body).toBe(200);
    expect(stateOf(given.json(), 'optional_emails')).toMatchObject({
      granted: true,
      version: PRIVACY_POLICY_VERSION,
    });
    expect((await preferences(wei)).announcements).toEqual({
      inApp: true,
      email: true,
      push: false,
      sms: false,
    });

    clock.advance(1000);
    const withdrawn = await change(wei, [{ purpose: 'optional_emails', granted: false }]);
    expect(stateOf(withdrawn.json(), 'optional_emails')).toMatchObject({ granted: false, version: null });
    expect((await preferences(wei)).announcements).toEqual({
      inApp: true,
      email: false,
      push: false,
      sms: false,
    });

    // The preferences page switches the same consent.
    clock.advance(1000);
    const current = await preferences(wei);
    const saved = await call(wei, 'PUT', '/api/me/notification-preferences', {
      ...current,
      announcements: { inApp: false, email: true },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const mine = await myConsents(wei);
    expect(stateOf(mine, 'optional_emails')).toMatchObject({ granted: true });
    expect(mine.history[0]).toMatchObject({
      purpose: 'optional_emails',
      granted: true,
      source: 'preferences',
    });
    // A save that leaves the announcement emails as they were records nothing.
    await call(wei, 'PUT', '/api/me/notification-preferences', {
      ...current,
      announcements: { inApp: true, email: true },
    });
    expect((await myConsents(wei)).history).toHaveLength(mine.history.length);
    // Giving what stands already writes no new row, and keeps the in-app choice.
    await change(wei, [{ purpose: 'optional_emails', granted: true }]);
    expect((await myConsents(wei)).history).toHaveLength(mine.history.length);
    expect((await preferences(wei)).announcements).toEqual({
      inApp: true,
      email: true,
      push: false,
      sms: false,
    });
  });

  it('records a testimonial agreement given on a review, and its withdrawal stops every feature', async () => {
    const pro = await signedInPro(t);
    const sofia = await signUpAndLogIn(t.app, t.database);
    const dossierId = await followedDossier(t, sofia, pro.userId, new Date(clock.now().getTime() - 40 * DAY));
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/pros/${pro.slug}/reviews`,
      headers: sofia.auth,
      payload: {
        dossierId,
        scores: { responsiveness: 5, feesClarity: 4, processExplanation: 5, overall: 5 },
        body: 'Très disponible, explications claires du début à la fin.',
        display: 'name',
        featureConsent: true,
      },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    const reviewId = reviewed.json().id as string;
    const featured = await t.app.inject({
      method: 'POST',
      url: `/api/reviews/${reviewId}/feature`,
      headers: pro.auth,
      payload: { featured: true },
    });
    expect(featured.statusCode, featured.body).toBe(200);
    const mine = await myConsents(sofia);
    expect(stateOf(mine, 'testimonials')).toMatchObject({ granted: true, version: PRIVACY_POLICY_VERSION });
    expect(mine.history[0]).toMatchObject({ purpose: 'testimonials', source: 'review' });

    clock.advance(1000);
    const withdrawn = await change(sofia, [{ purpose: 'testimonials', granted: false }]);
    expect(stateOf(withdrawn.json(), 'testimonials')).toMatchObject({ granted: false });
    const [row] = await t.database.db
      .select({ featured: proReviews.featured, featureConsent: proReviews.featureConsent })
      .from(proReviews)
      .where(eq(proReviews.id, reviewId));
    expect(row).toEqual({ featured: false, featureConsent: false });
    const profile = await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}` });
    expect(profile.json().testimonials).toEqual([]);
  });

  it('records the consent to anonymised statistics (recorded only: nothing is shared yet)', async () => {
    const jean = await signUpAndLogIn(t.app, t.database);
    const given = await change(jean, [{ purpose: 'anonymised_statistics', granted: true }]);
    expect(stateOf(given.json(), 'anonymised_statistics')).toMatchObject({ granted: true });
    clock.advance(1000);
    const withdrawn = await change(jean, [{ purpose: 'anonymised_statistics', granted: false }]);
    expect(stateOf(withdrawn.json(), 'anonymised_statistics')).toMatchObject({ granted: false });
    expect((withdrawn.json() as TMyConsents).history.map((entry) => entry.granted).slice(0, 2)).toEqual([
      false,
      true,
    ]);
  });
});
