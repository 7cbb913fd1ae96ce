import type pg from 'pg';
import PgBoss from 'pg-boss';

/** Every queue of the product, with its retry policy. A job's handler is registered by its module. */
export const queues = {
  /** Sends one outbox email; retried with backoff while the SMTP relay refuses. */
  'email.send': { retryLimit: 12, retryDelay: 30, retryBackoff: true },
  /**
   * Live: the 24-hour and 1-hour reminders of one event, due at `startAfter`. Policy `short`: one queued job
   * per singleton key (event, kind, start time). Sending is made exactly-once by `reminder_deliveries`.
   */
  'events.reminder': { policy: 'short', retryLimit: 6, retryDelay: 30, retryBackoff: true },
  /** Housekeeping: expired rate-limit windows, used tokens. */
  'maintenance.hourly': { retryLimit: 2, retryDelay: 60 },
  /** Daily: warns of documents expiring within 30 and 7 days. */
  'documents.expiry-watch': { retryLimit: 3, retryDelay: 300 },
  /** Every minute: one email per dossier for messages left unread for 10 minutes. */
  'messages.unread-emails': { retryLimit: 1, retryDelay: 30 },
} satisfies Record<string, Omit<PgBoss.Queue, 'name'>>;

export type QueueName = keyof typeof queues;

export type Jobs = PgBoss;

/** Lets pg-boss insert a job through a transaction's connection: the job exists only if the transaction commits. */
export function inTransaction(client: pg.PoolClient): PgBoss.ConnectionOptions {
  return { db: { executeSql: (text, values) => client.query(text, values) } };
}

/**
 * Starts pg-boss on the product's database (schema `pgboss`) and makes sure every queue exists.
 * `work: false` gives an instance that only sends jobs (tests, command-line tools).
 */
export async function startJobs(
  url: string,
  options: { work: boolean; onError?: (error: Error) => void },
): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    application_name: 'capitune-jobs',
    max: 4,
    supervise: options.work,
    schedule: options.work,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
  for (const [name, policy] of Object.entries(queues)) {
    if (!existing.has(name)) await boss.createQueue(name, { name, ...policy });
  }
  return boss;
}
