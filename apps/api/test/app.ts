import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { type Clock, systemClock } from '../src/platform/clock';
import { createKeyring } from '../src/platform/crypto/keyring';
import { connectDatabase, type DatabaseHandle } from '../src/platform/db/database';
import { type Jobs, startJobs } from '../src/platform/jobs/jobs';
import { createSmtpMailer } from '../src/platform/mailer/mailer';
import { createEventBus } from '../src/platform/realtime/event-bus';
import { createDevSmsSender } from '../src/platform/sms/dev-sms-sender';
import type { SmsSender } from '../src/platform/sms/sms-sender';
import type { BlobStore } from '../src/platform/storage/blob-store';
import { createBlobStore } from '../src/platform/storage/create-blob-store';
import { startWorkers } from '../src/workers';
import { createTestDatabase } from './database';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';
/** A fixed master key for tests (`ENCRYPTION_KEYS`): 32 bytes, base64. */
export const TEST_ENCRYPTION_KEYS = `test-1:${Buffer.alloc(32, 7).toString('base64')}`;

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  jobs: Jobs;
  config: Config;
  storage: BlobStore;
  databaseUrl: string;
  /** The folder of the local-disk store (when S3 is not configured). */
  filesDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions extends BuildAppOptions {
  /** Environment variables (strings, as in the real environment). */
  env?: Record<string, string>;
  clock?: Clock;
  /** Run the job workers on this app, as `main.ts` does (emails sent through SMTP_URL, schedules). */
  workers?: boolean;
  /** Another instance on the database of this test app (as behind a load balancer), instead of a fresh one. */
  sameDatabaseAs?: TestApp;
  /** Serve the dev mailbox as in embedded mode. */
  devMailbox?: boolean;
  /** How text messages go out; by default into `dev_sms_messages` of the test database, read like the outbox. */
  sms?: SmsSender;
  /** Called before `app.ready()`, to add routes that exist only in a test. */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

/** The whole API on a fresh database, built as `main.ts` builds it, for `app.inject` tests. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const testDatabase = options.sameDatabaseAs
    ? { url: options.sameDatabaseAs.databaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabase.url,
    WEB_DIST_DIR: '/nonexistent',
    JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    PUBLIC_URL: 'http://capitune.test',
    ...options.env,
  });
  const database = connectDatabase(testDatabase.url, { max: 5 });
  const jobs = await startJobs(testDatabase.url, { work: options.workers ?? false, settings: config.jobs });
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : null;
  // Files in a folder of this test app alone, unless S3_* points at a store.
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-files-'));
  const storage = createBlobStore(
    { ...config, dataDir: filesDir },
    { db: database.db, keyring: createKeyring(config.encryptionKeys ?? []) },
  );
  const bus = createEventBus(testDatabase.url, database.pool);
  const app = await buildApp(
    {
      config: {
        ...config,
        jwtSecret: new TextEncoder().encode(TEST_JWT_SECRET),
        encryptionKeys: config.encryptionKeys ?? [],
        devMailbox: options.devMailbox ?? false,
      },
      db: database.db,
      pool: database.pool,
      clock: options.clock ?? systemClock,
      jobs,
      mailer,
      storage,
      bus,
      sms: options.sms ?? createDevSmsSender(database.db),
    },
    options,
  );
  await options.beforeReady?.(app);
  await app.ready();
  if (options.workers) await startWorkers(app.deps);
  return {
    app,
    database,
    jobs,
    config,
    storage,
    databaseUrl: testDatabase.url,
    filesDir: `${filesDir}/files`,
    async close() {
      await app.close();
      await bus.close();
      await jobs.stop({ graceful: false });
      mailer?.close();
      await database.close();
      await testDatabase.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}
