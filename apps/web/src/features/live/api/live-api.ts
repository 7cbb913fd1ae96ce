import {
  type TCreateEventInput,
  type TEventCategory,
  type TEventSummary,
  type TRegistrationStatus,
  type TUpdateEventBody,
  ZAttendanceResult,
  ZCalendarFeed,
  ZEvent,
  ZEventPage,
  ZRegistrationPage,
  ZRegistrationResult,
} from '@capitune/contracts';
import { ApiError, apiFetch, toApiError } from '../../../lib/api-client';
import { session } from '../../../lib/auth';

/**
 * Query keys of Live. Events depend on who looks (their registration, drafts they manage): the whole cache
 * is cleared when the user changes, so the keys need not name the user.
 */
export const liveKeys = {
  all: ['events'] as const,
  range: (from: string, to: string, category: TEventCategory | undefined) =>
    ['events', 'range', { from, to, category }] as const,
  upcoming: (category: TEventCategory | undefined) => ['events', 'upcoming', { category }] as const,
  mine: (category: TEventCategory | undefined) => ['events', 'mine', { category }] as const,
  nextRegistered: ['events', 'next-registered'] as const,
  event: (id: string) => ['events', 'detail', id] as const,
  registrations: (id: string, status: TRegistrationStatus) =>
    ['events', 'detail', id, 'registrations', status] as const,
  calendarFeed: ['me', 'calendar-feed'] as const,
};

export interface EventListParams {
  from?: string;
  to?: string;
  category?: TEventCategory;
  cursor?: string;
  limit?: number;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const listEvents = (params: EventListParams, signal?: AbortSignal) =>
  apiFetch(`/api/events${query({ ...params })}`, { schema: ZEventPage, signal });

/** Every event of a calendar range (pages of 100 until the end). */
export async function listEventsInRange(
  from: string,
  to: string,
  category: TEventCategory | undefined,
  signal?: AbortSignal,
): Promise<TEventSummary[]> {
  const items: TEventSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await listEvents({ from, to, category, cursor, limit: 100 }, signal);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

/** The most upcoming events looked through for the viewer's own registrations. */
const MINE_SCAN_PAGES = 5;

/**
 * The upcoming events the viewer registered for (a seat or the waitlist). The API has no filter for this:
 * the upcoming list is read in pages of 100 (up to 500 events) and filtered here.
 */
export async function listMyUpcomingEvents(
  category: TEventCategory | undefined,
  signal?: AbortSignal,
  stopAtFirst?: (event: TEventSummary) => boolean,
): Promise<TEventSummary[]> {
  const mine: TEventSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MINE_SCAN_PAGES; page++) {
    const result = await listEvents({ category, cursor, limit: 100 }, signal);
    for (const event of result.items) {
      if (event.myRegistration === null) continue;
      mine.push(event);
      if (stopAtFirst?.(event)) return mine;
    }
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return mine;
}

/** The viewer's next webinar with a seat (not the waitlist), or null. */
export const getEvent = (id: string, signal?: AbortSignal) =>
  apiFetch(`/api/events/${encodeURIComponent(id)}`, { schema: ZEvent, signal });

export const createEvent = (body: TCreateEventInput) =>
  apiFetch('/api/events', { method: 'POST', body, schema: ZEvent });

export const updateEvent = (id: string, body: TUpdateEventBody) =>
  apiFetch(`/api/events/${encodeURIComponent(id)}`, { method: 'PATCH', body, schema: ZEvent });

export const registerForEvent = (id: string) =>
  apiFetch(`/api/events/${encodeURIComponent(id)}/registrations`, {
    method: 'POST',
    schema: ZRegistrationResult,
  });

export const cancelMyRegistration = (id: string) =>
  apiFetch(`/api/events/${encodeURIComponent(id)}/registrations`, { method: 'DELETE' });

export const listRegistrations = (
  id: string,
  status: TRegistrationStatus,
  cursor?: string,
  signal?: AbortSignal,
) =>
  apiFetch(`/api/events/${encodeURIComponent(id)}/registrations${query({ status, cursor, limit: 100 })}`, {
    schema: ZRegistrationPage,
    signal,
  });

export const recordAttendance = (id: string) =>
  apiFetch(`/api/events/${encodeURIComponent(id)}/attendance`, {
    method: 'POST',
    schema: ZAttendanceResult,
  });

export const getCalendarFeed = () => apiFetch('/api/me/calendar-feed', { schema: ZCalendarFeed });

export const rotateCalendarFeed = () =>
  apiFetch('/api/me/calendar-feed', { method: 'POST', schema: ZCalendarFeed });

export const revokeCalendarFeed = () => apiFetch('/api/me/calendar-feed', { method: 'DELETE' });

/** `attachment; filename="capitune-1a2b3c4d.ics"` → the name. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1]?.trim() || fallback;
}

/**
 * Downloads a file of the API with the session's access token (a plain link would go without it: drafts and
 * registrant lists need it), by way of a blob and a temporary link.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await session.fetch(path, { headers: { accept: '*/*' } });
  } catch (cause) {
    throw new ApiError({ status: 0, code: 'NETWORK', cause });
  }
  if (!response.ok) throw await toApiError(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(response.headers.get('content-disposition'), fallbackName);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the blob goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const eventIcsPath = (id: string) => `/api/events/${encodeURIComponent(id)}/ics`;
export const registrationsCsvPath = (id: string) =>
  `/api/events/${encodeURIComponent(id)}/registrations?format=csv`;
