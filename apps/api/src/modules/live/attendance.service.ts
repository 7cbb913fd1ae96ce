import type {
  TAttendanceResult,
  TLocale,
  TRegistration,
  TRegistrationPage,
  TRegistrationStatus,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { csvDocument } from '../../lib/csv';
import { cursorOf, decodeCursor, encodeCursor, isCursorOrder } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import { dateTimeFormat } from '../../lib/intl';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { assertVisible, canManage } from './live.common';
import { coHostIdsOf, type EventRow, eventById } from './live.queries';
import {
  activeRegistrationList,
  localeOf,
  markAttended,
  type RegistrationListRow,
  registrationCounts,
  registrationPage,
  seatOf,
} from './registrations.queries';

/** Who came: attendance as the live page records it, and the registrations as the hosts list and export them. */

/** The live page calls this when opened: recorded only for a registrant, between the start and the end. */
export async function recordAttendance(
  deps: AppDeps,
  caller: Caller,
  eventId: string,
): Promise<TAttendanceResult> {
  const now = deps.clock.now();
  const event = assertVisible(caller, await eventById(deps.db, eventId), await coHostIdsOf(deps.db, eventId));
  const registration = await seatOf(deps.db, eventId, caller.id);
  if (!registration) throw new AppError('FORBIDDEN', 'Only registered people are counted as attending');
  const during = event.status === 'scheduled' && now >= event.startsAt && now < event.endsAt;
  if (!during) {
    return { counted: false, attendedAt: registration.attendedAt?.toISOString() ?? null };
  }
  const updated = await markAttended(deps.db, registration.id, now);
  return { counted: true, attendedAt: updated?.attendedAt?.toISOString() ?? null };
}

/** Hosts, co-hosts and admins only: 404 for a draft one cannot see, 403 for any other caller. */
async function assertManager(deps: AppDeps, caller: Caller, eventId: string): Promise<EventRow> {
  const event = await eventById(deps.db, eventId);
  const coHostIds = await coHostIdsOf(deps.db, eventId);
  const visible = assertVisible(caller, event, coHostIds);
  if (!canManage(caller, visible, coHostIds)) {
    throw new AppError('FORBIDDEN', 'Only the hosts of this webinar can see its registrations');
  }
  return visible;
}

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

/** A registration list's cursor: the last row's place in the queue order. */
const queueOrderKey = cursorOf(isCursorOrder);

/** One status at a time, in registration order (the waitlist in its order), keyset-paginated. */
export async function listRegistrations(
  deps: AppDeps,
  caller: Caller,
  eventId: string,
  query: { status: TRegistrationStatus; cursor?: string | undefined; limit: number },
): Promise<TRegistrationPage> {
  await assertManager(deps, caller, eventId);
  const after = query.cursor ? decodeCursor(query.cursor, queueOrderKey)[0] : null;
  const rows = await registrationPage(deps.db, eventId, query.status, after, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const counts = await registrationCounts(deps.db, eventId);
  return {
    items: items.map(toRegistration),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.queueOrder]) : null,
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
 * language and times in the event's time zone. The export is written to the audit log, and needs a
 * fresh step-up: it holds the registrants' names and emails.
 */
export async function exportRegistrationsCsv(
  deps: AppDeps,
  caller: Caller,
  eventId: string,
): Promise<{ filename: string; body: string }> {
  const event = await assertManager(deps, caller, eventId);
  await deps.requireStepUp(caller);
  const locale: TLocale = (await localeOf(deps.db, caller.id)) ?? 'fr';
  const rows = await activeRegistrationList(deps.db, eventId, CSV_MAX_ROWS);
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
    actorId: caller.id,
    action: 'event.registrations_exported',
    subjectType: 'event',
    subjectId: eventId,
    after: { rows: rows.length },
    ip: caller.ip ?? null,
  });
  const date = localDateTime(event.startsAt, event.timeZone).slice(0, 10);
  return { filename: `${locale === 'fr' ? 'inscriptions' : 'registrations'}-${date}.csv`, body };
}
