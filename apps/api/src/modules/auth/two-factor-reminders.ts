import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import type { QueueName } from '../../platform/jobs/jobs';
import { link } from './auth.shared';
import { SECURITY_PAGE, twoFactorReminderEmail } from './factor.emails';
import { TWO_FACTOR_GRACE_MS } from './two-factor-policy.service';
import { dueReminders, markReminderSent } from './two-factor-reminders.queries';

/** The daily job that reminds pros and admins to set up a second factor before their grace ends. */
export const TWO_FACTOR_REMINDERS_QUEUE = 'auth.two-factor-reminders' satisfies QueueName;

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

/**
 * Emails each pro or admin without an authenticator or a passkey 7, 3 and 1 days before their grace
 * ends, each reminder once: it is marked in the transaction that queues its email, so a second run (a
 * retry, another instance) finds it marked. A run that missed a day sends the step the person is at.
 * Returns how many were sent.
 */
export async function runTwoFactorReminders(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (;;) {
    const due = await dueReminders(deps.db, now, TWO_FACTOR_GRACE_MS, BATCH);
    for (const reminder of due) {
      await withTransaction(deps.pool, async (tx) => {
        if (!(await markReminderSent(tx.db, reminder))) return;
        const recipient = {
          email: reminder.email,
          firstName: reminder.first_name,
          locale: reminder.locale,
          timeZone: reminder.time_zone,
        };
        const graceEndsAt = new Date(reminder.grace_ends_at);
        const daysLeft = Math.ceil((graceEndsAt.getTime() - now.getTime()) / DAY_MS);
        await deps.outbox.enqueue(
          tx,
          twoFactorReminderEmail(recipient, graceEndsAt, daysLeft, link(deps, SECURITY_PAGE)),
        );
        sent += 1;
      });
    }
    if (due.length < BATCH) return sent;
  }
}
