import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { endedSuspensions } from './member-state.queries';
import { endSuspension } from './member-state.service';

/** The every-minute job that lifts timed suspensions on their end date. */
export const SUSPENSION_END_QUEUE = 'admin.suspension-end';

/** Members lifted per transaction: a long backlog is worked through in short transactions. */
const BATCH = 100;

/**
 * Lifts every suspension whose end has come (audited `user.suspension_ended`, no actor; the member
 * emailed), in batches; rows another run holds are skipped, so two instances never lift one twice.
 * Returns how many were lifted.
 */
export async function endTimedSuspensions(deps: AppDeps): Promise<number> {
  let lifted = 0;
  for (;;) {
    const now = deps.clock.now();
    const count = await withTransaction(deps.pool, async (tx) => {
      const ids = await endedSuspensions(tx.db, now, BATCH);
      for (const userId of ids) {
        if ((await endSuspension(deps, tx, { userId, now })).changed) lifted += 1;
      }
      return ids.length;
    });
    if (count < BATCH) return lifted;
  }
}
