// Benchmark of the notification pipeline's fan-out: one event (a webinar cancelled) told to 10,000 people,
// each with a browser subscribed to web push and their email on, through the real app and its workers.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench:notifications
//
// DATABASE_URL names a scratch database: ideally the large data set of `npm run bench:seed` (the
// recipients are its first 10,000 candidates, among 50,000 users and their notifications); a database
// without it gets 10,000 bench members created once. Never a production one: the script adds push
// subscriptions and notifications to it.
// The script
//   1. starts a push service stand-in (https on 127.0.0.1, the test's self-signed pair; it answers 201 and
//      counts) and an SMTP receiver (smtp-server on 127.0.0.1), both on loopback, so the API runs with
//      WEBHOOKS_ALLOW_LOOPBACK=true and SMTP_URL pointing at the receiver;
//   2. gives each recipient one push subscription (keys made as a browser makes them) and the default
//      preferences (webinars: in-app, email, push);
//   3. builds the app as `main.ts` does, with its workers (BENCH_INSTANCES apps on the same database, 1 by
//      default, as instances behind a load balancer would share the queue);
//   4. calls notify() for every recipient, in transactions of 500 (as a webinar cancellation does), and
//      prints the time until all is queued (10,000 in-app rows, 10,000 emails in the outbox, 10,000 push
//      jobs), then the time until the push service received all 10,000 pushes and the SMTP receiver all
//      10,000 emails, and the delivery log's counts.
// Figures, never assertions: run it on a quiet machine.
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import webpush from 'web-push';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { notify } from '../apps/api/src/modules/notifications';
import { systemClock } from '../apps/api/src/platform/clock';
import { createKeyring } from '../apps/api/src/platform/crypto/keyring';
import { connectDatabase } from '../apps/api/src/platform/db/database';
import { runMigrations } from '../apps/api/src/platform/db/migrate';
import { withTransaction } from '../apps/api/src/platform/db/transaction';
import { startJobs } from '../apps/api/src/platform/jobs/jobs';
import { renderEmail } from '../apps/api/src/platform/mailer/layout';
import { createSmtpMailer } from '../apps/api/src/platform/mailer/mailer';
import { createEventBus } from '../apps/api/src/platform/realtime/event-bus';
import { createDevSmsSender } from '../apps/api/src/platform/sms/dev-sms-sender';
import { createBlobStore } from '../apps/api/src/platform/storage/create-blob-store';
import { startWorkers } from '../apps/api/src/workers';
import { startPushEndpoint } from '../apps/api/test/push-endpoint';
import { startSmtpReceiver } from '../apps/api/test/smtp';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    'bench/notifications-fanout.ts needs DATABASE_URL, a scratch database, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench:notifications',
  );
  process.exit(2);
}
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const CHUNK = 500;
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

await runMigrations(databaseUrl);
const pushService = await startPushEndpoint();
const smtp = await startSmtpReceiver();
const vapid = webpush.generateVAPIDKeys();
const jwtSecret = process.env.JWT_SECRET ?? 'bench-secret-that-is-at-least-32-characters-long';
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_MAX: '10',
  JWT_SECRET: jwtSecret,
  ENCRYPTION_KEYS: process.env.ENCRYPTION_KEYS ?? `bench:${Buffer.alloc(32, 3).toString('base64')}`,
  WEB_DIST_DIR: '/nonexistent',
  PUBLIC_URL: 'http://capitune.bench',
  SMTP_URL: smtp.url,
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  WEBHOOKS_ALLOW_LOOPBACK: 'true',
});
const database = connectDatabase(databaseUrl, { max: 10 });
const { db } = database;

// Recipients: the data set's first candidates, or bench members made once.
let recipients = (
  await db.execute<{ id: string }>(
    sql`select id from users where email like 'candidate-%@bench.capitune.test' order by email limit ${RECIPIENTS}`,
  )
).rows.map((row) => row.id);
if (recipients.length < RECIPIENTS) {
  log(`creating ${RECIPIENTS} bench members (no large data set here)`);
  await db.execute(sql`
    insert into users (email, password_hash, role, first_name, last_name, locale, time_zone, email_verified_at)
    select 'fanout-' || lpad(n::text, 5, '0') || '@bench.capitune.test', 'x', 'candidate', 'Membre', n::text,
      (case when n % 5 < 3 then 'fr' else 'en' end)::locale, 'America/Toronto', now()
    from generate_series(1, ${RECIPIENTS}) n
    on conflict (email) do nothing`);
  recipients = (
    await db.execute<{ id: string }>(
      sql`select id from users where email like 'fanout-%@bench.capitune.test' order by email limit ${RECIPIENTS}`,
    )
  ).rows.map((row) => row.id);
}

// A PostgreSQL array literal (drizzle's sql`` would spread a JS array into a tuple of parameters).
const recipientArray = `{${recipients.join(',')}}`;

// One browser subscription each, on the loopback push service; default preferences (webinars: push on).
const browser = createECDH('prime256v1');
browser.generateKeys();
const p256dh = browser.getPublicKey().toString('base64url');
const auth = randomBytes(16).toString('base64url');
await db.execute(sql`delete from push_subscriptions where endpoint like ${`${pushService.origin}/%`}`);
await db.execute(sql`delete from push_subscriptions where user_id = any(${recipientArray}::uuid[])`);
await db.execute(sql`
  insert into push_subscriptions (user_id, endpoint, p256dh, auth, label)
  select id, ${`${pushService.origin}/push/`} || id, ${p256dh}, ${auth}, 'Bench'
  from unnest(${recipientArray}::uuid[]) as id`);
await db.execute(
  sql`update users set notification_preferences = null where id = any(${recipientArray}::uuid[])`,
);
log(`${recipients.length} recipients, each with a push subscription to ${pushService.origin}`);

// The app and its workers, as main.ts builds them (BENCH_INSTANCES of them on the same database).
const filesDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-bench-fanout-'));
const apps = [];
for (let instance = 0; instance < INSTANCES; instance++) {
  const jobs = await startJobs(databaseUrl, { work: true, settings: config.jobs });
  const bus = createEventBus(databaseUrl, database.pool);
  const app = await buildApp({
    config: {
      ...config,
      jwtSecret: new TextEncoder().encode(jwtSecret),
      encryptionKeys: config.encryptionKeys ?? [],
    },
    db,
    pool: database.pool,
    clock: systemClock,
    jobs,
    mailer: createSmtpMailer(smtp.url, config.mailFrom),
    storage: createBlobStore(
      { ...config, dataDir: filesDir },
      { db, keyring: createKeyring(config.encryptionKeys ?? []) },
    ),
    bus,
    sms: createDevSmsSender(db),
  });
  await app.ready();
  apps.push({ app, jobs, bus });
}
const deps = apps[0]?.app.deps;
if (!deps) throw new Error('no app');
const since = new Date();

// The event: one webinar cancelled, told to everyone, 500 per transaction.
const queuing = Date.now();
for (let from = 0; from < recipients.length; from += CHUNK) {
  await withTransaction(deps.pool, async (tx) => {
    for (const userId of recipients.slice(from, from + CHUNK)) {
      await notify(deps, tx, {
        userId,
        type: 'webinar_cancelled',
        params: { title: 'Entrée express : les nouveautés / Express Entry: what is new' },
        link: '/live/00000000-0000-4000-8000-000000000000',
        email: (recipient) => ({
          to: recipient.email,
          locale: recipient.locale,
          template: 'bench.webinar_cancelled',
          ...renderEmail(recipient.locale, {
            subject: recipient.locale === 'fr' ? 'Webinaire annulé' : 'Webinar cancelled',
            greeting:
              recipient.locale === 'fr' ? `Bonjour ${recipient.firstName},` : `Hello ${recipient.firstName},`,
            paragraphs: [
              recipient.locale === 'fr' ? 'Le webinaire est annulé.' : 'The webinar is cancelled.',
            ],
          }),
        }),
      });
    }
  });
}
const queuedMs = Date.now() - queuing;
log(
  `all queued in ${seconds(queuedMs)}: ${recipients.length} notifications (in-app rows, outbox emails, push jobs)`,
);

// Workers start now: the time to deliver is measured from an idle queue full of work.
for (const { app } of apps) await startWorkers(app.deps);
const delivering = Date.now();
let pushedMs: number | null = null;
let mailedMs: number | null = null;
const pushesBefore = pushService.requests.length;
while (pushedMs === null || mailedMs === null) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (pushedMs === null && pushService.requests.length - pushesBefore >= recipients.length) {
    pushedMs = Date.now() - delivering;
    log(`all ${recipients.length} pushes received by the push service in ${seconds(pushedMs)}`);
  }
  if (mailedMs === null && smtp.received.length >= recipients.length) {
    mailedMs = Date.now() - delivering;
    log(`all ${recipients.length} emails received by the SMTP receiver in ${seconds(mailedMs)}`);
  }
  if (Date.now() - delivering > 30 * 60 * 1000) {
    log('gave up after 30 minutes');
    break;
  }
}
const counts = await db.execute<{ channel: string; status: string; count: string }>(sql`
  select channel, status, count(*) from notification_deliveries
  where created_at >= ${since.toISOString()}::timestamptz and type = 'webinar_cancelled' group by 1, 2 order by 1, 2`);
console.log('\nDelivery log:');
for (const row of counts.rows) console.log(`  ${row.channel.padEnd(7)} ${row.status.padEnd(8)} ${row.count}`);
console.log(
  `\n${recipients.length} recipients, ${INSTANCES} instance(s): queued ${seconds(queuedMs)} ` +
    `(${Math.round(recipients.length / (queuedMs / 1000))}/s); push delivered ${pushedMs === null ? '—' : seconds(pushedMs)}` +
    `${pushedMs ? ` (${Math.round(recipients.length / (pushedMs / 1000))}/s)` : ''}; email delivered ${mailedMs === null ? '—' : seconds(mailedMs)}` +
    `${mailedMs ? ` (${Math.round(recipients.length / (mailedMs / 1000))}/s)` : ''}`,
);

for (const { app, jobs, bus } of apps) {
  await app.close();
  await jobs.stop({ graceful: false });
  await bus.close();
}
await database.close();
await pushService.close();
await smtp.close();
await rm(filesDir, { recursive: true, force: true });
process.exit(0);
