import pg from 'pg';
import { InvariantError } from '../../lib/errors';

/**
 * The bridge from a job queue made by pg-boss 10 (CAPITUNE before Node 24) to pg-boss 12.
 *
 * pg-boss 10 leaves its schema at version 24. pg-boss 11 rewrote the schema as version 25 without a
 * migration from 24, and pg-boss 12 migrates from 25 on only: started on a version-24 schema it refuses
 * ("the oldest supported starting version is 25"). So `startJobs` bridges it, in two steps around
 * pg-boss's own start:
 *
 * 1. before it, {@link setAsideV10Schema} renames the old schema `pgboss` to `pgboss_v10`; pg-boss 12
 *    then installs a fresh `pgboss`, and the queues are created with their policies;
 * 2. after that, {@link carryOverV10Jobs} copies the jobs still to be run (waiting, to be retried, and
 *    those left active by a stopped worker, which are retried) with their ids, since events keep the ids
 *    of their reminder jobs, and drops `pgboss_v10`.
 *
 * Finished jobs and pg-boss 10's archive are history only and are not kept; the schedules are set again
 * by the workers at start. Each step is one transaction under one advisory lock: instances starting at
 * once, or a start stopped between the steps, end in the same state. Instances still running pg-boss 10
 * must be stopped before the first new one starts: they cannot work on the new schema.
 */
const V10_SCHEMA = 'pgboss_v10';
/** The first schema version pg-boss 12 migrates from (made by pg-boss 11). */
const FIRST_MIGRATABLE_VERSION = 25;
const LOCK = `select pg_advisory_xact_lock(hashtext('capitune.pg-boss-v10-bridge'))`;

async function inLockedTransaction<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'capitune-jobs' });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(LOCK);
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Step 1: renames a pg-boss 10 schema out of the way. Returns whether it did. */
export async function setAsideV10Schema(url: string): Promise<boolean> {
  return inLockedTransaction(url, async (client) => {
    const found = await client.query<{ installed: boolean; setAside: boolean }>(
      `select to_regclass('pgboss.version') is not null as "installed",
              to_regnamespace($1) is not null as "setAside"`,
      [V10_SCHEMA],
    );
    if (!found.rows[0]?.installed) return false;
    const { rows } = await client.query<{ version: number }>('select version from pgboss.version');
    const version = rows[0]?.version;
    if (version === undefined || version >= FIRST_MIGRATABLE_VERSION) return false;
    if (found.rows[0].setAside) {
      throw new InvariantError(`both pgboss (version ${version}) and ${V10_SCHEMA} exist: resolve by hand`);
    }
    await client.query(`alter schema pgboss rename to ${V10_SCHEMA}`);
    return true;
  });
}

/**
 * Step 2, once pg-boss 12 runs and the queues exist: copies the jobs left to run from the schema set
 * aside, then drops it. A job of a queue the product no longer has is left behind. Expiries are the
 * queue's, as `applyQueuePolicies` gives waiting jobs; the rest is the job's own. Returns the number of
 * jobs copied.
 */
export async function carryOverV10Jobs(url: string): Promise<number> {
  return inLockedTransaction(url, async (client) => {
    const found = await client.query<{ setAside: boolean }>(
      `select to_regnamespace($1) is not null as "setAside"`,
      [V10_SCHEMA],
    );
    if (!found.rows[0]?.setAside) return 0;
    const copied = await client.query(
      `insert into pgboss.job (id, name, priority, data, state, retry_limit, retry_count, retry_delay,
              retry_backoff, expire_seconds, deletion_seconds, singleton_key, singleton_on, start_after,
              created_on, keep_until, policy)
       select j.id, j.name, j.priority, j.data,
              (case when j.state::text = 'active' then 'retry' else j.state::text end)::pgboss.job_state,
              j.retry_limit, j.retry_count, j.retry_delay, j.retry_backoff, q.expire_seconds,
              q.deletion_seconds, j.singleton_key, j.singleton_on, j.start_after, j.created_on,
              j.keep_until, q.policy
         from ${V10_SCHEMA}.job j
         join pgboss.queue q on q.name = j.name
        where j.state::text in ('created', 'retry', 'active')
       on conflict do nothing`,
    );
    await client.query(`drop schema ${V10_SCHEMA} cascade`);
    return copied.rowCount ?? 0;
  });
}
