import os from 'node:os';
import { sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET, type TestApp } from '../../../test/app';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { systemClock } from '../../platform/clock';
import { connectDatabase } from '../../platform/db/database';
import { unavailableSmsSender } from '../../platform/sms/sms-sender';
import { createLocalDiskStore } from '../../platform/storage/local-disk-store';

describe('health and readiness', () => {
  let t: TestApp;
  let shuttingDown = false;
  beforeAll(async () => {
    t = await createTestApp({ isShuttingDown: () => shuttingDown });
  });
  afterAll(() => t.close());

  it('GET /api/health says the process is up', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('GET /api/ready checks the database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { database: 'up' } });
    expect(response.headers['retry-after']).toBeUndefined();
  });

  it('GET /api/ready answers 503 while the instance shuts down', async () => {
    shuttingDown = true;
    const response = await t.app.inject({ method: 'GET', url: '/api/ready' });
    shuttingDown = false;
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(response.headers['retry-after']).toBe('5');
  });
});

describe('readiness without a database', () => {
  it('GET /api/ready answers 503 with a problem when PostgreSQL is unreachable', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const url = 'postgres://nobody@127.0.0.1:1/none';
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      WEB_DIST_DIR: '/nonexistent',
      JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    });
    const database = connectDatabase(url, { max: 1 });
    const app = await buildApp({
      config: {
        ...config,
        jwtSecret: new TextEncoder().encode(TEST_JWT_SECRET),
        encryptionKeys: config.encryptionKeys ?? [],
      },
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      // Never started: nothing in this test sends a job.
      jobs: new PgBoss(url),
      mailer: null,
      storage: createLocalDiskStore(os.tmpdir()),
      // Nothing publishes here: a bus that never connects.
      bus: {
        subscribe: () => () => undefined,
        publish: async () => undefined,
        publishing: () => sql`null`,
        close: async () => undefined,
      },
      sms: unavailableSmsSender,
    });
    try {
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        detail: 'The database is not reachable',
      });
      expect(ready.headers['retry-after']).toBe('5');
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
