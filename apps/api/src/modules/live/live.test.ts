import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createEvent, eventInput, type QuickUser, quickUser } from '../../../test/live-helpers';
import { verifyPro } from '../../../test/pro-helpers';
import { auditLog, eventCoHosts, events } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const HOUR = 3_600_000;

describe('Live: webinars', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let pro: QuickUser;
  let otherPro: QuickUser;
  let admin: QuickUser;
  let candidate: QuickUser;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    pro = await quickUser(t, clock, { role: 'pro', organisation: 'Cabinet Tremblay' });
    otherPro = await quickUser(t, clock, { role: 'pro', firstName: 'Karim' });
    admin = await quickUser(t, clock, { role: 'admin' });
    candidate = await quickUser(t, clock);
  });
  afterAll(() => t.close());

  const get = async (url: string, user?: QuickUser) =>
    t.app.inject({ method: 'GET', url, headers: user ? await user.auth() : {} });
  const patch = async (id: string, user: QuickUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/events/${id}`, headers: await user.auth(), payload });

  describe('creating', () => {
    it('lets a pro create a published webinar and shows it with its host', async () => {
      const event = await createEvent(t, pro, eventInput(clock, { capacity: 100 }));
      expect(event).toMatchObject({
        title: 'Comment réussir son Entrée express',
        language: 'fr',
        category: 'express_entry',
        tags: ['entrée express', 'crs'],
        status: 'scheduled',
        timeZone: 'America/Toronto',
        capacity: 100,
        seatsTaken: 0,
        seatsLeft: 100,
        host: { id: pro.userId, firstName: 'Julien', lastName: 'Tremblay', organisation: 'Cabinet Tremblay' },
        coHosts: [],
        viewer: { registration: null, canManage: true, registrationOpen: true },
        url: `http://capitune.test/live/${event.id}`,
        links: { streamUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', replayUrl: null },
      });
      // The host always sees the player the page will embed, built by the server.
      expect(event.stream).toEqual({
        provider: 'youtube',
        kind: 'embed',
        url: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      });
    });

    it('lets an admin create one too, with co-hosts who are pros', async () => {
      const event = await createEvent(
        t,
        admin,
        eventInput(clock, { coHostIds: [pro.userId, otherPro.userId] }),
      );
      expect((event.coHosts as { id: string }[]).map((person) => person.id).sort()).toEqual(
        [pro.userId, otherPro.userId].sort(),
      );
      const asCoHost = await get(`/api/events/${event.id}`, otherPro);
      expect(asCoHost.json().viewer.canManage).toBe(true);
    });

    it('refuses anonymous callers (401), candidates (403) and unverified pros (403)', async () => {
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        payload: eventInput(clock),
      });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('UNAUTHENTICATED');
      const byCandidate = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: await candidate.auth(),
        payload: eventInput(clock),
      });
      expect(byCandidate.statusCode).toBe(403);
      expect(byCandidate.json().code).toBe('FORBIDDEN');
      const unverified = await quickUser(t, clock, { role: 'pro', verified: false });
      const byUnverified = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: await unverified.auth(),
        payload: eventInput(clock),
      });
      expect(byUnverified.statusCode).toBe(403);
      expect(byUnverified.json().code).toBe('EMAIL_NOT_VERIFIED');
    });

    it('lets a pro whose licence is not verified prepare drafts, never publish them (PRO_NOT_VERIFIED)', async () => {
      const pending = await quickUser(t, clock, { role: 'pro', proVerified: false });
      const published = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: await pending.auth(),
        payload: eventInput(clock),
      });
      expect(published.statusCode).toBe(403);
      expect(published.json().code).toBe('PRO_NOT_VERIFIED');
      const draft = await createEvent(t, pending, eventInput(clock, { status: 'draft' }));
      expect(draft.status).toBe('draft');
      const publishing = await patch(draft.id, pending, { status: 'scheduled' });
      expect(publishing.statusCode).toBe(403);
      expect(publishing.json().code).toBe('PRO_NOT_VERIFIED');
      // A verified co-host cannot publish it for them; an admin can.
      const coHosted = await createEvent(t, pending, eventInput(clock, { status: 'draft' }));
      await t.database.db.insert(eventCoHosts).values({ eventId: coHosted.id, userId: otherPro.userId });
      expect((await patch(coHosted.id, otherPro, { status: 'scheduled' })).json().code).toBe(
        'PRO_NOT_VERIFIED',
      );
      expect((await patch(coHosted.id, admin, { status: 'scheduled' })).statusCode).toBe(200);
      // Suspended after verification: the same.
      await verifyPro(t, pending.userId, { status: 'suspended' });
      const again = await createEvent(t, pending, eventInput(clock, { status: 'draft' }));
      expect((await patch(again.id, pending, { status: 'scheduled' })).json().code).toBe('PRO_NOT_VERIFIED');
    });

    it('takes only verified pros as co-hosts (PRO_NOT_VERIFIED)', async () => {
      const pending = await quickUser(t, clock, { role: 'pro', proVerified: false });
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: await pro.auth(),
        payload: eventInput(clock, { status: 'draft', coHostIds: [pending.userId] }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('PRO_NOT_VERIFIED');
      const draft = await createEvent(t, pro, eventInput(clock, { status: 'draft' }));
      const byAdmin = await patch(draft.id, admin, { coHostIds: [otherPro.userId, pending.userId] });
      expect(byAdmin.statusCode).toBe(403);
      expect(byAdmin.json().code).toBe('PRO_NOT_VERIFIED');
      expect((await patch(draft.id, admin, { coHostIds: [otherPro.userId] })).statusCode).toBe(200);
    });

    it.each([
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://user:secret@www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'https://evilyoutube.com/watch?v=dQw4w9WgXcQ',
      'https://example.com/my-webinar',
    ])('refuses the stream link %s with STREAM_LINK_NOT_ALLOWED', async (streamUrl) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: await pro.auth(),
        payload: eventInput(clock, { streamUrl }),
      });
      expect(response.statusCode).toBe(400);
      const problem = response.json();
      expect(problem.code).toBe('STREAM_LINK_NOT_ALLOWED');
      expect(problem.detail).toMatch(/YouTube, Vimeo, Zoom, Microsoft Teams or Google Meet/);
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'body.streamUrl' })]);
    });

    it('checks times, time zone, co-hosts and the stream link needed to publish', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ endsAt: eventInput(clock).startsAt }, 'body.endsAt'],
        [
          {
            endsAt: new Date(new Date(eventInput(clock).startsAt).getTime() + 13 * HOUR).toISOString(),
          },
          'body.endsAt',
        ],
        [eventInput(clock, { inHours: -2 }), 'body.startsAt'],
        [{ timeZone: 'Mars/Olympus_Mons' }, 'body.timeZone'],
        [{ coHostIds: [candidate.userId] }, 'body.coHostIds'],
        [{ coHostIds: [pro.userId] }, 'body.coHostIds'],
        [{ streamUrl: null }, 'body.streamUrl'],
      ];
      for (const [overrides, path] of cases) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/events',
          headers: await pro.auth(),
          payload: { ...eventInput(clock), ...overrides },
        });
        expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
        expect(response.json().errors[0].path).toBe(path);
      }
    });

    it('stores the canonical name of the time zone', async () => {
      const event = await createEvent(t, pro, eventInput(clock, { timeZone: 'America/Montreal' }));
      expect(event.timeZone).toBe('America/Toronto');
    });
  });

  describe('drafts, publishing and editing', () => {
    it('keeps drafts to their hosts and admins: a 404 for everyone else, out of lists', async () => {
      const draft = await createEvent(
        t,
        pro,
        eventInput(clock, { status: 'draft', streamUrl: null, title: 'Brouillon secret' }),
      );
      expect(draft.status).toBe('draft');
      expect((await get(`/api/events/${draft.id}`, pro)).statusCode).toBe(200);
      expect((await get(`/api/events/${draft.id}`, admin)).statusCode).toBe(200);
      for (const viewer of [candidate, otherPro, undefined]) {
        const response = await get(`/api/events/${draft.id}`, viewer);
        expect(response.statusCode).toBe(404);
        expect((await get(`/api/events/${draft.id}/ics`, viewer)).statusCode).toBe(404);
        const list = await get('/api/events?limit=100', viewer);
        expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(draft.id);
      }
      const own = await get('/api/events?limit=100', pro);
      expect(own.json().items.map((item: { id: string }) => item.id)).toContain(draft.id);
      // Nor can anyone register for it.
      const registration = await t.app.inject({
        method: 'POST',
        url: `/api/events/${draft.id}/registrations`,
        headers: await candidate.auth(),
      });
      expect(registration.statusCode).toBe(404);
      // Cancelled before it was ever published, it stays hidden.
      expect((await patch(draft.id, pro, { status: 'cancelled' })).json().status).toBe('cancelled');
      expect((await get(`/api/events/${draft.id}`, candidate)).statusCode).toBe(404);
      expect((await get(`/api/events/${draft.id}`, pro)).statusCode).toBe(200);
    });

    it('publishes a draft once it has a stream link, and writes the audit log', async () => {
      const draft = await createEvent(t, pro, eventInput(clock, { status: 'draft', streamUrl: null }));
      const refused = await patch(draft.id, pro, { status: 'scheduled' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({ path: 'body.streamUrl', code: 'required_to_publish' });
      const published = await patch(draft.id, pro, {
        status: 'scheduled',
        streamUrl: 'https://us02web.zoom.us/w/85012345678?tk=abc',
      });
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({
        status: 'scheduled',
        stream: { provider: 'zoom', kind: 'join', url: 'https://us02web.zoom.us/w/85012345678?tk=abc' },
      });
      expect(published.json().publishedAt).toBe(clock.now().toISOString());
      const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, draft.id));
      expect(entry).toMatchObject({ action: 'event.published', actorId: pro.userId });
    });

    it('refuses edits by anyone but the hosts and admins', async () => {
      const event = await createEvent(t, pro, eventInput(clock));
      const byOtherPro = await patch(event.id, otherPro, { title: 'Détourné' });
      expect(byOtherPro.statusCode).toBe(403);
      const byCandidate = await patch(event.id, candidate, { title: 'Détourné' });
      expect(byCandidate.statusCode).toBe(403);
      const anonymous = await t.app.inject({
        method: 'PATCH',
        url: `/api/events/${event.id}`,
        payload: { title: 'Détourné' },
      });
      expect(anonymous.statusCode).toBe(401);
      const byAdmin = await patch(event.id, admin, { title: 'Corrigé par l’équipe' });
      expect(byAdmin.statusCode).toBe(200);
      expect(byAdmin.json().title).toBe('Corrigé par l’équipe');
    });

    it('lets a co-host edit but not cancel nor change the co-hosts', async () => {
      const event = await createEvent(t, pro, eventInput(clock, { coHostIds: [otherPro.userId] }));
      expect((await patch(event.id, otherPro, { description: 'Mis à jour' })).statusCode).toBe(200);
      expect((await patch(event.id, otherPro, { status: 'cancelled' })).statusCode).toBe(403);
      expect((await patch(event.id, otherPro, { coHostIds: [] })).statusCode).toBe(403);
      const removed = await patch(event.id, pro, { coHostIds: [] });
      expect(removed.json().coHosts).toEqual([]);
      expect((await patch(event.id, otherPro, { description: 'Encore' })).statusCode).toBe(403);
    });

    it('bumps the calendar sequence on a change of time or title, not of description', async () => {
      const event = await createEvent(t, pro, eventInput(clock));
      const sequence = async () =>
        (await t.database.db.select().from(events).where(eq(events.id, event.id)))[0]?.sequence;
      expect(await sequence()).toBe(0);
      await patch(event.id, pro, { description: 'Nouvelle description' });
      expect(await sequence()).toBe(0);
      await patch(event.id, pro, { title: 'Nouveau titre' });
      expect(await sequence()).toBe(1);
      const later = new Date(clock.now().getTime() + 96 * HOUR);
      await patch(event.id, pro, {
        startsAt: later.toISOString(),
        endsAt: new Date(later.getTime() + HOUR).toISOString(),
      });
      expect(await sequence()).toBe(2);
    });

    it('locks the start once live, and only the description, labels and replay after the end', async () => {
      const event = await createEvent(t, pro, eventInput(clock, { inHours: 1 }));
      clock.advance(90 * 60_000); // live
      expect((await get(`/api/events/${event.id}`)).json().status).toBe('live');
      const moved = await patch(event.id, pro, {
        startsAt: new Date(clock.now().getTime() + HOUR).toISOString(),
      });
      expect(moved.statusCode).toBe(409);
      expect(moved.json().code).toBe('EVENT_NOT_EDITABLE');
      expect((await patch(event.id, pro, { status: 'cancelled' })).statusCode).toBe(409);
      const extended = await patch(event.id, pro, {
        endsAt: new Date(clock.now().getTime() + HOUR).toISOString(),
      });
      expect(extended.statusCode).toBe(200);
      clock.advance(2 * HOUR); // ended
      expect((await get(`/api/events/${event.id}`)).json().status).toBe('ended');
      expect((await patch(event.id, pro, { capacity: 5 })).statusCode).toBe(409);
      const replay = await patch(event.id, pro, { replayUrl: 'https://vimeo.com/76979871' });
      expect(replay.statusCode).toBe(200);
      clock.set('2026-11-25T12:00:00Z');
    });

    it('refuses every change to a cancelled webinar', async () => {
      const event = await createEvent(t, pro, eventInput(clock));
      const cancelled = await patch(event.id, pro, { status: 'cancelled' });
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledAt: clock.now().toISOString() });
      const again = await patch(event.id, pro, { title: 'Ressuscité' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('EVENT_NOT_EDITABLE');
    });
  });

  describe('lists and calendar', () => {
    let lister: QuickUser;
    beforeAll(async () => {
      // A host of its own, so these lists see only this block's events.
      lister = await quickUser(t, clock, { role: 'pro' });
      const base = new Date('2027-03-01T15:00:00Z').getTime();
      for (let day = 0; day < 7; day++) {
        await createEvent(t, lister, {
          ...eventInput(clock, { category: day % 2 === 0 ? 'study' : 'work', title: `Session ${day}` }),
          startsAt: new Date(base + day * 24 * HOUR).toISOString(),
          endsAt: new Date(base + day * 24 * HOUR + HOUR).toISOString(),
        });
      }
    });

    it('pages the upcoming list in start order without skipping or repeating', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/api/events?host=${lister.userId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await get(query);
        expect(response.statusCode).toBe(200);
        const body = response.json();
        seen.push(...body.items.map((item: { title: string }) => item.title));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([
        'Session 0',
        'Session 1',
        'Session 2',
        'Session 3',
        'Session 4',
        'Session 5',
        'Session 6',
      ]);
    });

    it('gives a calendar range, filtered by category, and bounds the range', async () => {
      const range = await get(
        `/api/events?host=${lister.userId}&from=2027-03-02T00:00:00Z&to=2027-03-05T00:00:00Z&category=study`,
      );
      expect(range.json().items.map((item: { title: string }) => item.title)).toEqual(['Session 2']);
      const tooLong = await get('/api/events?from=2027-01-01T00:00:00Z&to=2027-04-01T00:00:00Z');
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().errors[0]).toMatchObject({ path: 'query.to', code: 'range_too_long' });
      const halfRange = await get('/api/events?from=2027-01-01T00:00:00Z');
      expect(halfRange.statusCode).toBe(400);
      const badCursor = await get('/api/events?cursor=nonsense');
      expect(badCursor.statusCode).toBe(400);
    });

    it('leaves ended and cancelled webinars out of the public upcoming list', async () => {
      const soon = await createEvent(t, lister, eventInput(clock, { inHours: 1, title: 'Bientôt fini' }));
      const cancelled = await createEvent(t, lister, eventInput(clock, { title: 'Annulé' }));
      await patch(cancelled.id, lister, { status: 'cancelled' });
      const before = (await get(`/api/events?host=${lister.userId}&limit=100`)).json();
      expect(before.items.map((item: { id: string }) => item.id)).toContain(soon.id);
      expect(before.items.map((item: { id: string }) => item.id)).not.toContain(cancelled.id);
      clock.advance(3 * HOUR);
      const after = (await get(`/api/events?host=${lister.userId}&limit=100`)).json();
      expect(after.items.map((item: { id: string }) => item.id)).not.toContain(soon.id);
      clock.set('2026-11-25T12:00:00Z');
    });
  });

  describe('watching', () => {
    it('gives the stream only to registrants, from 15 minutes before the start to the end', async () => {
      const event = await createEvent(t, pro, eventInput(clock, { inHours: 2 }));
      const registrant = await quickUser(t, clock);
      const register = await t.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/registrations`,
        headers: await registrant.auth(),
      });
      expect(register.statusCode).toBe(201);
      const viewers = [registrant, candidate, otherPro, undefined];
      const streamFor = async (viewer?: QuickUser) => {
        const response = await get(`/api/events/${event.id}`, viewer);
        expect(response.statusCode).toBe(200);
        return { stream: response.json().stream, body: response.body };
      };
      for (const viewer of viewers) expect((await streamFor(viewer)).stream).toBeNull();

      clock.advance(2 * HOUR - 16 * 60_000); // 16 minutes before
      expect((await streamFor(registrant)).stream).toBeNull();
      clock.advance(2 * 60_000); // 14 minutes before
      expect((await streamFor(registrant)).stream).toEqual({
        provider: 'youtube',
        kind: 'embed',
        url: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      });
      for (const viewer of [candidate, otherPro, undefined]) {
        const { stream, body } = await streamFor(viewer);
        expect(stream).toBeNull();
        // Not anywhere in the response either.
        expect(body).not.toContain('dQw4w9WgXcQ');
      }
      clock.advance(HOUR + 14 * 60_000); // ended
      expect((await streamFor(registrant)).stream).toBeNull();
      clock.set('2026-11-25T12:00:00Z');
    });

    it('shows the replay after the end to signed-in viewers, as an embeddable player', async () => {
      const event = await createEvent(
        t,
        pro,
        eventInput(clock, { inHours: 1, replayUrl: 'https://www.youtube.com/live/aBcDeFgHiJk' }),
      );
      expect((await get(`/api/events/${event.id}`, candidate)).json().replay).toBeNull();
      expect((await get(`/api/events/${event.id}`, candidate)).json().hasReplay).toBe(true);
      clock.advance(3 * HOUR);
      expect((await get(`/api/events/${event.id}`, candidate)).json().replay).toEqual({
        provider: 'youtube',
        kind: 'embed',
        url: 'https://www.youtube-nocookie.com/embed/aBcDeFgHiJk',
      });
      expect((await get(`/api/events/${event.id}`)).json().replay).toBeNull();
      clock.set('2026-11-25T12:00:00Z');
    });

    it('counts attendance only for registrants and only during the event', async () => {
      const event = await createEvent(t, pro, eventInput(clock, { inHours: 1 }));
      const registrant = await quickUser(t, clock);
      await t.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/registrations`,
        headers: await registrant.auth(),
      });
      const attend = async (user: QuickUser) =>
        t.app.inject({
          method: 'POST',
          url: `/api/events/${event.id}/attendance`,
          headers: await user.auth(),
        });
      expect((await attend(registrant)).json()).toEqual({ counted: false, attendedAt: null });
      clock.advance(HOUR + 5 * 60_000);
      const arrivedAt = clock.now().toISOString();
      expect((await attend(registrant)).json()).toEqual({ counted: true, attendedAt: arrivedAt });
      clock.advance(10 * 60_000);
      expect((await attend(registrant)).json()).toEqual({ counted: true, attendedAt: arrivedAt });
      const outsider = await attend(candidate);
      expect(outsider.statusCode).toBe(403);
      const anonymous = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/attendance` });
      expect(anonymous.statusCode).toBe(401);
      clock.advance(HOUR);
      expect((await attend(registrant)).json()).toEqual({ counted: false, attendedAt: arrivedAt });
      const list = await get(`/api/events/${event.id}/registrations`, pro);
      expect(list.json().counts.attended).toBe(1);
      expect(list.json().items[0].attendedAt).toBe(arrivedAt);
      clock.set('2026-11-25T12:00:00Z');
    });
  });
});
