import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from '../../../test/app';
import { createTestDatabase } from '../../../test/database';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { isDatabaseUnavailable } from '../../lib/errors';
import { systemClock } from '../clock';
import { unavailableSmsSender } from '../sms/sms-sender';
import { createLocalDiskStore } from '../storage/local-disk-store';
import { connectDatabase, type DatabaseHandle } from './database';
import { withTransaction } from './transaction';

describe('a stuck database', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let filesDir: string;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    // Small limits, so that the test is quick: one second per statement and per wait for a connection.
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDatabase.url,
      WEB_DIST_DIR: '/nonexistent',
      JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      DATABASE_STATEMENT_TIMEOUT_MS: '1000',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
    });
    database = connectDatabase(testDatabase.url, {
      max: 2,
      statementTimeoutMs: config.database.statementTimeoutMs,
      connectTimeoutMs: config.database.connectTimeoutMs,
    });
    filesDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-timeouts-'));
    app = await buildApp({
      config: {
        ...config,
        jwtSecret: new TextEncoder().encode(TEST_JWT_SECRET),
        encryptionKeys: config.encryptionKeys ?? [],
      },
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      // Never started: nothing here sends a job or an event.
      jobs: new PgBoss(testDatabase.url),
      mailer: null,
      storage: createLocalDiskStore(filesDir),
      bus: {
        subscribe: () => () => undefined,
        publish: async () => undefined,
        publishing: () => sql`null`,
        close: async () => undefined,
      },
      sms: unavailableSmsSender,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await testDatabase.drop();
    await rm(filesDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After within the limits while a lock holds a table, then recovers', async () => {
    const holder = new pg.Client({ connectionString: testDatabase.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table programs in access exclusive mode');
      const started = Date.now();
      // More requests than connections: two wait on the lock, the others on the pool.
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => app.inject({ method: 'GET', url: '/api/programs' })),
      );
      const elapsed = Date.now() - started;
      for (const response of responses) {
        expect(response.statusCode).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().code).toBe('SERVICE_UNAVAILABLE');
      }
      // Two rounds of one-second limits at most (the statement, then the wait for its connection).
      expect(elapsed).toBeLessThan(3_500);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    const after = await app.inject({ method: 'GET', url: '/api/programs' });
    expect(after.statusCode).toBe(200);
  });

  it('gives a transaction that asks for it a longer limit, and only that transaction', async () => {
    const slow = sql`select pg_sleep(1.5)`;
    const failure = await database.db.execute(slow).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(failure)).toBe(true);
    await expect(
      withTransaction(database.pool, (tx) => tx.db.execute(slow), { statementTimeoutMs: 5_000 }),
    ).resolves.toBeDefined();
    // The connection went back to the pool with the usual limit.
    const again = await database.db.execute(slow).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(again)).toBe(true);
  });
});
