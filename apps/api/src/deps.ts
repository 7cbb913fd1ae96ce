/**
 * What the app is built from and what its modules use at run time. Its own file, so that a module needs
 * these types without importing `app.ts`, which imports every module.
 */
import type { Config } from './config';
import type { AdminAlertSender } from './platform/alerts/admin-alert-sender';
import type { Clock } from './platform/clock';
import type { Keyring, MasterKey } from './platform/crypto/keyring';
import type { DatabaseHandle } from './platform/db/database';
import type { Jobs } from './platform/jobs/jobs';
import type { Mailer } from './platform/mailer/mailer';
import type { Outbox } from './platform/mailer/outbox';
import type { PushSender } from './platform/push/push-sender';
import type { ReadCache } from './platform/read-cache';
import type { EventBus } from './platform/realtime/event-bus';
import type { SmsSender } from './platform/sms/sms-sender';
import type { BlobStore } from './platform/storage/blob-store';

/** The configuration once every secret is known (embedded mode generates its own). */
export type AppConfig = Omit<Config, 'jwtSecret' | 'encryptionKeys'> & {
  jwtSecret: Uint8Array;
  encryptionKeys: readonly MasterKey[];
};

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
  /** Text messages (SMS codes): Twilio, the dev mailbox in embedded mode, or none. */
  sms: SmsSender;
  /** Web push to people's browsers (`web-push` with the VAPID keys), or none; tests give their own. */
  push?: PushSender;
  /** Where admin alerts are posted; by default the one the configuration gives (Slack or none). */
  alerts?: AdminAlertSender;
}

/** What the modules use at run time: shared by every request and job. */
export interface AppDeps extends AppParts {
  /** The admins' Slack channel: an incoming webhook, the Web API, or none (alerts stay in the table). */
  alerts: AdminAlertSender;
  outbox: Outbox;
  push: PushSender;
  /** Lists everyone reads alike, kept per instance and forgotten on every write that changes them. */
  readCache: ReadCache;
  /** The master keys: seals small secrets, wraps the data keys of files. */
  keyring: Keyring;
  /**
   * The auth module's step-up check (`requireStepUp`): 401 STEP_UP_REQUIRED unless the caller's session
   * proved its identity within 10 minutes. Every module outside auth calls it here rather than through
   * auth's face: auth depends on pros (a pro's sign-up opens their verification file), so pros importing
   * auth would close a cycle, and one way for all is simpler than two (decision 012).
   */
  requireStepUp(caller: { id: string; sessionId?: string | undefined }): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
