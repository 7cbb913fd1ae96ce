import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { pageMatcher } from './web-app';

describe('pageMatcher', () => {
  const isPage = pageMatcher(['/', '/login', '/dossiers/$dossierId', '/live/$id/edit']);

  it('knows the pages, their parameters, a trailing slash and any case', () => {
    expect(isPage('/')).toBe(true);
    expect(isPage('/login')).toBe(true);
    expect(isPage('/Login/')).toBe(true);
    expect(isPage('/dossiers/3f1c')).toBe(true);
    expect(isPage('/live/abc/edit')).toBe(true);
  });

  it('refuses any other path', () => {
    expect(isPage('/logins')).toBe(false);
    expect(isPage('/dossiers')).toBe(false);
    expect(isPage('/dossiers/a/b')).toBe(false);
    expect(isPage('/live/abc/delete')).toBe(false);
    expect(isPage('/no-such-page')).toBe(false);
  });

  it('counts every path as a page without a list (an older build)', () => {
    expect(pageMatcher(null)('/anything/at/all')).toBe(true);
  });
});

describe('the web app fallback', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    // A stand-in for the built web app, with the list of pages the build writes.
    webDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-web-'));
    await writeFile(
      path.join(webDir, 'index.html'),
      '<!doctype html><html lang="fr"><body>CAPITUNE app</body></html>',
    );
    await writeFile(
      path.join(webDir, 'page-paths.json'),
      JSON.stringify(['/', '/login', '/dossiers/$dossierId']),
    );
    t = await createTestApp({ env: { WEB_DIST_DIR: webDir } });
  });
  afterAll(async () => {
    await t.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('answers a page of the app with the app', async () => {
    for (const url of [
      '/',
      '/login?redirect=%2Fdashboard',
      '/dossiers/6b0c5e0e-0000-4000-8000-000000000000',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('CAPITUNE app');
    }
  });

  it('answers an unknown page with a 404 and the app, which shows its "page not found" screen', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await t.app.inject({ method, url: '/no-such-page/here?x=1' });
      expect(response.statusCode, method).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      if (method === 'GET') expect(response.body).toContain('CAPITUNE app');
    }
  });

  it('still answers unknown API paths with a problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
