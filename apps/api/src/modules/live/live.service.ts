import {
  EVENT_MAX_DURATION_HOURS,
  EVENT_RANGE_MAX_DAYS,
  STREAM_OPENS_MINUTES_BEFORE,
  type TEvent,
  type TEventListQuery,
  type TEventPage,
  type TEventSummary,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, fieldError } from '../../lib/errors';
import type { Caller } from '../access';
import {
  assertVisible,
  canManage,
  DAY_MS,
  derivedStatus,
  eventIcs,
  eventUrl,
  fullName,
  HOUR,
  MINUTE,
  streamOf,
  toEventPerson,
} from './live.common';
import {
  coHostIdsOf,
  type EventRow,
  eventById,
  eventSummaryRows,
  eventWithParts,
  type ListVisibility,
  peopleById,
  registrationStatusesOf,
  type SummaryRow,
  waitlistCount,
} from './live.queries';
import { myRegistration, registrationOpen } from './registrations.service';

/** Webinars as their readers see them: the calendar and upcoming lists, one webinar, its calendar file. */

const viewerIdOf = (viewer: Caller | null) => viewer?.id ?? '00000000-0000-0000-0000-000000000000';

/** Which webinars a list shows the viewer. Candidates host nothing: they see what anonymous visitors see. */
function listVisibilityOf(viewer: Caller | null): ListVisibility {
  if (viewer?.role === 'admin') return 'all';
  return viewer && viewer.role !== 'candidate' ? 'published-or-managed' : 'published';
}

function toSummary({ event, myStatus, host, coHosts }: SummaryRow, now: Date): TEventSummary {
  return {
    id: event.id,
    title: event.title,
    language: event.language,
    category: event.category,
    tags: event.tags,
    status: derivedStatus(event, now),
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    capacity: event.capacity,
    seatsTaken: event.seatsTaken,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - event.seatsTaken),
    host: toEventPerson({
      id: event.hostId,
      firstName: host?.firstName ?? '',
      lastName: host?.lastName ?? '',
      organisation: host?.organisation ?? null,
    }),
    coHosts: coHosts.map(toEventPerson),
    myRegistration: myStatus === 'registered' || myStatus === 'waitlisted' ? myStatus : null,
    hasReplay: event.replayUrl !== null,
  };
}

/** The viewer's registrations among the webinars of a list. */
async function registrationStatuses(deps: AppDeps, userId: string, rows: SummaryRow[]) {
  if (rows.length === 0) return new Map<string, SummaryRow['myStatus']>();
  const found = await registrationStatusesOf(
    deps.db,
    userId,
    rows.map((row) => row.event.id),
  );
  return new Map(found.map((row) => [row.eventId, row.status]));
}

/** A calendar range (both ends given, at most 62 days), or null for the upcoming list. */
function rangeOf(query: TEventListQuery): { from: Date; to: Date } | null {
  if (query.from === undefined && query.to === undefined) return null;
  if (query.from === undefined || query.to === undefined) {
    throw fieldError(query.from ? 'query.to' : 'query.from', 'range_incomplete', 'Give both from and to');
  }
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from) throw fieldError('query.to', 'range_reversed', 'to must be after from');
  if (to.getTime() - from.getTime() > EVENT_RANGE_MAX_DAYS * DAY_MS) {
    throw fieldError('query.to', 'range_too_long', `A range covers ${EVENT_RANGE_MAX_DAYS} days at most`);
  }
  return { from, to };
}

/**
 * A calendar range (events overlapping `from`–`to`, at most 62 days) or the upcoming list (not yet
 * ended), in start order, keyset-paginated on (starts_at, id).
 */
export async function listEvents(
  deps: AppDeps,
  viewer: Caller | null,
  query: TEventListQuery,
): Promise<TEventPage> {
  const visibility = listVisibilityOf(viewer);
  const range = rangeOf(query);
  const from = range?.from ?? deps.clock.now();
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  // One prepared query per shape: range or upcoming, visibility, and the filters given.
  const shape = {
    ranged: range !== null,
    visibility,
    category: Boolean(query.category),
    host: Boolean(query.host),
    after: after !== null,
  };
  const read = (viewerId: string) =>
    eventSummaryRows(deps.db, shape, {
      viewer: viewerId,
      from,
      to: range?.to,
      since: new Date(from.getTime() - EVENT_MAX_DURATION_HOURS * HOUR),
      category: query.category,
      host: query.host,
      at: after?.at,
      id: after?.id,
      limit: query.limit + 1,
    });
  let rows: SummaryRow[];
  if (range && visibility === 'published') {
    // A calendar range of published webinars reads the same for everyone: kept per instance
    // (platform/read-cache.ts) and forgotten whenever a webinar or a registration changes; the viewer's
    // own registrations are read beside it.
    const key = JSON.stringify([from, range.to, query.category, query.host, query.cursor, query.limit]);
    const shared = await deps.readCache.read('live_calendar', key, () => read(viewerIdOf(null)));
    const mine = viewer ? await registrationStatuses(deps, viewer.id, shared) : new Map();
    rows = shared.map((row) => ({ ...row, myStatus: mine.get(row.event.id) ?? null }));
  } else {
    rows = await read(viewerIdOf(viewer));
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toSummary(row, deps.clock.now())),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ at: last.event.startsAt, id: last.event.id }) : null,
  };
}

/** The webinar with its summary parts, if the viewer may see it (404 otherwise). */
async function visibleEventWithParts(deps: AppDeps, viewer: Caller | null, eventId: string) {
  const row = await eventWithParts(deps.db, viewerIdOf(viewer), eventId);
  const coHostIds = row?.coHosts.map((person) => person.id) ?? [];
  const event = assertVisible(viewer, row?.event, coHostIds);
  if (!row) throw new AppError('NOT_FOUND', 'No such webinar');
  return { row, event, coHostIds };
}

/**
 * One webinar as the viewer may see it. The stream goes only to registrants with a seat, from 15 minutes
 * before the start to the end, and to those who manage the event; the replay to signed-in viewers after
 * the end.
 */
export async function getEvent(deps: AppDeps, viewer: Caller | null, eventId: string): Promise<TEvent> {
  const now = deps.clock.now();
  const { row, event, coHostIds } = await visibleEventWithParts(deps, viewer, eventId);
  const summary = toSummary(row, now);
  const manager = canManage(viewer, event, coHostIds);
  const registration = await myRegistration(deps, viewer, eventId);
  const waitlisted = await waitlistCount(deps.db, eventId);
  return {
    ...summary,
    description: event.description,
    waitlistCount: waitlisted,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
    publishedAt: event.publishedAt?.toISOString() ?? null,
    cancelledAt: event.cancelledAt?.toISOString() ?? null,
    url: eventUrl(deps, event.id),
    viewer: {
      registration,
      canManage: manager,
      registrationOpen: registrationOpen(event, now),
    },
    ...mediaFor(event, now, viewer, manager, registration?.status === 'registered'),
  };
}

/** The stream, the replay and the raw links, as far as the viewer may have them now. */
function mediaFor(event: EventRow, now: Date, viewer: Caller | null, manager: boolean, seated: boolean) {
  const streamWindow =
    event.status === 'scheduled' &&
    now.getTime() >= event.startsAt.getTime() - STREAM_OPENS_MINUTES_BEFORE * MINUTE &&
    now < event.endsAt;
  const seeStream = manager || (streamWindow && seated);
  const ended = event.status === 'scheduled' && now >= event.endsAt;
  return {
    stream: seeStream ? streamOf(event.streamUrl) : null,
    replay: (ended && viewer !== null) || manager ? streamOf(event.replayUrl) : null,
    links: manager ? { streamUrl: event.streamUrl, replayUrl: event.replayUrl } : null,
  };
}

/** The calendar file of one webinar, for whoever may see it. */
export async function eventIcsFile(
  deps: AppDeps,
  viewer: Caller | null,
  eventId: string,
): Promise<{ filename: string; body: string }> {
  const visible = assertVisible(
    viewer,
    await eventById(deps.db, eventId),
    await coHostIdsOf(deps.db, eventId),
  );
  const hostName = fullName((await peopleById(deps.db, [visible.hostId])).get(visible.hostId));
  return { filename: `capitune-${visible.id.slice(0, 8)}.ics`, body: eventIcs(deps, visible, hostName) };
}
