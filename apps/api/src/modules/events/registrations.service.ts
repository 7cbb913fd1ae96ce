import type {
  TAttendanceResult,
  TLocale,
  TRegistration,
  TRegistrationPage,
  TRegistrationResult,
  TRegistrationStatus,
} from '@capitune/contracts';
import { and, asc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import { eventRegistrations, events, users } from '../../db/schema';
import { decodeOrderCursor, encodeOrderCursor } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import type { AuthUser } from '../../lib/tokens';
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
  peopleById,
  type Viewer,
} from './events.common';
import { registrationConfirmedEmail, seatAvailableEmail, waitlistedEmail } from './events.emails';
import { scheduleReminders } from './reminders';

type RegistrationRow = typeof eventRegistrations.$inferSelect;

/** The event row, locked for the rest of the transaction: every seat decision of an event is serialised. */
async function lockEvent(tx: Transaction, eventId: string): Promise<EventRow | undefined> {
  const [event] = await tx.db.select().from(events).where(eq(events.id, eventId)).for('update');
  return event;
}

async function registeredCount(tx: Transaction, eventId: string): Promise<number> {
  const [row] = await tx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'registered')));
  return row?.count ?? 0;
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

async function recipientOf(tx: Transaction, userId: string) {
  const [user] = await tx.db
    .select({
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      timeZone: users.timeZone,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError('NOT_FOUND', 'This account no longer exists');
  return user;
}

async function hostNameOf(tx: Transaction, event: EventRow): Promise<string> {
  return fullName((await peopleById(tx.db, [event.hostId])).get(event.hostId));
}

/** Registrations are accepted for a scheduled event until its end (late-comers may join a live one). */
export const registrationOpen = (event: EventRow, now: Date) =>
  event.status === 'scheduled' && now < event.endsAt;

/**
 * Registers the viewer: a seat while there are some, the waitlist beyond the capacity. The event row is
 * locked while seats are counted, so the capacity holds under any number of simultaneous registrations.
 * Registering again while registered or waitlisted changes nothing (`created: false`).
 */
export async function register(
  deps: AppDeps,
  viewer: AuthUser,
  eventId: string,
): Promise<{ created: boolean; result: TRegistrationResult }> {
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const event = assertVisible(viewer, await lockEvent(tx, eventId), await coHostIdsOf(tx.db, eventId));
    const [existing] = await tx.db
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, viewer.id)));
    if (existing && existing.status !== 'cancelled') {
      return { created: false, result: await toResult(tx, existing) };
    }
    if (!registrationOpen(event, now)) {
      throw new AppError(
        'REGISTRATION_CLOSED',
        event.status === 'cancelled'
          ? 'This webinar was cancelled'
          : event.status === 'draft'
            ? 'This webinar is not published yet'
            : 'This webinar has ended',
      );
    }
    const seat = event.capacity === null || (await registeredCount(tx, eventId)) < event.capacity;
    const values = {
      status: seat ? ('registered' as const) : ('waitlisted' as const),
      queuedAt: now,
      seatAt: seat ? now : null,
      cancelledAt: null,
      updatedAt: now,
    };
    // A new row takes the next number of the queue_order sequence; coming back after a cancellation
    // takes a new one too (back of the line). The event's lock keeps the numbers in arrival order.
    const [row] = existing
      ? await tx.db
          .update(eventRegistrations)
          .set({
            ...values,
            queueOrder: sql`nextval(pg_get_serial_sequence('event_registrations', 'queue_order'))`,
          })
          .where(eq(eventRegistrations.id, existing.id))
          .returning()
      : await tx.db
          .insert(eventRegistrations)
          .values({ ...values, eventId, userId: viewer.id, createdAt: now })
          .returning();
    if (!row) throw new Error('registration write returned nothing');

    // Reminders are queued when the event is published; queueing them again is a no-op while they wait
    // (same singleton key). This covers events made without the job queue (the demo seed).
    await scheduleReminders(deps, tx, event);

    const recipient = await recipientOf(tx, viewer.id);
    const content = forEmail(deps, event, await hostNameOf(tx, event));
    const result = await toResult(tx, row);
    if (row.status === 'registered') {
      const ics = eventIcs(deps, event, content.hostName);
      await deps.outbox.enqueue(tx, registrationConfirmedEmail(recipient, content, ics));
    } else {
      await deps.outbox.enqueue(tx, waitlistedEmail(recipient, content, result.waitlistPosition ?? 1));
    }
    return { created: true, result };
  });
}

async function toResult(tx: Transaction, row: RegistrationRow): Promise<TRegistrationResult> {
  if (row.status === 'cancelled') throw new Error('a cancelled registration has no result');
  return {
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? await waitlistPosition(tx.db, row) : null,
    registeredAt: row.queuedAt.toISOString(),
  };
}

/**
 * Gives free seats to the waitlist, first come first served, in the caller's transaction (which holds the
 * event's lock). Each promoted person is notified and emailed the calendar file.
 */
export async function promoteFromWaitlist(deps: AppDeps, tx: Transaction, event: EventRow): Promise<number> {
  const now = deps.clock.now();
  if (!registrationOpen(event, now)) return 0;
  const free = event.capacity === null ? null : event.capacity - (await registeredCount(tx, event.id));
  if (free !== null && free <= 0) return 0;
  const next = tx.db
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.queueOrder));
  const chosen = free === null ? await next : await next.limit(free);
  if (chosen.length === 0) return 0;
  const promoted = await tx.db
    .update(eventRegistrations)
    .set({ status: 'registered', seatAt: now, updatedAt: now })
    .where(
      inArray(
        eventRegistrations.id,
        chosen.map((row) => row.id),
      ),
    )
    .returning({ userId: eventRegistrations.userId });
  const content = forEmail(deps, event, await hostNameOf(tx, event));
  const ics = eventIcs(deps, event, content.hostName);
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
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const event = assertVisible(viewer, await lockEvent(tx, eventId), await coHostIdsOf(tx.db, eventId));
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
      .returning({ id: eventRegistrations.id });
    if (cancelled) await promoteFromWaitlist(deps, tx, event);
  });
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
  return new Intl.DateTimeFormat('sv-SE', {
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
