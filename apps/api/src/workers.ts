import type { AppDeps } from './deps';
import { runTwoFactorReminders, TWO_FACTOR_REMINDERS_QUEUE } from './modules/auth';
import { encryptEarlierDocuments, runExpiryWatch, sweepAbandonedUploads } from './modules/documents';
import { REMINDER_QUEUE, type ReminderJob, runReminderJob } from './modules/live';
import { sendUnreadMessageEmails } from './modules/messages';
import { runVerificationWatch, VERIFICATION_WATCH_QUEUE } from './modules/pros';
import { purgeSentEmails } from './platform/mailer/outbox';
import { deleteExpiredRateLimits } from './platform/rate-limit';
import { PARTIAL_UPLOAD_MAX_AGE_MS } from './platform/storage/blob-store';

/** Emails fetched at once by a worker; sent one after the other. */
const EMAIL_BATCH = 10;

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
  await jobs.work<ReminderJob>(REMINDER_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    // A bounded run; what is left goes to a continuation job (see runReminderJob).
    if (job) return runReminderJob(deps, job);
  });
  await jobs.work('maintenance.hourly', async () => {
    await deleteExpiredRateLimits(db, clock.now());
    await sweepAbandonedUploads(deps);
    // File times are the real clock's.
    await deps.storage.sweepPartials(new Date(Date.now() - PARTIAL_UPLOAD_MAX_AGE_MS));
    await purgeSentEmails(db, clock.now());
    await encryptEarlierDocuments(deps);
  });
  await jobs.schedule('maintenance.hourly', '17 * * * *');
  await jobs.work('messages.unread-emails', async () => {
    await sendUnreadMessageEmails(deps);
  });
  await jobs.schedule('messages.unread-emails', '* * * * *');
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
}
