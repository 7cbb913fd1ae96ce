import type pg from 'pg';
import { type ConnectionOptions, PgBoss, type Queue } from 'pg-boss';
import { carryOverV10Jobs, setAsideV10Schema } from './pg-boss-v10';

/**
 * How quickly the work of an instance that died (killed, out of memory, its machine gone) is taken over.
 * No heartbeat is used (pg-boss 12 offers one per queue; the product keeps expiries): a job stays `active`
 * until its expiry (`started_on + expire_seconds`) has passed and pg-boss's supervision, run every
 * `maintenanceSeconds` by one instance of the cluster, notices it and turns it into a retry. Both are set
 * by configuration (`JOBS_EXPIRE_SECONDS`, `JOBS_MAINTENANCE_SECONDS`).
 */
export interface JobSettings {
  /**
   * Expiry of the jobs that fan out to many people (reminder batches, emails). A healthy run must end well
   * before it: reminder runs stop after a quarter of it and queue the rest (`reminders.ts`). pg-boss also
   * gives up on a handler still running at that point and retries the job (handlers are idempotent).
   */
  expireSeconds: number;
  /** How often expired jobs are looked for (pg-boss supervision, which also deletes old finished jobs). */
  maintenanceSeconds: number;
}

export const defaultJobSettings: JobSettings = { expireSeconds: 120, maintenanceSeconds: 30 };

type QueuePolicy = Omit<Queue, 'name'>;

/**
 * Every queue of the product, with its policy. A job's handler is registered by its module (`workers.ts`).
 * Queues without an expiry keep pg-boss's 15 minutes: periodic work that the next schedule runs again.
 */
export function queuePolicies(settings: JobSettings) {
  return {
    /** Sends one outbox email; retried with backoff while the SMTP relay refuses. */
    'email.send': {
      retryLimit: 12,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: settings.expireSeconds,
    },
    /**
     * Live: the 24-hour and 1-hour reminders of one event, due at `startAfter`. Policy `short`: one queued
     * job per singleton key (event, kind, start time). Sending is made exactly-once by `reminder_deliveries`.
     * A short expiry and a short first retry delay: the batch of a dead instance resumes within minutes.
     */
    'events.reminder': {
      policy: 'short',
      retryLimit: 6,
      retryDelay: 10,
      retryBackoff: true,
      expireInSeconds: settings.expireSeconds,
    },
    /** Housekeeping: expired rate-limit windows, used tokens. */
    'maintenance.hourly': { retryLimit: 2, retryDelay: 60 },
    /** Daily: warns of documents expiring within 30 and 7 days. */
    'documents.expiry-watch': { retryLimit: 3, retryDelay: 300 },
    /** Daily: pros' licence renewal reminders (30 and 7 days), lapse notices, expiry after the grace. */
    'pros.verification-watch': { retryLimit: 3, retryDelay: 300 },
    /** Daily: reminds pros and admins without a second factor 7, 3 and 1 days before their grace ends. */
    'auth.two-factor-reminders': { retryLimit: 3, retryDelay: 300 },
    /** Posts one admin alert to Slack; retried with backoff while Slack refuses (`admin_alerts.attempts`). */
    'admin.alert-send': { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
    /** Every 5 minutes: raises an admin alert for the jobs that failed their last retry. */
    'admin.failed-jobs-check': { retryLimit: 1, retryDelay: 60 },
    /** Hourly: walks the audit log's hash chain; a break raises an admin alert (once per broken entry). */
    'audit.verify-chain': { retryLimit: 2, retryDelay: 300 },
    /** Every minute: one email per dossier for messages left unread for 10 minutes. */
    'messages.unread-emails': { retryLimit: 1, retryDelay: 30 },
    /** Every minute: lifts the timed suspensions whose end has come. */
    'admin.suspension-end': { retryLimit: 1, retryDelay: 30 },
    /**
     * One admin batch (or its undo), worked through in chunks; a run stops after a quarter of the expiry
     * and queues a continuation, and a retry resumes after the last committed chunk (`batches.worker.ts`).
     */
    'admin.batch-run': {
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: settings.expireSeconds,
    },
    /**
     * Every 5 minutes: the admin console's statistics snapshots. Policy `stately`: at most one run active
     * and one waiting, so slow runs on several instances never pile up; a missed run is the next one's.
     */
    'admin.stats-refresh': { policy: 'stately', retryLimit: 0, expireInSeconds: 240 },
    /**
     * Builds one person's data export (a ZIP streamed into the file store); retried, each try starting
     * the file anew. A large account takes minutes: its own expiry.
     */
    'privacy.export-build': { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800 },
    /**
     * Daily: destroys what the retention rules say is due (deleted accounts past their grace, closed
     * client files past their period, expired exports and tokens), writing the destruction register.
     * Policy `stately`: one run at a time across instances.
     */
    'privacy.retention-run': { policy: 'stately', retryLimit: 2, retryDelay: 600, expireInSeconds: 3600 },
    /**
     * Notifications (issue 19): one push or text message of the delivery log. Retried with backoff; a
     * retry finds the row sent (its lock and status make sending once).
     */
    'notifications.deliver': {
      retryLimit: 8,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: settings.expireSeconds,
    },
    /**
     * Every minute: what waited is due (the end of quiet hours, an hourly or daily digest), and queued
     * deliveries whose job was lost. Policy `stately`: one run at a time across instances.
     */
    'notifications.due-sweep': { policy: 'stately', retryLimit: 1, retryDelay: 30, expireInSeconds: 300 },
    /**
     * Every 15 seconds (a loop in the worker): webhook deliveries whose next attempt is due, each claimed
     * with a lease so a killed worker's delivery is taken again when it passes.
     */
    'webhooks.deliver': { policy: 'stately', retryLimit: 1, retryDelay: 15, expireInSeconds: 300 },
  } satisfies Record<string, QueuePolicy>;
}

export type QueueName = keyof ReturnType<typeof queuePolicies>;

export type Jobs = PgBoss;

/** Lets pg-boss insert a job through a transaction's connection: the job exists only if the transaction commits. */
export function inTransaction(client: pg.PoolClient): ConnectionOptions {
  return { db: { executeSql: (text, values) => client.query(text, values) } };
}

const policyFields = ['retryLimit', 'retryDelay', 'retryBackoff', 'expireInSeconds'] as const;

/**
 * Creates the queues that do not exist, and brings existing ones to the policy above: pg-boss reads a
 * queue's policy when a job is queued, and copies its expiry onto the job, so a database made by an
 * earlier version keeps the old policy (and its waiting jobs the old expiry) unless told. Jobs waiting in
 * a queue that has an expiry get it too (the product never sets one per job). Safe to run on every start,
 * by several instances at once.
 */
export async function applyQueuePolicies(boss: PgBoss, settings: JobSettings): Promise<void> {
  const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
  for (const [name, wanted] of Object.entries(queuePolicies(settings)) as [string, QueuePolicy][]) {
    const { policy = 'standard', ...options } = wanted;
    const current = existing.get(name);
    if (!current) {
      await boss.createQueue(name, { policy, ...options });
    } else {
      if (policyFields.some((field) => options[field] !== undefined && options[field] !== current[field])) {
        await boss.updateQueue(name, options);
      }
      // Since pg-boss 11 `updateQueue` leaves the policy as created. The policy is read from this row
      // when a job is queued (and copied onto it, as before), so setting it here is what an update did.
      if (current.policy !== policy) {
        await boss
          .getDb()
          .executeSql('update pgboss.queue set policy = $2, updated_on = now() where name = $1', [
            name,
            policy,
          ]);
      }
    }
    if (options.expireInSeconds !== undefined) {
      await boss.getDb().executeSql(
        `update pgboss.job set expire_seconds = $2
          where name = $1 and state in ('created', 'retry') and expire_seconds <> $2`,
        [name, options.expireInSeconds],
      );
    }
  }
}

/**
 * Starts pg-boss on the product's database (schema `pgboss`) and brings every queue to its policy.
 * pg-boss migrates its schema itself on start; a schema made by pg-boss 10, which it cannot migrate, is
 * bridged around the start (`pg-boss-v10.ts`). `work: false` gives an instance that only sends jobs
 * (tests, command-line tools).
 */
export async function startJobs(
  url: string,
  options: { work: boolean; settings?: JobSettings; onError?: (error: Error) => void },
): Promise<Jobs> {
  const settings = options.settings ?? defaultJobSettings;
  await setAsideV10Schema(url);
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    application_name: 'capitune-jobs',
    max: 4,
    supervise: options.work,
    // Expired jobs are looked for by the monitor pass of supervision (its timer, and each queue's claim
    // of it), finished ones deleted by the maintenance pass: all three every `maintenanceSeconds`.
    superviseIntervalSeconds: settings.maintenanceSeconds,
    monitorIntervalSeconds: settings.maintenanceSeconds,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    schedule: options.work,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  await applyQueuePolicies(boss, settings);
  await carryOverV10Jobs(url);
  return boss;
}
