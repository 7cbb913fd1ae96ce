import type { AppDeps } from '../../deps';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { inTransaction } from '../../platform/jobs/jobs';
import { type AdminAlertKind, alertMessage } from './admin-alerts.messages';
import {
  failedJobsSince,
  insertAlert,
  isUnsent,
  lockUnsentAlert,
  markSent,
  recordFailure,
} from './admin-alerts.queries';

export type { AdminAlertKind };

export interface AdminAlert {
  kind: AdminAlertKind;
  /** One alert per key: raising it again (a second flag of the same wave, a retried job) does nothing. */
  dedupeKey: string;
  payload: Record<string, unknown>;
}

/** What raising an alert needs: `AppDeps` fits. */
export type AdminAlertDeps = Pick<AppDeps, 'jobs' | 'clock' | 'alerts'>;

export const ALERT_SEND_QUEUE = 'admin.alert-send';
export const FAILED_JOBS_QUEUE = 'admin.failed-jobs-check';

/**
 * Writes the alert in the caller's transaction (once per dedupeKey) and queues its sending there too, so
 * that an alert exists, and is sent, only if what caused it commits. Without Slack settings the alert
 * stays in the table (no job).
 */
export async function raiseAdminAlert(
  deps: AdminAlertDeps,
  tx: Transaction,
  alert: AdminAlert,
): Promise<void> {
  const id = await insertAlert(tx.db, { ...alert, createdAt: deps.clock.now() });
  if (id && deps.alerts.available) {
    await deps.jobs.send(ALERT_SEND_QUEUE, { id }, inTransaction(tx.client));
  }
}

/** An alert that another worker is posting right now: the job is retried, and finds it sent. */
class AlertBusyError extends Error {
  override name = 'AlertBusyError';
}

/**
 * Posts one alert unless it was posted already (a sent alert is never posted again); throws when Slack
 * refuses, after recording the attempt and its error on the alert, for the job to retry.
 */
export async function sendAdminAlert(
  deps: Pick<AppDeps, 'pool' | 'clock' | 'alerts' | 'config'>,
  id: string,
): Promise<'sent' | 'already-sent'> {
  let failure: unknown;
  const outcome = await withTransaction(deps.pool, async (tx) => {
    // The row lock makes a retry racing a slow first try post once: it finds the alert sent, or locked.
    const alert = await lockUnsentAlert(tx.db, id);
    if (!alert) return (await isUnsent(tx.db, id)) ? ('in-progress' as const) : ('already-sent' as const);
    try {
      await deps.alerts.send(
        alertMessage(
          alert.kind as AdminAlertKind,
          alert.payload as Record<string, unknown>,
          deps.config.publicUrl,
        ),
      );
    } catch (error) {
      failure = error;
      await recordFailure(tx.db, id, String(error));
      return 'failed' as const;
    }
    await markSent(tx.db, id, deps.clock.now());
    return 'sent' as const;
  });
  // The error is on the alert (`last_error`) and on the job: pg-boss retries it with backoff.
  if (outcome === 'failed') throw failure;
  if (outcome === 'in-progress')
    throw new AlertBusyError(`admin alert ${id} is being sent by another worker`);
  return outcome;
}

/** Failures older than this are not reported (a database restored from a backup, the first run). */
const FAILED_JOBS_LOOKBACK_MS = 24 * 60 * 60 * 1000;

/**
 * Raises `job_failed` for the jobs that failed for good: one alert per queue and hour of failure (an
 * SMTP relay down for an hour fails many emails, and is one alert). Read from pg-boss's table every few
 * minutes rather than from the handlers: it also sees jobs that expired on their last try (an instance
 * that died) and those a handler failed itself (`email.send`). Failures of the alerts' own sending are
 * left out: they are on the alerts (`last_error`), and would be posted where they failed.
 */
export async function raiseFailedJobAlerts(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const groups = await failedJobsSince(
    deps.db,
    new Date(now.getTime() - FAILED_JOBS_LOOKBACK_MS),
    ALERT_SEND_QUEUE,
  );
  if (groups.length === 0) return 0;
  await withTransaction(deps.pool, async (tx) => {
    for (const group of groups) {
      await raiseAdminAlert(deps, tx, {
        kind: 'job_failed',
        dedupeKey: `job_failed:${group.queue}:${group.hour}`,
        payload: { queue: group.queue, jobId: group.jobId, count: group.count, error: group.error ?? '' },
      });
    }
  });
  return groups.length;
}
