/**
 * What the app is built from and what its modules use at run time. Its own file, so that a module needs
 * these types without importing `app.ts`, which imports every module.
 */
import type { Config } from './config';
import type { Clock } from './platform/clock';
import type { DatabaseHandle } from './platform/db/database';
import type { Jobs } from './platform/jobs/jobs';
import type { Mailer } from './platform/mailer/mailer';
import type { Outbox } from './platform/mailer/outbox';
import type { ReadCache } from './platform/read-cache';
import type { EventBus } from './platform/realtime/event-bus';
import type { BlobStore } from './platform/storage/blob-store';

/** The configuration once every secret is known (embedded mode generates its own). */
export type AppConfig = Omit<Config, 'jwtSecret'> & { jwtSecret: Uint8Array };

/** What `main.ts` (or a test) provides to build the app. */
export interface AppParts {
  config: AppConfig;
  db: DatabaseHandle['db'];
  pool: DatabaseHandle['pool'];
  clock: Clock;
  jobs: Jobs;
  /** The SMTP relay, or null to keep emails in the outbox (embedded mode without SMTP_URL). */
  mailer: Mailer | null;
  /** Where uploaded files live: local disk or an S3-compatible bucket. */
  storage: BlobStore;
  /** Events shared by every API instance (LISTEN/NOTIFY), for the sockets. */
  bus: EventBus;
}

/** What the modules use at run time: shared by every request and job. */
export interface AppDeps extends AppParts {
  outbox: Outbox;
  /** Lists everyone reads alike, kept per instance and forgotten on every write that changes them. */
  readCache: ReadCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
