import type { TRegistrationStatus } from '@capitune/contracts';
import { and, asc, eq, getTableColumns, gt, isNotNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { eventRegistrations, events, users } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import type { Transaction } from '../../platform/db/transaction';

/** Every statement of the registrations: seats, the waitlist, attendance, the hosts' lists and exports. */

export type RegistrationRow = typeof eventRegistrations.$inferSelect;

const hostUser = alias(users, 'host');
const viewerUser = alias(users, 'viewer');

/**
 * The event row, locked for the rest of the transaction, with the host's name and the viewer's email
 * details in the same statement (two primary-key lookups).
 */
export async function lockEventWithPeople(tx: Transaction, eventId: string, viewerId: string) {
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
  return row;
}

/** 1 for the first in line, by order of arrival. */
export async function waitlistPosition(
  db: Database,
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

/** A user's registration on an event, whatever its status. */
export async function registrationOf(
  db: Database,
  eventId: string,
  userId: string,
): Promise<RegistrationRow | undefined> {
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, userId)));
  return row;
}

/**
 * A registration written: a new row takes the next number of the queue_order sequence; coming back after
 * a cancellation takes a new one too (back of the line). The event's lock keeps the numbers in arrival
 * order. A registration still active is left as it is: nothing is returned.
 */
const upsertStatement = (db: Database) =>
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

/** The registration written (see `upsertStatement`), or undefined if an active one was there. */
export async function upsertRegistration(
  tx: Transaction,
  values: {
    event: string;
    user: string;
    status: 'registered' | 'waitlisted';
    now: Date;
    seatAt: Date | null;
  },
) {
  const [row] = await builtQuery(tx.db, 'registrations.upsert', upsertStatement).execute(values);
  return row;
}

/** Gives up to `free` seats (all with null) to the waitlist, first come first served: the users promoted. */
export async function promoteWaitlisted(tx: Transaction, eventId: string, free: number | null, now: Date) {
  const next = tx.db
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.queueOrder));
  return tx.db
    .update(eventRegistrations)
    .set({ status: 'registered', seatAt: now, updatedAt: now })
    .where(sql`${eventRegistrations.id} in ${free === null ? next : next.limit(free)}`)
    .returning({ userId: eventRegistrations.userId });
}

/** Cancels a user's active registration: whether it held a seat, or undefined if there was none. */
export async function cancelActiveRegistration(tx: Transaction, eventId: string, userId: string, now: Date) {
  const [cancelled] = await tx.db
    .update(eventRegistrations)
    .set({ status: 'cancelled', cancelledAt: now, seatAt: null, updatedAt: now })
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.userId, userId),
        anyOf(eventRegistrations.status, ['registered', 'waitlisted']),
      ),
    )
    // The subquery reads the row as it was before this statement: whether it held a seat.
    .returning({
      heldSeat: sql<boolean>`(select r.status = 'registered' from event_registrations r
          where r.id = event_registrations.id)`,
    });
  return cancelled;
}

/** A user's registration with a seat on an event. */
export async function seatOf(db: Database, eventId: string, userId: string) {
  const [registration] = await db
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.userId, userId),
        eq(eventRegistrations.status, 'registered'),
      ),
    );
  return registration;
}

/** Attendance recorded: the first arrival kept, the last sight moved. */
export async function markAttended(db: Database, registrationId: string, now: Date) {
  const [updated] = await db
    .update(eventRegistrations)
    .set({ attendedAt: sql`coalesce(${eventRegistrations.attendedAt}, ${now})`, lastSeenAt: now })
    .where(eq(eventRegistrations.id, registrationId))
    .returning({ attendedAt: eventRegistrations.attendedAt });
  return updated;
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

export type RegistrationListRow = {
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

/** One status of an event's registrations in registration order, after `after` (a queue order). */
export async function registrationPage(
  db: Database,
  eventId: string,
  status: TRegistrationStatus,
  after: number | null,
  limit: number,
): Promise<RegistrationListRow[]> {
  return db
    .select(registrationColumns)
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.status, status),
        after !== null ? gt(eventRegistrations.queueOrder, after) : undefined,
      ),
    )
    .orderBy(asc(eventRegistrations.queueOrder))
    .limit(limit);
}

export async function registrationCounts(db: Database, eventId: string) {
  const [counts] = await db
    .select({
      registered: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'registered')::int`,
      waitlisted: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'waitlisted')::int`,
      cancelled: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'cancelled')::int`,
      attended: sql<number>`count(*) filter (where ${isNotNull(eventRegistrations.attendedAt)})::int`,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId));
  return counts;
}

/** The seats, then the waitlist in order, at most `max`. */
export async function activeRegistrationList(
  db: Database,
  eventId: string,
  max: number,
): Promise<RegistrationListRow[]> {
  return db
    .select(registrationColumns)
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        anyOf(eventRegistrations.status, ['registered', 'waitlisted']),
      ),
    )
    .orderBy(
      sql`case when ${eventRegistrations.status} = 'registered' then 0 else 1 end`,
      asc(eventRegistrations.queueOrder),
    )
    .limit(max);
}

export async function localeOf(db: Database, userId: string) {
  const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return user?.locale;
}
