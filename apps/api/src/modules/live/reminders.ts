import { performance } from 'node:perf_hooks';
import type { AppDeps } from '../../deps';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { inTransaction } from '../../platform/jobs/jobs';
import { notify } from '../notifications';
import { eventPath, forEmail, fullName, HOUR, MINUTE } from './live.common';
import { reminderEmail } from './live.emails';
import { eventById } from './live.queries';
import {
  claimDelivery,
  lockEventsWithoutReminders,
  nameOf,
  registrationsToRemind,
  setReminderJobIds,
  shareRegistrationState,
} from './reminders.queries';

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
  /**
   * A continuation (queued by a run that used up its time): the registrations up to this id were handled
   * by the runs before it, in order of id.
   */
  after?: string;
}

const singletonKey = (job: ReminderJob) => `${job.eventId}:${job.kind}:${job.startsAt}`;

/**
 * Queues the event's reminders in the caller's transaction, each due at its time before the start.
 * A reminder whose time has already passed is not queued: registrants then get only those still ahead.
 * Returns the job ids, kept on the event so that a change of time or a cancellation can cancel them.
 */
export async function scheduleReminders(
  deps: Pick<AppDeps, 'jobs' | 'clock'>,
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

/** Events handled per transaction by {@link queueMissingReminders}. */
const MISSING_BATCH = 100;

/**
 * Queues the reminders of every published upcoming webinar that has none queued: those made without the
 * job queue, by the demo seed and the benchmark data set (the API queues them when it publishes). Run
 * once pg-boss is up, at each start (`main.ts`); an event whose reminders are queued is not touched
 * again, and queueing one twice is a no-op anyway (same singleton key, `short` policy). Each event is
 * locked while its reminders are queued, as a change of its time does, and its job ids are kept so that
 * a later change or cancellation cancels them. Returns the number of events handled.
 */
export async function queueMissingReminders(deps: Pick<AppDeps, 'pool' | 'jobs' | 'clock'>): Promise<number> {
  // The 1-hour reminder is the last one: an event starting within the hour has nothing left to queue.
  const startsAfter = new Date(deps.clock.now().getTime() + reminderOffsets['1h']);
  let handled = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await withTransaction(deps.pool, async (tx) => {
      const rows = await lockEventsWithoutReminders(tx, startsAfter, after, MISSING_BATCH);
      for (const event of rows) {
        const jobIds = await scheduleReminders(deps, tx, event);
        if (jobIds.length > 0) await setReminderJobIds(tx.db, event.id, jobIds);
      }
      return rows;
    });
    handled += batch.length;
    const last = batch.at(-1);
    if (!last || batch.length < MISSING_BATCH) return handled;
    after = last.id;
  }
}

/** Cancels queued reminder jobs in the caller's transaction (the handler would skip them anyway). */
export async function cancelReminderJobs(deps: AppDeps, tx: Transaction, ids: string[]): Promise<void> {
  if (ids.length > 0) await deps.jobs.cancel(REMINDER_QUEUE, ids, inTransaction(tx.client));
}

export interface ReminderOutcome {
  sent: number;
  skipped?: 'stale' | 'early' | 'late';
  /** The run used up its time: the registrations after this id are left to a continuation. */
  continueAfter?: string;
}

const PAGE = 200;

export interface ReminderRunOptions {
  /** Runs after each claim and before its commit (tests inject a crash or a delay there). */
  onClaimed?: () => Promise<void> | void;
}

/**
 * The `events.reminder` job handler: one run of {@link sendEventReminders} bounded to a quarter of the
 * job's expiry, then, if registrations are left, a continuation job queued as the first one was (same
 * queue, singleton key and expiry) that starts after the last registration handled.
 *
 * Why bounded: pg-boss takes a job over from a dead worker only once it has expired, so the expiry
 * is short (minutes, `JOBS_EXPIRE_SECONDS`) for a killed worker's batch to resume in time; a healthy run
 * must then end well before it, whatever the number of registrants, or it would be retried while still
 * running. Overlaps (a retry next to a continuation, two continuations) send nothing twice: the claims.
 */
export async function runReminderJob(
  deps: AppDeps,
  job: { data: ReminderJob; expireInSeconds: number },
  options: ReminderRunOptions = {},
): Promise<ReminderOutcome> {
  // A number since pg-boss 11 (`expire_seconds`); pg-boss 10 handed over a string (EXTRACT, a numeric).
  const expireInSeconds = Number(job.expireInSeconds);
  const outcome = await sendEventReminders(deps, job.data, {
    ...options,
    budgetMs: (expireInSeconds * 1000) / 4,
  });
  if (outcome.continueAfter) {
    const next: ReminderJob = { ...job.data, after: outcome.continueAfter };
    // Dropped by the `short` policy when a continuation of this reminder already waits: it starts at or
    // before this point (the runs behind each continuation cover every registration before its start).
    await deps.jobs.send(REMINDER_QUEUE, next, {
      singletonKey: singletonKey(job.data),
      expireInSeconds,
    });
  }
  return outcome;
}

/**
 * Sends the reminder to each person registered (with a seat) at the time it was due, in their language
 * and time zone, as their preferences allow. Exactly once per registration, kind and start time, however
 * many workers run it and however often it is retried: each sending claims a row of
 * `reminder_deliveries` in the transaction that writes the email to the outbox, so a crash before the
 * commit leaves no claim (the retry sends) and a claim means the email is stored. Registrations already
 * claimed are not read again, so a retry after a crash starts where the claims end.
 *
 * With `budgetMs`, stops taking new registrations once that time is spent (after at least one) and
 * returns where it stopped, for a continuation.
 */
export async function sendEventReminders(
  deps: AppDeps,
  job: ReminderJob,
  options: ReminderRunOptions & { budgetMs?: number } = {},
): Promise<ReminderOutcome> {
  const deadline =
    options.budgetMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.budgetMs;
  const now = deps.clock.now();
  const startsAt = new Date(job.startsAt);
  const event = await eventById(deps.db, job.eventId);
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

  const content = forEmail(deps, event, fullName(await nameOf(deps.db, event.hostId)));

  let sent = 0;
  let handled = 0;
  let after = job.after ?? '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const reminder = { eventId: event.id, kind: job.kind, startsAt, dueAt };
    const page = await registrationsToRemind(deps.db, reminder, after, PAGE);
    for (const registration of page) {
      if (handled > 0 && performance.now() >= deadline) return { sent, continueAfter: after };
      const delivered = await withTransaction(deps.pool, async (tx) => {
        // Still registered and the event still as it was, read under lock: a cancellation that commits
        // first is seen, one that comes later waits for this reminder.
        const row = await shareRegistrationState(tx, registration.id);
        if (
          row?.registration !== 'registered' ||
          row.event !== 'scheduled' ||
          row.startsAt.getTime() !== startsAt.getTime()
        ) {
          return false;
        }
        const claim = { registrationId: registration.id, kind: job.kind, startsAt, sentAt: now };
        if (!(await claimDelivery(tx, claim))) return false;
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
      handled += 1;
      after = registration.id;
    }
    if (page.length < PAGE) break;
  }
  return { sent };
}
