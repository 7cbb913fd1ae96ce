import type { AppDeps } from './deps';
import {
  BATCH_RUN_QUEUE,
  type BatchJob,
  endTimedSuspensions,
  refreshStats,
  runBatchJob,
  STATS_REFRESH_QUEUE,
  SUSPENSION_END_QUEUE,
} from './modules/admin';
import {
  ALERT_SEND_QUEUE,
  FAILED_JOBS_QUEUE,
  raiseFailedJobAlerts,
  sendAdminAlert,
} from './modules/admin-alerts';
import { AUDIT_CHAIN_QUEUE, runAuditChainCheck } from './modules/audit';
import { runTwoFactorReminders, TWO_FACTOR_REMINDERS_QUEUE } from './modules/auth';
import { encryptEarlierDocuments, runExpiryWatch, sweepAbandonedUploads } from './modules/documents';
import { REMINDER_QUEUE, type ReminderJob, runReminderJob } from './modules/live';
import { sendUnreadMessageEmails } from './modules/messages';
import { DELIVER_QUEUE, DUE_SWEEP_QUEUE, runDeliverJob, runDueSweep } from './modules/notifications';
import {
  EXPORT_BUILD_QUEUE,
  type ExportBuildJob,
  RETENTION_RUN_QUEUE,
  registerPurged,
  runExportBuild,
  runRetentionJob,
} from './modules/privacy';
import { runVerificationWatch, VERIFICATION_WATCH_QUEUE } from './modules/pros';
import { runWebhookDeliveries, WEBHOOKS_DELIVER_QUEUE } from './modules/webhooks';
import { purgeSentEmails } from './platform/mailer/outbox';
import { deleteExpiredRateLimits } from './platform/rate-limit';
import { PARTIAL_UPLOAD_MAX_AGE_MS } from './platform/storage/blob-store';

/** Emails fetched at once by a worker; sent one after the other. */
const EMAIL_BATCH = 10;
/** Push and text-message deliveries fetched at once, and how many are sent at the same time. */
const DELIVERY_BATCH = 20;
const DELIVERY_LANES = 4;

/**
 * Registers the handler of every queue on this instance. Any number of instances may run them:
 * pg-boss hands each job to one worker, and each handler is safe to run twice.
 */
export async function startWorkers(deps: AppDeps): Promise<void> {
  const { jobs, outbox, mailer, db, clock } = deps;
  if (mailer) {
    // pg-boss fetches once per polling interval: one email at a time would send one a second, and the
    // reminders of a large webinar would still be going out after it started. So emails come in batches,
    // each one completed or failed (retried) on its own, and a full batch fetches the next one at once.
    await jobs.work<{ id: string }>(
      'email.send',
      { pollingIntervalSeconds: 1, batchSize: EMAIL_BATCH, burstWhenBatchFull: true },
      async (batch) => {
        for (const job of batch) {
          try {
            await outbox.deliver(job.data.id);
            await jobs.complete('email.send', job.id);
          } catch (error) {
            await jobs.fail('email.send', job.id, { message: String(error) });
          }
        }
      },
    );
  }
  if (deps.alerts.available) {
    await jobs.work<{ id: string }>(ALERT_SEND_QUEUE, async ([job]) => {
      if (job) await sendAdminAlert(deps, job.data.id);
    });
  }
  await jobs.work(FAILED_JOBS_QUEUE, async () => {
    await raiseFailedJobAlerts(deps);
  });
  await jobs.schedule(FAILED_JOBS_QUEUE, '*/5 * * * *');
  await jobs.work<ReminderJob>(REMINDER_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    // A bounded run; what is left goes to a continuation job (see runReminderJob).
    if (job) return runReminderJob(deps, job);
  });
  await jobs.work<BatchJob>(BATCH_RUN_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    // A bounded run; what is left goes to a continuation job (see runBatchJob).
    if (job) await runBatchJob(deps, job);
  });
  await jobs.work('maintenance.hourly', async () => {
    // Each purge writes a counted line of the destruction register.
    const now = clock.now();
    await registerPurged(db, 'rate_limits', 'rate_limit', await deleteExpiredRateLimits(db, now), now);
    await sweepAbandonedUploads(deps);
    // File times are the real clock's.
    await deps.storage.sweepPartials(new Date(Date.now() - PARTIAL_UPLOAD_MAX_AGE_MS));
    await registerPurged(db, 'sent_emails', 'email', await purgeSentEmails(db, now), now);
    await encryptEarlierDocuments(deps);
  });
  await jobs.schedule('maintenance.hourly', '17 * * * *');
  await jobs.work(AUDIT_CHAIN_QUEUE, async () => {
    await runAuditChainCheck(deps);
  });
  await jobs.schedule(AUDIT_CHAIN_QUEUE, '41 * * * *');
  await jobs.work('messages.unread-emails', async () => {
    await sendUnreadMessageEmails(deps);
  });
  await jobs.schedule('messages.unread-emails', '* * * * *');
  await jobs.work(SUSPENSION_END_QUEUE, async () => {
    await endTimedSuspensions(deps);
  });
  await jobs.schedule(SUSPENSION_END_QUEUE, '* * * * *');
  await jobs.work('documents.expiry-watch', async () => {
    await runExpiryWatch(deps);
  });
  // Every morning, 7:00 in Montréal.
  await jobs.schedule('documents.expiry-watch', '0 7 * * *', {}, { tz: 'America/Toronto' });
  await jobs.work(VERIFICATION_WATCH_QUEUE, async () => {
    await runVerificationWatch(deps);
  });
  // Every morning, 7:15 in Montréal (after the day changed there: renewal dates are Montréal days).
  await jobs.schedule(VERIFICATION_WATCH_QUEUE, '15 7 * * *', {}, { tz: 'America/Toronto' });
  await jobs.work(TWO_FACTOR_REMINDERS_QUEUE, async () => {
    await runTwoFactorReminders(deps);
  });
  // Every morning, 7:30 in Montréal.
  await jobs.schedule(TWO_FACTOR_REMINDERS_QUEUE, '30 7 * * *', {}, { tz: 'America/Toronto' });
  await jobs.work<ExportBuildJob>(EXPORT_BUILD_QUEUE, async ([job]) => {
    // A retry builds the file anew; the last one marks the export failed.
    if (job) await runExportBuild(deps, job);
  });
  await jobs.work(RETENTION_RUN_QUEUE, async () => {
    await runRetentionJob(deps);
  });
  // Every night, 3:45 in Montréal: deletions past their grace, client files past their retention.
  await jobs.schedule(RETENTION_RUN_QUEUE, '45 3 * * *', {}, { tz: 'America/Toronto' });
  // Notifications (issue 19): one push or text message; every minute, what waited is due.
  // Push and text-message deliveries in batches, as emails: a webinar's thousands of registrants are
  // told in minutes, not one a poll. Each holds a connection while its channel answers, so a few at once.
  await jobs.work<{ id: string }>(
    DELIVER_QUEUE,
    { pollingIntervalSeconds: 1, batchSize: DELIVERY_BATCH, burstWhenBatchFull: true },
    async (batch) => {
      const waiting = [...batch];
      const lane = async () => {
        for (let job = waiting.shift(); job; job = waiting.shift()) {
          try {
            await runDeliverJob(deps, job);
            await jobs.complete(DELIVER_QUEUE, job.id);
          } catch (error) {
            await jobs.fail(DELIVER_QUEUE, job.id, { message: String(error) });
          }
        }
      };
      await Promise.all(Array.from({ length: DELIVERY_LANES }, lane));
    },
  );
  await jobs.work(DUE_SWEEP_QUEUE, async () => {
    await runDueSweep(deps);
  });
  await jobs.schedule(DUE_SWEEP_QUEUE, '* * * * *');
  // Outgoing webhooks (issue 19): every minute, a run that delivers what is due and polls for 45 seconds.
  await jobs.work(WEBHOOKS_DELIVER_QUEUE, async () => {
    await runWebhookDeliveries(deps, { budgetMs: 45_000 });
  });
  await jobs.schedule(WEBHOOKS_DELIVER_QUEUE, '* * * * *');
  await jobs.work(STATS_REFRESH_QUEUE, async () => {
    await refreshStats(deps);
  });
  await jobs.schedule(STATS_REFRESH_QUEUE, '*/5 * * * *');
}
