import { parseStreamLink, type TEventStatus, type TStream } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { eventCoHosts, type events, organisations, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { dateTimeFormat } from '../../lib/intl';
import { anyOf } from '../../lib/sql';
import type { AuthUser } from '../../lib/tokens';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { addressOf, buildCalendar, type IcsEvent } from './ics';
import type { EventForEmail } from './live.emails';

export type EventRow = typeof events.$inferSelect;
export type Viewer = AuthUser | null;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

/** The event's page in the web app. */
export const eventPath = (id: string) => `/live/${id}`;
export const eventUrl = (deps: AppDeps, id: string) => `${deps.config.publicUrl}${eventPath(id)}`;

/** live and ended are derived from the time for a scheduled event. */
export function derivedStatus(
  event: Pick<EventRow, 'status' | 'startsAt' | 'endsAt'>,
  now: Date,
): TEventStatus {
  if (event.status !== 'scheduled') return event.status;
  if (now >= event.endsAt) return 'ended';
  if (now >= event.startsAt) return 'live';
  return 'scheduled';
}

export function fieldError(path: string, message: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fieldErrors: [{ path, message, code }] });
}

/** The canonical IANA name (America/Montreal → America/Toronto), or a 400 for an unknown zone. */
export function canonicalTimeZone(value: string, path = 'body.timeZone'): string {
  try {
    return dateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw fieldError(path, 'Unknown time zone', 'invalid_time_zone');
  }
}

/** Checks a stream or replay link against the allowlist: 400 STREAM_LINK_NOT_ALLOWED otherwise. */
export function assertAllowedLink(raw: string | null | undefined, path: string): void {
  if (raw === null || raw === undefined) return;
  if (!parseStreamLink(raw)) {
    const message =
      'Only https links to YouTube, Vimeo, Zoom, Microsoft Teams or Google Meet are accepted (a video, live, webinar or meeting link).';
    throw new AppError('STREAM_LINK_NOT_ALLOWED', message, {
      fieldErrors: [{ path, message, code: 'stream_link_not_allowed' }],
    });
  }
}

export const streamOf = (raw: string | null): TStream | null => (raw ? parseStreamLink(raw) : null);

export async function coHostIdsOf(db: Database, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: eventCoHosts.userId })
    .from(eventCoHosts)
    .where(eq(eventCoHosts.eventId, eventId));
  return rows.map((row) => row.userId);
}

/** Host, co-host or admin. */
export function canManage(viewer: Viewer, event: Pick<EventRow, 'hostId'>, coHostIds: string[]): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || viewer.id === event.hostId || coHostIds.includes(viewer.id);
}

/** The host or an admin: cancelling, and choosing the co-hosts. */
export const isOwner = (viewer: Viewer, event: Pick<EventRow, 'hostId'>) =>
  viewer !== null && (viewer.role === 'admin' || viewer.id === event.hostId);

/**
 * A webinar never published (a draft, or a draft cancelled before publication) exists only for those who
 * manage it: a 404 for everyone else.
 */
export function assertVisible(viewer: Viewer, event: EventRow | undefined, coHostIds: string[]): EventRow {
  if (!event || (event.publishedAt === null && !canManage(viewer, event, coHostIds))) {
    throw new AppError('NOT_FOUND', 'No such webinar');
  }
  return event;
}

export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
}

/** Hosts and co-hosts as shown on events, in one query. */
export async function peopleById(db: Database, ids: string[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await builtQuery(db, 'events.people_by_id', (db) =>
    db
      .select({
        id: users.id,
        firstName: users.firstName,
        lastName: users.lastName,
        organisation: organisations.name,
      })
      .from(users)
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(anyOf(users.id, sql.placeholder('ids'))),
  ).execute({ ids: unique });
  return new Map(rows.map((row) => [row.id, row]));
}

export const fullName = (person: { firstName: string; lastName: string } | undefined) =>
  person ? `${person.firstName} ${person.lastName}` : 'CAPITUNE';

export function toIcsEvent(deps: AppDeps, event: EventRow, hostName: string): IcsEvent {
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    sequence: event.sequence,
    status: event.status,
    url: eventUrl(deps, event.id),
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
    hostName,
  };
}

/** The calendar file of one event: METHOD:CANCEL once cancelled, PUBLISH otherwise. */
export function eventIcs(deps: AppDeps, event: EventRow, hostName: string): string {
  return buildCalendar({
    events: [toIcsEvent(deps, event, hostName)],
    method: event.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
    now: deps.clock.now(),
    organizerEmail: addressOf(deps.config.mailFrom),
  });
}

export function forEmail(deps: AppDeps, event: EventRow, hostName: string): EventForEmail {
  return {
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    url: eventUrl(deps, event.id),
    hostName,
  };
}
