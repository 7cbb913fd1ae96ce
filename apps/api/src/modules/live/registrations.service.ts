import type {
  TAttendanceResult,
  TLocale,
  TRegistration,
  TRegistrationPage,
  TRegistrationResult,
  TRegistrationStatus,
} from '@capitune/contracts';
import { and, asc, eq, getTableColumns, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { eventRegistrations, events, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { decodeOrderCursor, encodeOrderCursor } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import { dateTimeFormat } from '../../lib/intl';
import type { AuthUser } from '../../lib/tokens';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { recordAudit } from '../audit/audit.service';
import { notify } from '../notifications/notifications.service';
import { csvDocument } from './csv';
import {
  assertVisible,
  canManage,
  coHostIdsOf,
  type EventRow,
  eventIcs,
  eventPath,
  forEmail,
  fullName,
  type Viewer,
} from './live.common';
import { registrationConfirmedEmail, seatAvailableEmail, waitlistedEmail } from './live.emails';

type RegistrationRow = typeof eventRegistrations.$inferSelect;

const hostUser = alias(users, 'host');
const viewerUser = alias(users, 'viewer');

interface LockedEvent {
  event: EventRow;
  /** The host's name, as emails and calendar files show it. */
  hostName: string;
  /** The viewer as an email recipient; null if their account no longer exists. */
  recipient: { email: string; firstName: string; locale: TLocale; timeZone: string } | null;
}

/**
 * The event row, locked for the rest of the transaction: every seat decision of an event is serialised.
 * While the lock is held its `seats_taken` is exact: the trigger that keeps it (migration 0010) updates
 * this row whenever a registration takes or frees a seat, so no other transaction can move it before this
 * one ends, and this one's own changes move it too. The host's name and the viewer's email details come
 * in the same statement (two primary-key lookups), as the emails of a registration need both.
 */
async function lockEvent(
  tx: Transaction,
  eventId: string,
  viewerId: string,
): Promise<LockedEvent | undefined> {
  const [row] = await builtQuery(tx.db, 'registrations.lock_event', (db) =>
    db
      .select({
        event: events,
        host: { firstName: hostUser.firstName, lastName: hostUser.lastName },
        recipient: {
          email: viewerUser.email,
          firstName: viewerUser.firstName,
          locale: viewerUser.locale,
          timeZone: viewerUser.timeZone,
        },
      })
      .from(events)
      .leftJoin(hostUser, eq(hostUser.id, events.hostId))
      .leftJoin(viewerUser, eq(viewerUser.id, sql.placeholder('viewer')))
      .where(eq(events.id, sql.placeholder('event')))
      .for('update', { of: events }),
  ).execute({ viewer: viewerId, event: eventId });
  if (!row) return undefined;
  return { event: row.event, hostName: fullName(row.host ?? undefined), recipient: row.recipient };
}

/**
 * The locked event, if the viewer may see it (404 otherwise). Co-hosts decide only for an event never
 * published that the viewer neither hosts nor administers, so they are read only then.
 */
async function lockVisibleEvent(tx: Transaction, viewer: AuthUser, eventId: string): Promise<LockedEvent> {
  const locked = await lockEvent(tx, eventId, viewer.id);
  const coHostsDecide =
    locked !== undefined && locked.event.publishedAt === null && !canManage(viewer, locked.event, []);
  assertVisible(viewer, locked?.event, coHostsDecide ? await coHostIdsOf(tx.db, eventId) : []);
  if (!locked) throw new AppError('NOT_FOUND', 'No such webinar');
  return locked;
}

/** 1 for the first in line, by order of arrival. */
async function waitlistPosition(
  db: AppDeps['db'],
  registration: Pick<RegistrationRow, 'eventId' | 'queueOrder'>,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, registration.eventId),
        eq(eventRegistrations.status, 'waitlisted'),
        lte(eventRegistrations.queueOrder, registration.queueOrder),
      ),
    );
  return row?.count ?? 1;
}

/** Registrations are accepted for a scheduled event until its end (late-comers may join a live one). */
export const registrationOpen = (event: EventRow, now: Date) =>
  event.status === 'scheduled' && now < event.endsAt;

/** The viewer's registration on an event, unless cancelled. */
async function activeRegistration(tx: Transaction, eventId: string, userId: string) {
  const [row] = await tx.db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
  return row && row.status !== 'cancelled' ? row : undefined;
}

/**
 * A registration written: a new row takes the next number of the queue_order sequence; coming back after
 * a cancellation takes a new one too (back of the line). The event's lock keeps the numbers in arrival
 * order. A registration still active is left as it is: nothing is returned.
 */
const upsertRegistration = (db: Database) =>
  db
    .insert(eventRegistrations)
    .values({
      eventId: sql.placeholder('event'),
      userId: sql.placeholder('user'),
      status: sql.placeholder('status'),
      queuedAt: sql.placeholder('now'),
      // Inside sql``: drizzle's timestamp encoder would be given the null of a waitlisted registration.
      seatAt: sql`${sql.placeholder('seatAt')}`,
      cancelledAt: null,
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .onConflictDoUpdate({
      target: [eventRegistrations.eventId, eventRegistrations.userId],
      set: {
        status: sql`excluded.status`,
        queuedAt: sql`excluded.queued_at`,
        seatAt: sql`excluded.seat_at`,
        cancelledAt: null,
        updatedAt: sql`excluded.updated_at`,
        queueOrder: sql`nextval(pg_get_serial_sequence('event_registrations', 'queue_order'))`,
      },
      setWhere: eq(eventRegistrations.status, 'cancelled'),
    })
    .returning({
      ...getTableColumns(eventRegistrations),
      // The statement sees the registrations as they were before it: those ahead in line, not this one.
      // (Columns named in full: in a RETURNING list drizzle leaves them unqualified.)
      ahead: sql<number | null>`case when event_registrations.status = 'waitlisted' then (
        select count(*)::int from event_registrations w
         where w.event_id = event_registrations.event_id and w.status = 'waitlisted'
           and w.queue_order < event_registrations.queue_order) end`,
    });

/**
 * Registers the viewer: a seat while there are some, the waitlist beyond the capacity. The event row is
 * locked while the seats taken are read from it, so the capacity holds under any number of simultaneous
 * registrations. Registering again while registered or waitlisted changes nothing (`created: false`).
 */
export async function register(
  deps: AppDeps,
  viewer: AuthUser,
  eventId: string,
): Promise<{ created: boolean; result: TRegistrationResult }> {
  const outcome = await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { event, hostName, recipient: viewerAsRecipient } = await lockVisibleEvent(tx, viewer, eventId);
    if (!registrationOpen(event, now)) {
      const existing = await activeRegistration(tx, eventId, viewer.id);
      if (existing) return { created: false, result: await toResult(tx, existing) };
      throw new AppError(
        'REGISTRATION_CLOSED',
        event.status === 'cancelled'
          ? 'This webinar was cancelled'
          : event.status === 'draft'
            ? 'This webinar is not published yet'
            : 'This webinar has ended',
      );
    }
    if (!viewerAsRecipient) throw new AppError('NOT_FOUND', 'This account no longer exists');
    const seat = event.capacity === null || event.seatsTaken < event.capacity;
    const [row] = await builtQuery(tx.db, 'registrations.upsert', upsertRegistration).execute({
      event: eventId,
      user: viewer.id,
      status: seat ? 'registered' : 'waitlisted',
      now,
      seatAt: seat ? now : null,
    });
    if (!row) {
      const existing = await activeRegistration(tx, eventId, viewer.id);
      if (!existing) throw new Error('registration upsert returned nothing');
      return { created: false, result: await toResult(tx, existing) };
    }
    const result: TRegistrationResult =
      row.status === 'waitlisted'
        ? {
            status: row.status,
            waitlistPosition: (row.ahead ?? 0) + 1,
            registeredAt: row.queuedAt.toISOString(),
          }
        : await toResult(tx, row);
    const content = forEmail(deps, event, hostName);
    if (row.status === 'registered') {
      const ics = eventIcs(deps, event, hostName);
      await deps.outbox.enqueue(tx, registrationConfirmedEmail(viewerAsRecipient, content, ics));
    } else {
      await deps.outbox.enqueue(
        tx,
        waitlistedEmail(viewerAsRecipient, content, result.waitlistPosition ?? 1),
      );
    }
    return { created: true, result };
  });
  // A seat taken shows in every calendar list.
  if (outcome.created && outcome.result.status === 'registered') {
    await deps.readCache.invalidate('live_calendar');
  }
  return outcome;
}

/** A registrant's status and place in line (the waitlist position is counted only for the waitlisted). */
async function toResult(tx: Transaction, row: RegistrationRow): Promise<TRegistrationResult> {
  if (row.status === 'cancelled') throw new Error('a cancelled registration has no result');
  return {
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? await waitlistPosition(tx.db, row) : null,
    registeredAt: row.queuedAt.toISOString(),
  };
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
  const next = tx.db
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.queueOrder));
  const promoted = await tx.db
    .update(eventRegistrations)
    .set({ status: 'registered', seatAt: now, updatedAt: now })
    .where(inArray(eventRegistrations.id, free === null ? next : next.limit(free)))
    .returning({ userId: eventRegistrations.userId });
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
 * Cancels the viewer's registration (nothing to do when there is none). A freed seat goes to the first
 * person on the waitlist in the same transaction.
 */
export async function cancelRegistration(deps: AppDeps, viewer: AuthUser, eventId: string): Promise<void> {
  const seatFreed = await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { event, hostName } = await lockVisibleEvent(tx, viewer, eventId);
    const [cancelled] = await tx.db
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: now, seatAt: null, updatedAt: now })
      .where(
        and(
          eq(eventRegistrations.eventId, eventId),
          eq(eventRegistrations.userId, viewer.id),
          inArray(eventRegistrations.status, ['registered', 'waitlisted']),
        ),
      )
      // The subquery reads the row as it was before this statement: whether it held a seat.
      .returning({
        heldSeat: sql<boolean>`(select r.status = 'registered' from event_registrations r
          where r.id = event_registrations.id)`,
      });
    if (!cancelled) return false;
    // The trigger took the freed seat off the event row; the row read under the lock is one behind.
    const seatsTaken = event.seatsTaken - (cancelled.heldSeat ? 1 : 0);
    await promoteFromWaitlist(deps, tx, { ...event, seatsTaken }, hostName);
    return cancelled.heldSeat;
  });
  if (seatFreed) await deps.readCache.invalidate('live_calendar');
}

/** The live page calls this when opened: recorded only for a registrant, between the start and the end. */
export async function recordAttendance(
  deps: AppDeps,
  viewer: AuthUser,
  eventId: string,
): Promise<TAttendanceResult> {
  const now = deps.clock.now();
  const [event] = await deps.db.select().from(events).where(eq(events.id, eventId));
  assertVisible(viewer, event, await coHostIdsOf(deps.db, eventId));
  const [registration] = await deps.db
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.userId, viewer.id),
        eq(eventRegistrations.status, 'registered'),
      ),
    );
  if (!registration) throw new AppError('FORBIDDEN', 'Only registered people are counted as attending');
  const during = event?.status === 'scheduled' && now >= event.startsAt && now < event.endsAt;
  if (!during) {
    return { counted: false, attendedAt: registration.attendedAt?.toISOString() ?? null };
  }
  const [updated] = await deps.db
    .update(eventRegistrations)
    .set({ attendedAt: sql`coalesce(${eventRegistrations.attendedAt}, ${now})`, lastSeenAt: now })
    .where(eq(eventRegistrations.id, registration.id))
    .returning({ attendedAt: eventRegistrations.attendedAt });
  return { counted: true, attendedAt: updated?.attendedAt?.toISOString() ?? null };
}

/** The viewer's registration on one event, with their place in line. */
export async function myRegistration(deps: AppDeps, viewer: Viewer, eventId: string) {
  if (!viewer) return null;
  const [row] = await deps.db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, viewer.id)));
  if (!row || row.status === 'cancelled') return null;
  return {
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? await waitlistPosition(deps.db, row) : null,
    registeredAt: row.queuedAt.toISOString(),
    attendedAt: row.attendedAt?.toISOString() ?? null,
  };
}

/** Hosts, co-hosts and admins only: 404 for a draft one cannot see, 403 for any other viewer. */
async function assertManager(deps: AppDeps, viewer: AuthUser, eventId: string): Promise<EventRow> {
  const [event] = await deps.db.select().from(events).where(eq(events.id, eventId));
  const coHostIds = await coHostIdsOf(deps.db, eventId);
  const visible = assertVisible(viewer, event, coHostIds);
  if (!canManage(viewer, visible, coHostIds)) {
    throw new AppError('FORBIDDEN', 'Only the hosts of this webinar can see its registrations');
  }
  return visible;
}

const registrationColumns = {
  id: eventRegistrations.id,
  status: eventRegistrations.status,
  queueOrder: eventRegistrations.queueOrder,
  queuedAt: eventRegistrations.queuedAt,
  cancelledAt: eventRegistrations.cancelledAt,
  attendedAt: eventRegistrations.attendedAt,
  userId: users.id,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
  // Correlated count on the (event, status, queue_order) index: no query per row.
  position: sql<number | null>`case when ${eventRegistrations.status} = 'waitlisted' then (
    select count(*)::int from event_registrations w
     where w.event_id = ${eventRegistrations.eventId} and w.status = 'waitlisted'
       and w.queue_order <= ${eventRegistrations.queueOrder}) end`,
};

type RegistrationListRow = {
  id: string;
  status: TRegistrationStatus;
  queueOrder: number;
  queuedAt: Date;
  cancelledAt: Date | null;
  attendedAt: Date | null;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  position: number | null;
};

function toRegistration(row: RegistrationListRow): TRegistration {
  return {
    id: row.id,
    user: { id: row.userId, firstName: row.firstName, lastName: row.lastName, email: row.email },
    status: row.status,
    waitlistPosition: row.position,
    registeredAt: row.queuedAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    attendedAt: row.attendedAt?.toISOString() ?? null,
  };
}

/** One status at a time, in registration order (the waitlist in its order), keyset-paginated. */
export async function listRegistrations(
  deps: AppDeps,
  viewer: AuthUser,
  eventId: string,
  query: { status: TRegistrationStatus; cursor?: string | undefined; limit: number },
): Promise<TRegistrationPage> {
  await assertManager(deps, viewer, eventId);
  const after = query.cursor ? decodeOrderCursor(query.cursor) : null;
  const rows = await deps.db
    .select(registrationColumns)
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.status, query.status),
        after !== null ? gt(eventRegistrations.queueOrder, after) : undefined,
      ),
    )
    .orderBy(asc(eventRegistrations.queueOrder))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const [counts] = await deps.db
    .select({
      registered: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'registered')::int`,
      waitlisted: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'waitlisted')::int`,
      cancelled: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'cancelled')::int`,
      attended: sql<number>`count(*) filter (where ${isNotNull(eventRegistrations.attendedAt)})::int`,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId));
  return {
    items: items.map(toRegistration),
    nextCursor: rows.length > query.limit && last ? encodeOrderCursor(last.queueOrder) : null,
    counts: counts ?? { registered: 0, waitlisted: 0, cancelled: 0, attended: 0 },
  };
}

/** The most rows an export holds; far above any webinar's audience. */
const CSV_MAX_ROWS = 20_000;

const csvHeaders: Record<TLocale, (timeZone: string) => string[]> = {
  fr: (timeZone) => [
    'Prénom',
    'Nom',
    'Courriel',
    'Statut',
    "Position sur la liste d'attente",
    `Inscrit le (${timeZone})`,
    'Présent',
    `Arrivé à (${timeZone})`,
  ],
  en: (timeZone) => [
    'First name',
    'Last name',
    'Email',
    'Status',
    'Waitlist position',
    `Registered at (${timeZone})`,
    'Attended',
    `Arrived at (${timeZone})`,
  ],
};
const statusLabel: Record<TLocale, Record<string, string>> = {
  fr: { registered: 'Inscrit', waitlisted: "Liste d'attente" },
  en: { registered: 'Registered', waitlisted: 'Waitlisted' },
};

/** "2026-12-01 13:05" in the event's time zone. */
function localDateTime(date: Date | null, timeZone: string): string {
  if (!date) return '';
  return dateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/**
 * The registrations (seats, then the waitlist in order) as CSV for Excel, headers in the requester's
 * language and times in the event's time zone. The export is written to the audit log.
 */
export async function exportRegistrationsCsv(
  deps: AppDeps,
  viewer: AuthUser,
  eventId: string,
  ip: string | undefined,
): Promise<{ filename: string; body: string }> {
  const event = await assertManager(deps, viewer, eventId);
  const [requester] = await deps.db
    .select({ locale: users.locale })
    .from(users)
    .where(eq(users.id, viewer.id));
  const locale: TLocale = requester?.locale ?? 'fr';
  const rows = await deps.db
    .select(registrationColumns)
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        inArray(eventRegistrations.status, ['registered', 'waitlisted']),
      ),
    )
    .orderBy(
      sql`case when ${eventRegistrations.status} = 'registered' then 0 else 1 end`,
      asc(eventRegistrations.queueOrder),
    )
    .limit(CSV_MAX_ROWS);
  const yes = locale === 'fr' ? 'Oui' : 'Yes';
  const no = locale === 'fr' ? 'Non' : 'No';
  const body = csvDocument([
    csvHeaders[locale](event.timeZone),
    ...rows.map((row) => [
      row.firstName,
      row.lastName,
      row.email,
      statusLabel[locale][row.status] ?? row.status,
      row.position === null ? '' : String(row.position),
      localDateTime(row.queuedAt, event.timeZone),
      row.attendedAt ? yes : no,
      localDateTime(row.attendedAt, event.timeZone),
    ]),
  ]);
  await recordAudit(deps.db, {
    actorId: viewer.id,
    action: 'event.registrations_exported',
    subjectType: 'event',
    subjectId: eventId,
    after: { rows: rows.length },
    ip: ip ?? null,
  });
  const date = localDateTime(event.startsAt, event.timeZone).slice(0, 10);
  return { filename: `${locale === 'fr' ? 'inscriptions' : 'registrations'}-${date}.csv`, body };
}
