import { buildApp } from './app';
import { readConfigOrExit, say } from './cli/config';
import { demoAccounts, demoPassword, seedDemoData } from './db/seed';
import { syncProgramCatalogue } from './db/seed/programs';
import { checkPasswordStrength } from './lib/password';
import { queueMissingReminders } from './modules/live';
import { systemClock } from './platform/clock';
import { createKeyring, localMasterKey } from './platform/crypto/keyring';
import { connectDatabase } from './platform/db/database';
import { openDatabaseServer } from './platform/db/database-server';
import { runMigrations } from './platform/db/migrate';
import { startJobs } from './platform/jobs/jobs';
import { localSecret } from './platform/local-secret';
import { createSmtpMailer } from './platform/mailer/mailer';
import { localVapidKeys } from './platform/push/vapid';
import { createEventBus } from './platform/realtime/event-bus';
import { createSmsSender } from './platform/sms/create-sms-sender';
import { PARTIAL_UPLOAD_MAX_AGE_MS } from './platform/storage/blob-store';
import { createBlobStore } from './platform/storage/create-blob-store';
import { startWorkers } from './workers';

async function main() {
  const config = readConfigOrExit();
  if (!config.embedded) {
    // Server mode runs without these, but rarely should: say so loudly at start.
    if (!process.env.PUBLIC_URL) say('warning: PUBLIC_URL is not set: links in emails point to localhost');
    if (!config.smtpUrl) say('warning: SMTP_URL is not set: emails stay in the outbox and are not sent');
    if (!config.s3) say('warning: S3_BUCKET is not set: files are kept on this instance’s disk only');
    if (!config.metricsToken) say('warning: METRICS_TOKEN is not set: /metrics answers 401 to everyone');
    if (!config.twilio) say('warning: TWILIO_* is not set: SMS codes are not offered');
    if (!config.vapid) say('warning: VAPID_* is not set: web push notifications are not offered');
  }
  const jwtSecret = config.jwtSecret ?? (await localSecret(config.dataDir, 'jwt'));
  const encryptionKeys = config.encryptionKeys ?? [await localMasterKey(config.dataDir)];
  // Embedded mode without VAPID_*: a key pair generated once in DATA_DIR (browsers subscribe with it).
  const vapid =
    config.vapid ?? (config.embedded ? await localVapidKeys(config.dataDir, config.vapidSubject) : null);
  const server = await openDatabaseServer(config, say);
  await runMigrations(server.url);
  const database = connectDatabase(server.url, {
    max: config.databasePoolMax,
    statementTimeoutMs: config.database.statementTimeoutMs,
    connectTimeoutMs: config.database.connectTimeoutMs,
  });
  await syncProgramCatalogue(database.db);
  const storage = createBlobStore(config, { db: database.db, keyring: createKeyring(encryptionKeys) });
  // What an upload cut by a crash (SIGKILL, power loss) left half-written on disk.
  await storage.sweepPartials(new Date(Date.now() - PARTIAL_UPLOAD_MAX_AGE_MS));
  // The demo pros' evidence files go through the BlobStore like uploads.
  if (config.seedDemo) await seedDemoData(database.db, { storage });
  let shuttingDown = false;
  const jobs = await startJobs(server.url, {
    work: true,
    settings: config.jobs,
    // While stopping, the embedded PostgreSQL may close before pg-boss has finished: not worth a report.
    onError: (error) => shuttingDown || console.error(`[capitune] job queue: ${error.message}`),
  });
  // The demo webinars were seeded before the job queue started: their reminders are queued now.
  if (config.seedDemo) await queueMissingReminders({ pool: database.pool, jobs, clock: systemClock });
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : null;
  const bus = createEventBus(server.url, database.pool, (message) => {
    if (!shuttingDown) say(message);
  });

  const app = await buildApp(
    {
      config: { ...config, jwtSecret, encryptionKeys, vapid },
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      jobs,
      mailer,
      storage,
      bus,
      sms: createSmsSender(config, database.db),
    },
    { isShuttingDown: () => shuttingDown },
  );
  await startWorkers(app.deps);

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say(`${signal} received, stopping`);
    // Whatever happens, do not hang: orchestrators expect an exit within seconds.
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      // Requests and jobs drain side by side; the pool closes once both are done.
      await Promise.all([app.close(), jobs.stop({ graceful: true, timeout: 5_000 }), bus.close()]);
      mailer?.close();
      await database.close();
      await server.stop();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  // The password checker builds its dictionaries on first use (over half a second of CPU): done before
  // the first sign-up rather than during it.
  checkPasswordStrength('Capitune-warm-up', 'fr', []);
  await app.listen({ host: config.host, port: config.port });
  const url = `http://localhost:${config.port}`;
  say(`CAPITUNE is ready at ${config.embedded ? url : config.publicUrl}`);
  if (config.seedDemo) {
    say(`Demo accounts (password: ${demoPassword}):`);
    for (const account of demoAccounts) say(`  ${account.role.padEnd(9)} ${account.email}`);
  }
  if (config.devMailbox) say(`Emails sent by the app: ${url}/dev/mailbox`);
  say(`API documentation: ${url}/api/docs`);
}

main().catch((error: unknown) => {
  console.error('[capitune] Failed to start:', error);
  process.exit(1);
});
