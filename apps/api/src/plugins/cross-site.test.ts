import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { registration } from '../../test/auth-helpers';
import { loadConfig } from '../config';

/** The web app on app.capitune.ca (a static host) calling the API on api.capitune.ca. */
describe('web app and API on sibling subdomains', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        CORS_ORIGINS: 'https://app.capitune.ca',
        COOKIE_DOMAIN: '.capitune.ca',
        PUBLIC_URL: 'https://app.capitune.ca',
      },
    });
  });
  afterAll(() => t.close());

  it('allows the listed origin with credentials, and no other', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/auth/login',
      headers: {
        origin: 'https://app.capitune.ca',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.capitune.ca');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    const foreign = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sets the refresh cookie for the parent domain, Secure over https', async () => {
    const body = registration();
    await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: body.email, password: body.password },
    });
    const cookie = login.cookies.find((c) => c.name === 'capitune_refresh');
    expect(cookie).toMatchObject({
      domain: '.capitune.ca',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/auth',
    });
  });

  it('refuses a cookie domain that is not a domain', () => {
    expect(() => loadConfig({ COOKIE_DOMAIN: 'not a domain; path=/' })).toThrow(/COOKIE_DOMAIN/);
  });
});
