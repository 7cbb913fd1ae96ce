import type pg from 'pg';
import PgBoss from 'pg-boss';

/**
 * How quickly the work of an instance that died (killed, out of memory, its machine gone) is taken over.
 * pg-boss 10 has no heartbeat: a job stays `active` until its expiry (`started_on + expire_in`) has passed
 * and pg-boss's maintenance, run every `maintenanceSeconds` by one instance of the cluster, notices it and
 * turns it into a retry. Both are set by configuration (`JOBS_EXPIRE_SECONDS`, `JOBS_MAINTENANCE_SECONDS`).
 */
export interface JobSettings {
  /**
   * Expiry of the jobs that fan out to many people (reminder batches, emails). A healthy run must end well
   * before it: reminder runs stop after a quarter of it and queue the rest (`reminders.ts`). pg-boss also
   * gives up on a handler still running at that point and retries the job (handlers are idempotent).
   */
  expireSeconds: number;
  /** How often expired jobs are looked for (pg-boss maintenance, which also archives finished jobs). */
  maintenanceSeconds: number;
}

export const defaultJobSettings: JobSettings = { expireSeconds: 120, maintenanceSeconds: 30 };

type QueuePolicy = Omit<PgBoss.Queue, 'name'>;

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
    /** Every minute: one email per dossier for messages left unread for 10 minutes. */
    'messages.unread-emails': { retryLimit: 1, retryDelay: 30 },
  } satisfies Record<string, QueuePolicy>;
}

export type QueueName = keyof ReturnType<typeof queuePolicies>;

export type Jobs = PgBoss;

/** Lets pg-boss insert a job through a transaction's connection: the job exists only if the transaction commits. */
export function inTransaction(client: pg.PoolClient): PgBoss.ConnectionOptions {
  return { db: { executeSql: (text, values) => client.query(text, values) } };
}

const policyFields = ['policy', 'retryLimit', 'retryDelay', 'retryBackoff', 'expireInSeconds'] as const;

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
    const policy = { policy: 'standard' as const, ...wanted };
    const current = existing.get(name);
    if (!current) {
      await boss.createQueue(name, { name, ...policy });
    } else if (
      policyFields.some((field) => policy[field] !== undefined && policy[field] !== current[field])
    ) {
      await boss.updateQueue(name, { name, ...policy });
    }
    if (policy.expireInSeconds !== undefined) {
      await boss.getDb().executeSql(
        `update pgboss.job set expire_in = make_interval(secs => $2)
          where name = $1 and state in ('created', 'retry') and expire_in <> make_interval(secs => $2)`,
        [name, policy.expireInSeconds],
      );
    }
  }
}

/**
 * Starts pg-boss on the product's database (schema `pgboss`) and brings every queue to its policy.
 * `work: false` gives an instance that only sends jobs (tests, command-line tools).
 */
export async function startJobs(
  url: string,
  options: { work: boolean; settings?: JobSettings; onError?: (error: Error) => void },
): Promise<Jobs> {
  const settings = options.settings ?? defaultJobSettings;
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    application_name: 'capitune-jobs',
    max: 4,
    supervise: options.work,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    schedule: options.work,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  await applyQueuePolicies(boss, settings);
  return boss;
}
