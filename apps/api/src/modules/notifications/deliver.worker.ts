import type { TLocale, TNotificationType } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { queuePolicies } from '../../platform/jobs/jobs';
import type { ChannelOutcome } from './channel-delivery';
import { channelSender } from './channel-senders';
import { DELIVER_QUEUE } from './notifications.service';
import { isQueued, lockQueuedDelivery, setDeliveryOutcome } from './pipeline.queries';

/** A delivery another worker is sending right now: the job is retried, and then finds it done. */
export class DeliveryBusyError extends Error {
  override name = 'DeliveryBusyError';
}

/** A passing failure of the channel: thrown after the attempt is recorded, for pg-boss to retry. */
export class DeliveryRetryError extends Error {
  override name = 'DeliveryRetryError';
}

export interface DeliverJob {
  data: { id: string };
  /** pg-boss's count of the tries before this one. */
  retryCount?: number;
}

export type DeliverResult = 'done' | ChannelOutcome['status'];

/**
 * `notifications.deliver`: sends one push or text-message delivery of the log, once. The row is locked
 * (`FOR UPDATE SKIP LOCKED`) while its channel's sender runs and only a `queued` row is sent, so a retry
 * racing a slow first try waits (it is retried: busy) or finds it done; a killed worker's transaction
 * rolls back and a retry sends (at least once: the push payload's tag is the delivery id, so a repeat
 * replaces rather than adds). The sender is the one its module registered (`registerChannelSender`);
 * none means the channel is not available here: skipped.
 */
export async function runDeliverJob(deps: AppDeps, job: DeliverJob): Promise<DeliverResult> {
  const { retryLimit } = queuePolicies(deps.config.jobs)[DELIVER_QUEUE];
  const lastTry = (job.retryCount ?? 0) >= retryLimit;
  let retryReason: string | null = null;
  const result = await withTransaction(deps.pool, async (tx) => {
    const row = await lockQueuedDelivery(tx.db, job.data.id);
    if (!row) {
      if (await isQueued(tx.db, job.data.id)) return 'busy' as const;
      return 'done' as const;
    }
    let outcome: ChannelOutcome;
    if (row.channel !== 'push' && row.channel !== 'sms') {
      outcome = { status: 'skipped', reason: 'not_a_job_channel' };
    } else {
      const send = channelSender(row.channel);
      if (!send) outcome = { status: 'skipped', reason: 'channel_unavailable' };
      else {
        try {
          outcome = await send(
            deps,
            {
              id: row.id,
              notificationId: row.notificationId,
              userId: row.userId,
              type: row.type as TNotificationType,
              params: row.params,
              link: row.link,
              attempts: row.attempts,
            },
            {
              id: row.userId,
              locale: row.locale as TLocale,
              timeZone: row.timeZone,
              firstName: row.firstName,
            },
          );
        } catch (error) {
          outcome = { status: 'retry', reason: String(error).slice(0, 300) };
        }
      }
    }
    const now = deps.clock.now();
    if (outcome.status === 'retry' && !lastTry) {
      retryReason = outcome.reason;
      await setDeliveryOutcome(tx.db, row.id, {
        status: 'queued',
        reason: outcome.reason,
        sentAt: null,
        now,
      });
      return 'retry' as const;
    }
    if (outcome.status === 'sent') {
      await setDeliveryOutcome(tx.db, row.id, { status: 'sent', reason: null, sentAt: now, now });
      return 'sent' as const;
    }
    const status = outcome.status === 'retry' ? 'failed' : outcome.status;
    await setDeliveryOutcome(tx.db, row.id, { status, reason: outcome.reason, sentAt: null, now });
    return status;
  });
  if (result === 'busy')
    throw new DeliveryBusyError(`delivery ${job.data.id} is being sent by another worker`);
  if (result === 'retry') throw new DeliveryRetryError(retryReason ?? 'retry');
  return result;
}
