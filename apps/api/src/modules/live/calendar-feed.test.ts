import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import {
  createEvent,
  eventInput,
  parseCalendar,
  type QuickUser,
  quickUser,
} from '../../../test/live-helpers';
import { calendarFeeds } from '../../db/schema';
import { hashToken } from '../../lib/tokens';
import { ManualClock } from '../../platform/clock';

describe('Live: personal calendar feed', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let host: QuickUser;
  let person: QuickUser;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    host = await quickUser(t, clock, { role: 'pro' });
    person = await quickUser(t, clock, { locale: 'fr' });
  });
  afterAll(() => t.close());

  const feedOf = async (user: QuickUser, method: 'GET' | 'POST' = 'GET') => {
    const response = await t.app.inject({ method, url: '/api/me/calendar-feed', headers: await user.auth() });
    expect(response.statusCode).toBe(200);
    return response.json() as { url: string; webcalUrl: string; createdAt: string };
  };
  const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });
  const register = async (eventId: string, user: QuickUser) =>
    t.app.inject({ method: 'POST', url: `/api/events/${eventId}/registrations`, headers: await user.auth() });

  it('needs a signed-in user to get an address', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/calendar-feed' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/calendar-feed' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/me/calendar-feed' })).statusCode).toBe(401);
  });

  it('makes one address on first use, shows the same one again, and stores only its hash', async () => {
    const feed = await feedOf(person);
    expect(feed.url).toMatch(/^http:\/\/capitune\.test\/api\/calendar\/[\w-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace('http:', 'webcal:'));
    expect((await feedOf(person)).url).toBe(feed.url);
    const token = feed.url.match(/calendar\/([\w-]+)\.ics$/)?.[1] as string;
    const rows = await t.database.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, person.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('lists the events the person has a seat at, cancelled ones marked, not others', async () => {
    const seated = await createEvent(t, host, {
      ...eventInput(clock, { title: 'Étudier au Québec : le CAQ' }),
      startsAt: '2026-12-03T23:00:00Z',
      endsAt: '2026-12-04T00:30:00Z',
      // A zone whose rules the time-zone database does not change in 2026 (British Columbia keeps
      // daylight time all year from 2026 in tzdata 2026e, which Node 24 ships).
      timeZone: 'America/Toronto',
    });
    const cancelled = await createEvent(t, host, eventInput(clock, { title: 'Annulé' }));
    const dropped = await createEvent(t, host, eventInput(clock, { title: 'Plus intéressé' }));
    const full = await createEvent(t, host, eventInput(clock, { title: 'Complet', capacity: 1 }));
    const notMine = await createEvent(t, host, eventInput(clock, { title: 'Pas inscrit' }));
    for (const event of [seated, cancelled, dropped]) await register(event.id, person);
    await register(full.id, host);
    expect((await register(full.id, person)).json().status).toBe('waitlisted');
    await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${dropped.id}/registrations`,
      headers: await person.auth(),
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${cancelled.id}`,
      headers: await host.auth(),
      payload: { status: 'cancelled' },
    });

    const response = await fetchFeed((await feedOf(person)).url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, max-age=300');
    const calendar = parseCalendar(response.body);
    expect(calendar.method).toBeNull();
    expect(calendar.calendar.getFirstPropertyValue('x-wr-calname')).toBe('CAPITUNE — Mes webinaires');
    const byTitle = Object.fromEntries(calendar.events.map((event) => [event.summary, event]));
    expect(Object.keys(byTitle).sort()).toEqual(['Annulé', 'Étudier au Québec : le CAQ']);
    expect(byTitle['Étudier au Québec : le CAQ']).toMatchObject({
      uid: `${seated.id}@capitune.ca`,
      startZone: 'America/Toronto',
      status: 'CONFIRMED',
    });
    expect(byTitle['Étudier au Québec : le CAQ']?.start.toISOString()).toBe('2026-12-03T23:00:00.000Z');
    expect(response.body).toContain('DTSTART;TZID=America/Toronto:20261203T180000');
    expect(byTitle.Annulé).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(response.body).not.toContain(notMine.id);
    const [row] = await t.database.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, person.userId));
    expect(row?.lastUsedAt?.toISOString()).toBe(clock.now().toISOString());
  });

  it('answers 404 to unknown, malformed, rotated and revoked addresses', async () => {
    const someone = await quickUser(t, clock);
    const first = await feedOf(someone);
    expect((await fetchFeed(first.url)).statusCode).toBe(200);
    for (const path of [
      '/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
      '/api/calendar/short.ics',
      '/api/calendar/%27%3B--.ics',
    ]) {
      const response = await t.app.inject({ method: 'GET', url: path });
      expect(response.statusCode, path).toBe(404);
    }

    const rotated = await feedOf(someone, 'POST');
    expect(rotated.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).statusCode).toBe(404);
    expect((await fetchFeed(rotated.url)).statusCode).toBe(200);
    expect((await feedOf(someone)).url).toBe(rotated.url);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/calendar-feed',
      headers: await someone.auth(),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await fetchFeed(rotated.url)).statusCode).toBe(404);
    // Asking again makes a new address; the revoked ones stay dead.
    const fresh = await feedOf(someone);
    expect([first.url, rotated.url]).not.toContain(fresh.url);
    expect((await fetchFeed(fresh.url)).statusCode).toBe(200);
  });

  it('gives one address even when asked for twice at once', async () => {
    const someone = await quickUser(t, clock);
    const [a, b] = await Promise.all([feedOf(someone), feedOf(someone)]);
    expect(a?.url).toBe(b?.url);
  });

  it('survives ten rotations at once: each answers, one address works afterwards', async () => {
    const someone = await quickUser(t, clock);
    const headers = await someone.auth();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject({ method: 'POST', url: '/api/me/calendar-feed', headers }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(200));
    const urls = responses.map((response) => (response.json() as { url: string }).url);
    expect(new Set(urls).size).toBe(10);
    const working = [];
    for (const url of urls) if ((await fetchFeed(url)).statusCode === 200) working.push(url);
    expect(working).toEqual([(await feedOf(someone)).url]);
  });

  it('gives every first visit and rotation at once an answer, and leaves one working address', async () => {
    const someone = await quickUser(t, clock);
    const headers = await someone.auth();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        t.app.inject({ method: index % 2 ? 'POST' : 'GET', url: '/api/me/calendar-feed', headers }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(200));
    const rows = await t.database.db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, someone.userId), isNull(calendarFeeds.revokedAt)));
    expect(rows).toHaveLength(1);
    expect((await fetchFeed((await feedOf(someone)).url)).statusCode).toBe(200);
  });
});
