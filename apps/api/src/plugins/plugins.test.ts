import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { registration } from '../../test/auth-helpers';
import { redactUrl } from '../app';
import { serializeError } from '../lib/log';

describe('log redaction', () => {
  it('hides the secrets of email links, calendar feeds and signed export links', () => {
    expect(redactUrl('/api/x?token=abc123&lang=fr')).toBe('/api/x?token=[redacted]&lang=fr');
    expect(redactUrl('/verify-email?token=abc')).toBe('/verify-email?token=[redacted]');
    expect(redactUrl('/api/calendar/s3cr3t-feed.ics')).toBe('/api/calendar/[redacted].ics');
    // A data export's signed link works without a session for 7 days.
    expect(redactUrl('/api/data-exports/1/download?expires=9&signature=s1gn')).toBe(
      '/api/data-exports/1/download?expires=9&signature=[redacted]',
    );
    expect(redactUrl('/api/health')).toBe('/api/health');
  });

  it('masks email addresses in the message of any other error (an SMTP relay names the recipient)', () => {
    const serialized = serializeError(new Error('550 5.1.1 <marie.tremblay@example.ca>: user unknown'));
    expect(serialized.message).toBe('550 5.1.1 <[email]>: user unknown');
    expect(serialized.stack).not.toContain('marie.tremblay');
  });
});

describe('logs without personal data', () => {
  it('a failed sign-up logs the database error by code and constraint, never the email, hash or credentials', async () => {
    const lines: string[] = [];
    const t = await createTestApp({
      env: { LOG_LEVEL: 'info' },
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      // Every new account now fails in PostgreSQL, whose error quotes the row (email, password hash).
      await t.database.pool.query('alter table users add constraint no_new_users check (false) not valid');
      const body = registration();
      const secrets = {
        authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.leaked-access-token',
        cookie: 'capitune_refresh=leaked-refresh-token',
      };
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        headers: secrets,
        payload: body,
      });
      expect(response.statusCode).toBe(500);
      // What a careless log call could carry: the redaction list still hides it.
      t.app.log.warn(
        { user: { email: body.email, password: body.password }, headers: secrets, body: 'Bonjour…' },
        'a careless line',
      );

      const log = lines.join('');
      expect(log).toContain('a careless line');
      for (const secret of [
        body.email,
        body.password,
        '$argon2',
        'leaked-access-token',
        'leaked-refresh-token',
        'Bonjour',
      ])
        expect(log).not.toContain(secret);
      const failure = lines.map((line) => JSON.parse(line)).find((line) => line.err?.code === '23514');
      expect(failure?.err).toMatchObject({ table: 'users', constraint: 'no_new_users' });
    } finally {
      await t.close();
    }
  });
});

const metricsToken = 'prometheus-scrapes-with-this-token';

describe('cross-cutting HTTP behaviour', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    // A stand-in for the built web app: the API serves whatever is in WEB_DIST_DIR.
    webDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-web-'));
    await mkdir(path.join(webDir, 'assets'));
    await writeFile(
      path.join(webDir, 'index.html'),
      '<!doctype html><html lang="fr"><body>CAPITUNE app</body></html>',
    );
    await writeFile(
      path.join(webDir, 'assets', 'main-abc123.js'),
      `console.log(${JSON.stringify('x'.repeat(4000))});`,
    );
    t = await createTestApp({ env: { WEB_DIST_DIR: webDir, METRICS_TOKEN: metricsToken } });
  });
  afterAll(async () => {
    await t.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('gives every response a request id, and keeps a well-formed incoming one', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'lb-1234' },
    });
    expect(kept.headers['x-request-id']).toBe('lb-1234');
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(refused.headers['x-request-id']).not.toContain('<');
  });

  it('sends security headers with a strict CSP and no CORS by default', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('exposes Prometheus metrics by route pattern', async () => {
    await t.app.inject({ method: 'GET', url: '/api/health' });
    await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    const response = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(
      /http_requests_total\{method="GET",route="\/api\/health",status_code="200"\} \d+/,
    );
    expect(response.body).toContain('http_request_duration_seconds_bucket');
    expect(response.body).toContain('process_resident_memory_bytes');
    expect(response.body).not.toContain('/api/does-not-exist');
  });

  it('bounds how long a request, its headers and an idle connection may take', () => {
    const server = t.app.server;
    expect(server.requestTimeout).toBe(300_000);
    expect(server.headersTimeout).toBe(30_000);
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(server.timeout).toBe(120_000);
  });

  it('refuses the metrics without the bearer token, comparing it in constant time', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${metricsToken}x`, metricsToken]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.json().code).toBe('UNAUTHENTICATED');
      expect(response.body).not.toContain('http_requests_total');
    }
  });

  it('keeps the metrics closed in server mode when no token is configured', async () => {
    const bare = await createTestApp();
    try {
      const response = await bare.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer anything-at-all-here' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        code: 'UNAUTHENTICATED',
        detail: expect.stringContaining('METRICS_TOKEN'),
      });
    } finally {
      await bare.close();
    }
  });

  it('publishes the OpenAPI 3 document and its UI', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/ready']));
    expect(document.paths['/metrics']).toBeUndefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('serves the web app with an SPA fallback and long-lived hashed assets', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('CAPITUNE app');
    const deep = await t.app.inject({ method: 'GET', url: '/some/client/route?x=1' });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toContain('text/html');
    expect(deep.headers['cache-control']).toBe('no-cache');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await t.app.inject({ method: 'GET', url: '/assets/main-old.js' });
    expect(missing.statusCode).toBe(404);
  });

  it('compresses large responses', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/assets/main-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
  });
});
