import { PRIVACY_POLICY_VERSION, TERMS_VERSION, type TPrivacyInfo } from '@capitune/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { insertPro, signedInPro } from '../../../test/directory-helpers';

describe('the public privacy facts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        PRIVACY_OFFICER_NAME: 'Geneviève Côté',
        PRIVACY_OFFICER_PHONE: '+1 514 555 0199',
        DATA_LOCATION: 'Canada (Montréal)',
        RETENTION_CLIENT_FILE_YEARS: '7',
      },
    });
  });
  afterAll(() => t.close());

  it('answers anyone, without a token: the officer, the versions, where data lives, the retention', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/privacy' });
    expect(response.statusCode, response.body).toBe(200);
    const info = response.json() as TPrivacyInfo;
    expect(info.officer).toMatchObject({ name: 'Geneviève Côté', phone: '+1 514 555 0199', address: null });
    expect(info.officer.email).toContain('@');
    expect(info).toMatchObject({
      policyVersion: PRIVACY_POLICY_VERSION,
      termsVersion: TERMS_VERSION,
      dataLocation: 'Canada (Montréal)',
    });
    expect(info.retention.find((rule) => rule.id === 'client_file')).toMatchObject({
      period: 'P7Y',
      destroyedAutomatically: true,
    });
    expect(info.retention.find((rule) => rule.id === 'incident_register')?.destroyedAutomatically).toBe(
      false,
    );
  });
});

describe('privacy by default: the directory shows the pros who chose it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists only listed pros; an unlisted profile is the pro’s own until they choose', async () => {
    const listed = await insertPro(t, { lastName: 'Listée' });
    const unlisted = await insertPro(t, { lastName: 'Discrète', listed: false });
    const page = await t.app.inject({ method: 'GET', url: '/api/pros?limit=50' });
    const slugs = (page.json() as { items: { slug: string }[] }).items.map((item) => item.slug);
    expect(slugs).toContain(listed.slug);
    expect(slugs).not.toContain(unlisted.slug);
    expect((await t.app.inject({ method: 'GET', url: `/api/pros/${unlisted.slug}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/pros/${unlisted.slug}/reviews` })).statusCode,
    ).toBe(404);

    // A new pro is not listed until they say so on their profile.
    const pro = await signedInPro(t, { lastName: 'Nouvelle' });
    const own = await t.app.inject({ method: 'GET', url: '/api/me/pro-profile', headers: pro.auth });
    expect(own.json().listed).toBe(true); // verified by the test helper, which lists like the pro would
    const body = {
      bio: { fr: 'Consultante.', en: '' },
      languages: ['fr'],
      provinces: ['QC'],
      city: null,
      remote: true,
      inPerson: false,
      acceptingClients: true,
      programs: [],
    };
    const hidden = await t.app.inject({
      method: 'PUT',
      url: '/api/me/pro-profile',
      headers: pro.auth,
      payload: { ...body, listed: false },
    });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json().listed).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}` })).statusCode).toBe(404);
    // The pro still sees their own page; a form that does not send `listed` keeps the choice.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}`, headers: pro.auth })).statusCode,
    ).toBe(200);
    const kept = await t.app.inject({
      method: 'PUT',
      url: '/api/me/pro-profile',
      headers: pro.auth,
      payload: body,
    });
    expect(kept.json().listed).toBe(false);
    const shown = await t.app.inject({
      method: 'PUT',
      url: '/api/me/pro-profile',
      headers: pro.auth,
      payload: { ...body, listed: true },
    });
    expect(shown.json().listed).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}` })).statusCode).toBe(200);
  });

  it('a pro who signs up is not listed', async () => {
    const pro = await signedInPro(t, { verified: false, lastName: 'Inscrite' });
    const own = await t.app.inject({ method: 'GET', url: '/api/me/pro-profile', headers: pro.auth });
    expect(own.json().listed).toBe(false);
  });
});
