import { type TEventCategory, type TEventSummary, ZEventPage } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { useCursorPages } from '../lib/use-cursor-pages';
import { liveKeys, searchOf } from './keys';

export interface EventListParams {
  from?: string;
  to?: string;
  category?: TEventCategory;
  cursor?: string;
  limit?: number;
}

/** `GET /api/events`: upcoming (or in a range), in keyset pages. */
export const listEvents = (params: EventListParams, signal?: AbortSignal) =>
  apiFetch(`/api/events${searchOf({ ...params })}`, { schema: ZEventPage, signal });

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

/** The events of a month grid; the month on screen stays while the next one loads. */
export function useEventsInRange(from: string, to: string, category: TEventCategory | undefined) {
  return useQuery({
    queryKey: liveKeys.range(from, to, category),
    queryFn: ({ signal }) => listEventsInRange(from, to, category, signal),
    placeholderData: (previous) => previous,
  });
}

/** The upcoming list, 20 at a time ("show more"). */
export const useUpcomingEvents = (category: TEventCategory | undefined) =>
  useCursorPages(liveKeys.upcoming(category), (cursor, signal) =>
    listEvents({ category, cursor, limit: 20 }, signal),
  );

export function useMyUpcomingEvents(category: TEventCategory | undefined) {
  return useQuery({
    queryKey: liveKeys.mine(category),
    queryFn: ({ signal }) => listMyUpcomingEvents(category, signal),
  });
}
