import { parseStreamLink, type TEventPerson, type TEventStatus, type TStream } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { dateTimeFormat } from '../../lib/intl';
import type { Caller } from '../access';
import { addressOf, buildCalendar, type IcsEvent } from './ics';
import type { EventForEmail } from './live.emails';
import type { EventRow, Person, TNextWebinar } from './live.queries';

/** Rules and shapes shared by the parts of the live module (webinars, registrations, feeds, reminders). */

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

/** The canonical IANA name (America/Montreal → America/Toronto), or a 400 for an unknown zone. */
export function canonicalTimeZone(value: string, path = 'body.timeZone'): string {
  try {
    return dateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw fieldError(path, 'invalid_time_zone', 'Unknown time zone');
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

/** Host, co-host or admin. */
export function canManage(
  viewer: Caller | null,
  event: Pick<EventRow, 'hostId'>,
  coHostIds: string[],
): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || viewer.id === event.hostId || coHostIds.includes(viewer.id);
}

/** The host or an admin: cancelling, and choosing the co-hosts. */
export const isOwner = (viewer: Caller | null, event: Pick<EventRow, 'hostId'>) =>
  viewer !== null && (viewer.role === 'admin' || viewer.id === event.hostId);

/**
 * A webinar never published (a draft, or a draft cancelled before publication) exists only for those who
 * manage it: a 404 for everyone else.
 */
export function assertVisible(
  viewer: Caller | null,
  event: EventRow | undefined,
  coHostIds: string[],
): EventRow {
  if (!event || (event.publishedAt === null && !canManage(viewer, event, coHostIds))) {
    throw new AppError('NOT_FOUND', 'No such webinar');
  }
  return event;
}

/** A host or co-host as a webinar shows them: the one mapper of the contract's `TEventPerson`. */
export function toEventPerson(person: Person): TEventPerson {
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    organisation: person.organisation,
  };
}

/**
 * The dashboard's next webinar: the one mapper of that shape. The dashboard reads it as JSON built in its
 * own statement (`nextRegisteredEventJson`); a test asserts both give the same object.
 */
export function toNextWebinar(
  event: Pick<EventRow, 'id' | 'title' | 'startsAt' | 'endsAt' | 'timeZone'>,
): TNextWebinar {
  return {
    id: event.id,
    title: event.title,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
  };
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
