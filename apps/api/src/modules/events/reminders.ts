import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import { eventRegistrations, events, reminderDeliveries, users } from '../../db/schema';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { inTransaction } from '../../platform/jobs/jobs';
import { notify } from '../notifications/notifications.service';
import { eventPath, forEmail, fullName, HOUR, MINUTE } from './events.common';
import { reminderEmail } from './events.emails';

export type ReminderKind = '24h' | '1h';

export const REMINDER_QUEUE = 'events.reminder';

/** How long before the start each reminder is due. */
export const reminderOffsets: Record<ReminderKind, number> = { '24h': 24 * HOUR, '1h': HOUR };

/** A job: the reminders of one kind for one event, for the start time it was scheduled for. */
export interface ReminderJob {
  eventId: string;
  kind: ReminderKind;
  /** ISO instant; a job whose start time is no longer the event's is stale and sends nothing. */
  startsAt: string;
}

const singletonKey = (job: ReminderJob) => `${job.eventId}:${job.kind}:${job.startsAt}`;

/**
 * Queues the event's reminders in the caller's transaction, each due at its time before the start.
 * A reminder whose time has already passed is not queued: registrants then get only those still ahead.
 * Returns the job ids, kept on the event so that a change of time or a cancellation can cancel them.
 */
export async function scheduleReminders(
  deps: AppDeps,
  tx: Transaction,
  event: { id: string; startsAt: Date },
): Promise<string[]> {
  const now = deps.clock.now();
  const ids: string[] = [];
  for (const kind of Object.keys(reminderOffsets) as ReminderKind[]) {
    const dueAt = new Date(event.startsAt.getTime() - reminderOffsets[kind]);
    if (dueAt <= now) continue;
    const data: ReminderJob = { eventId: event.id, kind, startsAt: event.startsAt.toISOString() };
    const id = await deps.jobs.send(REMINDER_QUEUE, data, {
      startAfter: dueAt,
      singletonKey: singletonKey(data),
      ...inTransaction(tx.client),
    });
    if (id) ids.push(id);
  }
  return ids;
}

/** Cancels queued reminder jobs in the caller's transaction (the handler would skip them anyway). */
export async function cancelReminderJobs(deps: AppDeps, tx: Transaction, ids: string[]): Promise<void> {
  if (ids.length > 0) await deps.jobs.cancel(REMINDER_QUEUE, ids, inTransaction(tx.client));
}

export interface ReminderOutcome {
  sent: number;
  skipped?: 'stale' | 'early' | 'late';
}

const PAGE = 200;

/**
 * The job handler. Sends the reminder to each person registered (with a seat) at the time it was due,
 * in their language and time zone, as their preferences allow. Exactly once per registration, kind and
 * start time, however many workers run it and however often it is retried: each sending claims a row of
 * `reminder_deliveries` in the transaction that writes the email to the outbox, so a crash before the
 * commit leaves no claim (the retry sends) and a claim means the email is stored.
 *
 * `onClaimed` runs after the claim and before the commit (tests inject a crash there).
 */
export async function sendEventReminders(
  deps: AppDeps,
  job: ReminderJob,
  options: { onClaimed?: () => Promise<void> | void } = {},
): Promise<ReminderOutcome> {
  const now = deps.clock.now();
  const startsAt = new Date(job.startsAt);
  const [event] = await deps.db.select().from(events).where(eq(events.id, job.eventId));
  // Cancelled, unpublished, deleted or moved since the job was queued.
  if (event?.status !== 'scheduled' || event.startsAt.getTime() !== startsAt.getTime()) {
    return { sent: 0, skipped: 'stale' };
  }
  const dueAt = new Date(startsAt.getTime() - reminderOffsets[job.kind]);
  if (now.getTime() < dueAt.getTime() - MINUTE) return { sent: 0, skipped: 'early' };
  // A job run very late (workers down) does not send a reminder that no longer makes sense:
  // the 24-hour one once the 1-hour mark has passed, the 1-hour one once the event has started.
  const tooLateAt = job.kind === '24h' ? startsAt.getTime() - reminderOffsets['1h'] : startsAt.getTime();
  if (now.getTime() >= tooLateAt) return { sent: 0, skipped: 'late' };

  const [host] = await deps.db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, event.hostId));
  const content = forEmail(deps, event, fullName(host));

  let sent = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await deps.db
      .select({ id: eventRegistrations.id, userId: eventRegistrations.userId })
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          eq(eventRegistrations.status, 'registered'),
          // Those who had a seat when the reminder was due: a later registration waits for the next one.
          lte(eventRegistrations.seatAt, dueAt),
          gt(eventRegistrations.id, after),
        ),
      )
      .orderBy(asc(eventRegistrations.id))
      .limit(PAGE);
    for (const registration of page) {
      const delivered = await withTransaction(deps.pool, async (tx) => {
        // Still registered and the event still as it was, read under lock: a cancellation that commits
        // first is seen, one that comes later waits for this reminder.
        const current = await tx.client.query<{ registration: string; event: string; starts_at: Date }>(
          `select r.status as registration, e.status as event, e.starts_at
             from event_registrations r join events e on e.id = r.event_id
            where r.id = $1 for share`,
          [registration.id],
        );
        const row = current.rows[0];
        if (
          row?.registration !== 'registered' ||
          row.event !== 'scheduled' ||
          row.starts_at.getTime() !== startsAt.getTime()
        ) {
          return false;
        }
        const [claimed] = await tx.db
          .insert(reminderDeliveries)
          .values({ registrationId: registration.id, kind: job.kind, startsAt, sentAt: now })
          .onConflictDoNothing()
          .returning({ registrationId: reminderDeliveries.registrationId });
        if (!claimed) return false;
        await options.onClaimed?.();
        await notify(deps, tx, {
          userId: registration.userId,
          type: 'webinar_reminder',
          params: { eventId: event.id, title: event.title, startsAt: startsAt.toISOString(), kind: job.kind },
          link: eventPath(event.id),
          email: (recipient) => reminderEmail(recipient, content, job.kind),
        });
        return true;
      });
      if (delivered) sent += 1;
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = last.id;
  }
  return { sent };
}
