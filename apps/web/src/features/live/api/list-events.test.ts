import type { TEventSummary } from '@capitune/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { filenameOf } from './download-file';
import { listEventsInRange, listMyUpcomingEvents } from './list-events';

let sequence = 0;
function summary(myRegistration: TEventSummary['myRegistration'], category = 'study'): TEventSummary {
  sequence += 1;
  const id = `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    id,
    title: `Webinaire ${sequence}`,
    language: 'fr',
    category: category as TEventSummary['category'],
    tags: [],
    status: 'scheduled',
    startsAt: '2026-05-12T23:00:00.000Z',
    endsAt: '2026-05-13T00:00:00.000Z',
    timeZone: 'America/Toronto',
    capacity: null,
    seatsTaken: 0,
    seatsLeft: null,
    host: { id, firstName: 'Julien', lastName: 'Tremblay', organisation: null },
    coHosts: [],
    myRegistration,
    hasReplay: false,
  };
}

/** The API's list, in pages: the cursor is the page number. */
function serve(pages: TEventSummary[][]) {
  const fetchMock = vi.fn(async (input: string) => {
    const url = new URL(input, 'http://localhost');
    const index = Number(url.searchParams.get('cursor') ?? '0');
    const body = {
      items: pages[index] ?? [],
      nextCursor: index + 1 < pages.length ? String(index + 1) : null,
    };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const urls = (fetchMock: ReturnType<typeof serve>) =>
  fetchMock.mock.calls.map(([input]) => new URL(input as string, 'http://localhost'));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('my upcoming webinars (the API has no filter for them)', () => {
  it('reads the upcoming list page by page and keeps those I registered for', async () => {
    const fetchMock = serve([
      [summary(null), summary('waitlisted')],
      [summary(null), summary('registered'), summary(null)],
    ]);
    const mine = await listMyUpcomingEvents('study');
    expect(mine.map((event) => event.myRegistration)).toEqual(['waitlisted', 'registered']);
    expect(urls(fetchMock).map((url) => url.searchParams.get('cursor'))).toEqual([null, '1']);
    expect(urls(fetchMock).every((url) => url.searchParams.get('category') === 'study')).toBe(true);
    expect(urls(fetchMock).every((url) => url.searchParams.get('limit') === '100')).toBe(true);
  });

  it('stops after five pages', async () => {
    const fetchMock = serve(Array.from({ length: 8 }, () => [summary(null)]));
    await expect(listMyUpcomingEvents(undefined)).resolves.toEqual([]);
    expect(fetchMock).toHaveBeenCalledTimes(5);
  });
});

describe('calendar ranges', () => {
  it('reads every page of a range', async () => {
    const fetchMock = serve([[summary(null)], [summary(null)], [summary('registered')]]);
    const events = await listEventsInRange('2026-03-01T05:00:00.000Z', '2026-04-05T04:00:00.000Z', undefined);
    expect(events).toHaveLength(3);
    const [first] = urls(fetchMock);
    expect(first?.searchParams.get('from')).toBe('2026-03-01T05:00:00.000Z');
    expect(first?.searchParams.get('to')).toBe('2026-04-05T04:00:00.000Z');
    expect(first?.searchParams.has('category')).toBe(false);
  });
});

describe('filenameOf', () => {
  it('reads the name of a download, or falls back', () => {
    expect(filenameOf('attachment; filename="capitune-1a2b3c4d.ics"', 'x.ics')).toBe('capitune-1a2b3c4d.ics');
    expect(filenameOf('attachment; filename=inscriptions.csv', 'x.csv')).toBe('inscriptions.csv');
    expect(filenameOf(null, 'x.csv')).toBe('x.csv');
  });
});
