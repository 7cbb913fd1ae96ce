import type { TLocale, TRegistrationResult } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, InvariantError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { notify } from '../notifications';
import { emitWebhookEventOfPro } from '../webhooks';
import { assertVisible, canManage, eventIcs, eventPath, forEmail, fullName } from './live.common';
import { registrationConfirmedEmail, seatAvailableEmail, waitlistedEmail } from './live.emails';
import { coHostIdsOf, type EventRow } from './live.queries';
import {
  cancelActiveRegistration,
  lockEventWithPeople,
  promoteWaitlisted,
  type RegistrationRow,
  registrationOf,
  upsertRegistration,
  waitlistPosition,
} from './registrations.queries';

/** Seats and the waitlist: registering, cancelling, the waitlist moving up. */

interface LockedEvent {
  event: EventRow;
  /** The host's name, as emails and calendar files show it. */
  hostName: string;
  /** The caller as an email recipient; null if their account no longer exists. */
  recipient: { email: string; firstName: string; locale: TLocale; timeZone: string } | null;
}

/**
 * The locked event, if the caller may see it (404 otherwise). The lock serialises every seat decision
 * of an event: while it is held the row's `seats_taken` is exact, as the trigger that keeps it
 * (migration 0010) updates this row whenever a registration takes or frees a seat, so no other
 * transaction can move it before this one ends, and this one's own changes move it too. Co-hosts decide
 * only for an event never published that the caller neither hosts nor administers, so they are read
 * only then.
 */
async function lockVisibleEvent(tx: Transaction, caller: Caller, eventId: string): Promise<LockedEvent> {
  const row = await lockEventWithPeople(tx, eventId, caller.id);
  const locked = row && {
    event: row.event,
    hostName: fullName(row.host ?? undefined),
    recipient: row.recipient,
  };
  const coHostsDecide =
    locked !== undefined && locked.event.publishedAt === null && !canManage(caller, locked.event, []);
  assertVisible(caller, locked?.event, coHostsDecide ? await coHostIdsOf(tx.db, eventId) : []);
  if (!locked) throw new AppError('NOT_FOUND', 'No such webinar');
  return locked;
}

/** Registrations are accepted for a scheduled event until its end (late-comers may join a live one). */
export const registrationOpen = (event: EventRow, now: Date) =>
  event.status === 'scheduled' && now < event.endsAt;

/** The caller's registration on an event, unless cancelled. */
async function activeRegistration(db: Database, eventId: string, userId: string) {
  const row = await registrationOf(db, eventId, userId);
  return row && row.status !== 'cancelled' ? row : undefined;
}

/** A registrant's status and place in line: the one mapper of `TRegistrationResult`. */
function toRegistrationResult(
  row: Pick<RegistrationRow, 'status' | 'queuedAt'>,
  position: number | null,
): TRegistrationResult {
  if (row.status === 'cancelled') throw new InvariantError('a cancelled registration has no result');
  return { status: row.status, waitlistPosition: position, registeredAt: row.queuedAt.toISOString() };
}

/** A registration's result, its waitlist position counted (only for the waitlisted). */
async function toResult(db: Database, row: RegistrationRow): Promise<TRegistrationResult> {
  const position = row.status === 'waitlisted' ? await waitlistPosition(db, row) : null;
  return toRegistrationResult(row, position);
}

function closedReason(event: EventRow): string {
  if (event.status === 'cancelled') return 'This webinar was cancelled';
  return event.status === 'draft' ? 'This webinar is not published yet' : 'This webinar has ended';
}

/**
 * Registers the caller: a seat while there are some, the waitlist beyond the capacity. The event row is
 * locked while the seats taken are read from it, so the capacity holds under any number of simultaneous
 * registrations. Registering again while registered or waitlisted changes nothing (`created: false`).
 */
export async function register(
  deps: AppDeps,
  caller: Caller,
  eventId: string,
): Promise<{ created: boolean; result: TRegistrationResult }> {
  const outcome = await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { event, hostName, recipient } = await lockVisibleEvent(tx, caller, eventId);
    if (!registrationOpen(event, now)) {
      const existing = await activeRegistration(tx.db, eventId, caller.id);
      if (existing) return { created: false, result: await toResult(tx.db, existing) };
      throw new AppError('REGISTRATION_CLOSED', closedReason(event));
    }
    if (!recipient) throw new AppError('NOT_FOUND', 'This account no longer exists');
    const seat = event.capacity === null || event.seatsTaken < event.capacity;
    const row = await upsertRegistration(tx, {
      event: eventId,
      user: caller.id,
      status: seat ? 'registered' : 'waitlisted',
      now,
      seatAt: seat ? now : null,
    });
    if (!row) {
      const existing = await activeRegistration(tx.db, eventId, caller.id);
      if (!existing) throw new InvariantError('registration upsert returned nothing');
      return { created: false, result: await toResult(tx.db, existing) };
    }
    // The statement counted those ahead in line: no second count for the waitlisted.
    const result =
      row.status === 'waitlisted'
        ? toRegistrationResult(row, (row.ahead ?? 0) + 1)
        : await toResult(tx.db, row);
    // The host's firm's tools: ids and the outcome, never who registered.
    await emitWebhookEventOfPro(deps, tx, {
      proId: event.hostId,
      type: 'webinar.registration_created',
      data: { eventId, registrationId: row.id, status: row.status },
    });
    const content = forEmail(deps, event, hostName);
    if (row.status === 'registered') {
      const ics = eventIcs(deps, event, hostName);
      await deps.outbox.enqueue(tx, registrationConfirmedEmail(recipient, content, ics));
    } else {
      await deps.outbox.enqueue(tx, waitlistedEmail(recipient, content, result.waitlistPosition ?? 1));
    }
    return { created: true, result };
  });
  // A seat taken shows in every calendar list.
  if (outcome.created && outcome.result.status === 'registered') {
    await deps.readCache.invalidate('live_calendar');
  }
  return outcome;
}

/**
 * Gives free seats to the waitlist, first come first served, in the caller's transaction, which holds the
 * event's lock and passes the event row as it stands now (its `seats_taken` included). Each promoted
 * person is notified and emailed the calendar file.
 */
export async function promoteFromWaitlist(
  deps: AppDeps,
  tx: Transaction,
  event: EventRow,
  hostName: string,
): Promise<number> {
  const now = deps.clock.now();
  if (!registrationOpen(event, now)) return 0;
  const free = event.capacity === null ? null : event.capacity - event.seatsTaken;
  if (free !== null && free <= 0) return 0;
  const promoted = await promoteWaitlisted(tx, event.id, free, now);
  if (promoted.length === 0) return 0;
  const content = forEmail(deps, event, hostName);
  const ics = eventIcs(deps, event, hostName);
  for (const { userId } of promoted) {
    await notify(deps, tx, {
      userId,
      type: 'webinar_seat_available',
      params: { eventId: event.id, title: event.title, startsAt: event.startsAt.toISOString() },
      link: eventPath(event.id),
      email: (recipient) => seatAvailableEmail(recipient, content, ics),
    });
  }
  return promoted.length;
}

/**
 * Cancels the caller's registration (nothing to do when there is none). A freed seat goes to the first
 * person on the waitlist in the same transaction.
 */
export async function cancelRegistration(deps: AppDeps, caller: Caller, eventId: string): Promise<void> {
  const seatFreed = await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { event, hostName } = await lockVisibleEvent(tx, caller, eventId);
    const cancelled = await cancelActiveRegistration(tx, eventId, caller.id, now);
    if (!cancelled) return false;
    // The trigger took the freed seat off the event row; the row read under the lock is one behind.
    const seatsTaken = event.seatsTaken - (cancelled.heldSeat ? 1 : 0);
    await promoteFromWaitlist(deps, tx, { ...event, seatsTaken }, hostName);
    return cancelled.heldSeat;
  });
  if (seatFreed) await deps.readCache.invalidate('live_calendar');
}

/** The viewer's registration on one event, with their place in line (null for anonymous visitors). */
export async function myRegistration(deps: AppDeps, viewer: Caller | null, eventId: string) {
  if (!viewer) return null;
  const row = await registrationOf(deps.db, eventId, viewer.id);
  if (!row || row.status === 'cancelled') return null;
  return { ...(await toResult(deps.db, row)), attendedAt: row.attendedAt?.toISOString() ?? null };
}
