import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { adminAlerts } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** Inserts the alert unless its key exists; the new row's id, or null when it was raised already. */
export async function insertAlert(
  db: Database,
  alert: { kind: string; dedupeKey: string; payload: Record<string, unknown>; createdAt: Date },
): Promise<string | null> {
  const [row] = await db
    .insert(adminAlerts)
    .values(alert)
    .onConflictDoNothing({ target: adminAlerts.dedupeKey })
    .returning({ id: adminAlerts.id });
  return row?.id ?? null;
}

/**
 * The unsent alert, locked for its sending; skipped when another worker holds it (undefined then, as for
 * a sent or unknown alert: `isUnsent` tells them apart).
 */
export async function lockUnsentAlert(db: Database, id: string) {
  const [row] = await db
    .select()
    .from(adminAlerts)
    .where(sql`${adminAlerts.id} = ${id} and ${adminAlerts.sentAt} is null`)
    .for('update', { skipLocked: true });
  return row;
}

export async function isUnsent(db: Database, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: adminAlerts.id })
    .from(adminAlerts)
    .where(sql`${adminAlerts.id} = ${id} and ${adminAlerts.sentAt} is null`);
  return row !== undefined;
}

export async function markSent(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(adminAlerts)
    .set({ sentAt: now, attempts: sql`${adminAlerts.attempts} + 1`, lastError: null })
    .where(eq(adminAlerts.id, id));
}

export async function recordFailure(db: Database, id: string, error: string): Promise<void> {
  await db
    .update(adminAlerts)
    .set({ attempts: sql`${adminAlerts.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(eq(adminAlerts.id, id));
}

const ZFailedJobs = z.object({
  queue: z.string(),
  /** The hour of failure, UTC: `2026-12-06T10`. */
  hour: z.string(),
  count: z.number().int(),
  jobId: z.string(),
  error: z.string().nullable(),
});

/**
 * Jobs that failed for good (pg-boss sets `failed` only once the retries are spent, or at once without
 * retries) since `since`, grouped per queue and hour of failure, with the last one's id and error.
 */
export async function failedJobsSince(db: Database, since: Date, excludedQueue: string) {
  return selectRows(
    db,
    ZFailedJobs,
    sql`select name as queue, to_char(completed_on at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as hour, count(*)::int as count,
          (array_agg(id::text order by completed_on desc))[1] as "jobId",
          (array_agg(coalesce(output->>'message', output::text) order by completed_on desc))[1] as error
        from pgboss.job
       where state = 'failed' and completed_on > ${since} and name <> ${excludedQueue}
       group by 1, 2
       order by 2, 1`,
    'failed jobs',
  );
}
