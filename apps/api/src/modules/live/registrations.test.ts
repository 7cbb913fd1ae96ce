import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, stepUp } from '../../../test/auth-helpers';
import {
  createEvent,
  eventInput,
  parseCalendar,
  type QuickUser,
  quickUser,
} from '../../../test/live-helpers';
import { auditLog, eventRegistrations, notifications } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const HOUR = 3_600_000;

describe('Live: registrations', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let host: QuickUser;
  let otherPro: QuickUser;
  let admin: QuickUser;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    host = await quickUser(t, clock, { role: 'pro' });
    otherPro = await quickUser(t, clock, { role: 'pro' });
    admin = await quickUser(t, clock, { role: 'admin' });
  });
  afterAll(() => t.close());

  const register = async (eventId: string, user: QuickUser) =>
    t.app.inject({ method: 'POST', url: `/api/events/${eventId}/registrations`, headers: await user.auth() });
  const unregister = async (eventId: string, user: QuickUser) =>
    t.app.inject({
      method: 'DELETE',
      url: `/api/events/${eventId}/registrations`,
      headers: await user.auth(),
    });
  const statusOf = async (eventId: string, user: QuickUser) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/events/${eventId}`,
      headers: await user.auth(),
    });
    return response.json().viewer.registration;
  };
  /** The seats counter the trigger keeps, beside a count of the registrations holding a seat. */
  const seats = async (eventId: string) => {
    const { rows } = await t.database.pool.query<{ kept: number; counted: number }>(
      `select e.seats_taken as kept,
              (select count(*)::int from event_registrations r where r.event_id = e.id and r.status = 'registered') as counted
         from events e where e.id = $1`,
      [eventId],
    );
    return rows[0];
  };
  const notificationsOf = (userId: string) =>
    t.database.db.select().from(notifications).where(eq(notifications.userId, userId));

  it('refuses anonymous callers (401) and unverified users (403 EMAIL_NOT_VERIFIED)', async () => {
    const event = await createEvent(t, host, eventInput(clock));
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/registrations` });
    expect(anonymous.statusCode).toBe(401);
    const unverified = await quickUser(t, clock, { verified: false });
    const response = await register(event.id, unverified);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('EMAIL_NOT_VERIFIED');
  });

  it('registers, confirms by email with the calendar file, and is idempotent', async () => {
    const event = await createEvent(t, host, {
      ...eventInput(clock),
      startsAt: '2026-12-01T18:00:00Z',
      endsAt: '2026-12-01T19:00:00Z',
    });
    const amina = await quickUser(t, clock, { locale: 'fr', timeZone: 'America/Toronto' });
    const first = await register(event.id, amina);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      status: 'registered',
      waitlistPosition: null,
      registeredAt: clock.now().toISOString(),
    });
    const again = await register(event.id, amina);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('registered');

    const emails = await emailsTo(t.database, amina.email);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email?.template).toBe('events.registration_confirmed');
    expect(email?.subject).toBe('Inscription confirmée\u00a0: Comment réussir son Entrée express');
    // The registrant's time zone and language.
    expect(email?.text).toContain('mardi 1 décembre 2026');
    expect(email?.text).toMatch(/13\sh\s00.+14\sh\s00/);
    expect(email?.attachments).toHaveLength(1);
    expect(email?.attachments[0]).toMatchObject({
      filename: 'webinaire.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    });
    const ics = parseCalendar(email?.attachments[0]?.content ?? '');
    expect(ics.events[0]?.uid).toBe(`${event.id}@capitune.ca`);
    expect(ics.events[0]?.start.toISOString()).toBe('2026-12-01T18:00:00.000Z');

    const english = await quickUser(t, clock, { locale: 'en', timeZone: 'Europe/Paris' });
    await register(event.id, english);
    const [englishEmail] = await emailsTo(t.database, english.email);
    expect(englishEmail?.subject).toBe('Registration confirmed: Comment réussir son Entrée express');
    expect(englishEmail?.text).toContain('Tuesday, December 1, 2026');
    expect(englishEmail?.text).toMatch(/7:00.8:00\sp\.m\.\sGMT\+1/);
    expect(englishEmail?.attachments[0]?.filename).toBe('webinar.ics');
  });

  it('never exceeds the capacity under 50 simultaneous registrations; the rest wait in order', async () => {
    const event = await createEvent(t, host, eventInput(clock, { capacity: 10 }));
    const people = await Promise.all(Array.from({ length: 50 }, () => quickUser(t, clock)));
    const headers = await Promise.all(people.map((person) => person.auth()));
    const responses = await Promise.all(
      headers.map((header) =>
        t.app.inject({ method: 'POST', url: `/api/events/${event.id}/registrations`, headers: header }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(201));
    const results = responses.map((response) => response.json());
    expect(results.filter((result) => result.status === 'registered')).toHaveLength(10);
    const positions = results
      .filter((result) => result.status === 'waitlisted')
      .map((result) => result.waitlistPosition)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));

    const detail = await t.app.inject({ method: 'GET', url: `/api/events/${event.id}` });
    expect(detail.json()).toMatchObject({ seatsTaken: 10, seatsLeft: 0, waitlistCount: 40 });
    expect(await seats(event.id)).toEqual({ kept: 10, counted: 10 });
    const rows = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'registered')));
    expect(rows).toHaveLength(10);
  });

  it('keeps the seats exact through double submits and simultaneous cancellations', async () => {
    const event = await createEvent(t, host, eventInput(clock, { capacity: 3 }));
    const [p1, p2, p3, p4, p5] = await Promise.all([1, 2, 3, 4, 5].map(() => quickUser(t, clock)));
    if (!p1 || !p2 || !p3 || !p4 || !p5) throw new Error('people missing');
    // The same person registering three times at once: stored once, one email.
    const tries = await Promise.all([1, 2, 3].map(() => register(event.id, p1)));
    expect(tries.map((response) => response.statusCode).sort()).toEqual([200, 200, 201]);
    expect(tries.map((response) => response.json().status)).toEqual(Array(3).fill('registered'));
    expect(await emailsTo(t.database, p1.email)).toHaveLength(1);
    for (const person of [p2, p3, p4, p5]) {
      await register(event.id, person);
      clock.advance(1_000);
    }
    expect(await statusOf(event.id, p5)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(await seats(event.id)).toEqual({ kept: 3, counted: 3 });

    // A seated and a waitlisted person cancel at the same moment: one seat frees up, for p5 in the end
    // (p4 first if the seat frees up before p4 leaves).
    const cancels = await Promise.all([unregister(event.id, p2), unregister(event.id, p4)]);
    expect(cancels.map((response) => response.statusCode)).toEqual([204, 204]);
    expect(await seats(event.id)).toEqual({ kept: 3, counted: 3 });
    expect(await statusOf(event.id, p5)).toMatchObject({ status: 'registered' });
    expect(await statusOf(event.id, p4)).toBeNull();
    expect(await statusOf(event.id, p2)).toBeNull();
    expect((await emailsTo(t.database, p5.email)).map((email) => email.template)).toContain(
      'events.seat_available',
    );

    // Cancelling from the waitlist of a full webinar gives nobody a seat.
    const [p6, p7] = await Promise.all([1, 2].map(() => quickUser(t, clock)));
    if (!p6 || !p7) throw new Error('people missing');
    await register(event.id, p6);
    await register(event.id, p7);
    expect((await unregister(event.id, p6)).statusCode).toBe(204);
    expect(await statusOf(event.id, p7)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await seats(event.id)).toEqual({ kept: 3, counted: 3 });
  });

  it('hides a draft from registration but for its hosts, who are told it is not published', async () => {
    const draft = await createEvent(t, host, {
      ...eventInput(clock),
      status: 'draft',
      coHostIds: [otherPro.userId],
    });
    const stranger = await quickUser(t, clock);
    expect((await register(draft.id, stranger)).statusCode).toBe(404);
    for (const manager of [otherPro, host, admin]) {
      const refused = await register(draft.id, manager);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('REGISTRATION_CLOSED');
    }
    expect((await unregister(draft.id, stranger)).statusCode).toBe(404);
  });

  it('promotes the first on the waitlist when a seat frees up, and tells them', async () => {
    const event = await createEvent(t, host, eventInput(clock, { capacity: 2 }));
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => quickUser(t, clock)));
    if (!a || !b || !c || !d) throw new Error('people missing');
    for (const person of [a, b, c, d]) {
      await register(event.id, person);
      clock.advance(1_000);
    }
    expect(await statusOf(event.id, c)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await statusOf(event.id, d)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const waitEmail = (await emailsTo(t.database, c.email))[0];
    expect(waitEmail?.template).toBe('events.waitlisted');
    expect(waitEmail?.text).toContain('position 1');
    expect(waitEmail?.attachments).toEqual([]);

    expect(await seats(event.id)).toEqual({ kept: 2, counted: 2 });
    const cancel = await unregister(event.id, a);
    expect(cancel.statusCode).toBe(204);
    expect(await seats(event.id)).toEqual({ kept: 2, counted: 2 });
    expect(await statusOf(event.id, a)).toBeNull();
    expect(await statusOf(event.id, c)).toMatchObject({ status: 'registered', waitlistPosition: null });
    expect(await statusOf(event.id, d)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const [promotedNotice] = await notificationsOf(c.userId);
    expect(promotedNotice).toMatchObject({
      type: 'webinar_seat_available',
      link: `/live/${event.id}`,
      params: expect.objectContaining({ eventId: event.id }),
    });
    const seatEmail = (await emailsTo(t.database, c.email))[0];
    expect(seatEmail?.template).toBe('events.seat_available');
    expect(seatEmail?.attachments[0]?.filename).toBe('webinaire.ics');

    // Cancelling twice, or without a registration, changes nothing.
    expect((await unregister(event.id, a)).statusCode).toBe(204);
    // Registering again after cancelling: at the end of the line.
    const back = await register(event.id, a);
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    // Raising the capacity gives the new seats to the waitlist at once.
    const raised = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: await host.auth(),
      payload: { capacity: 4 },
    });
    expect(raised.json()).toMatchObject({ seatsTaken: 4, waitlistCount: 0 });
    expect(await seats(event.id)).toEqual({ kept: 4, counted: 4 });
    expect(await statusOf(event.id, d)).toMatchObject({ status: 'registered' });
    expect(await statusOf(event.id, a)).toMatchObject({ status: 'registered' });
  });

  it('closes registration for cancelled and ended webinars', async () => {
    const cancelled = await createEvent(t, host, eventInput(clock));
    await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${cancelled.id}`,
      headers: await host.auth(),
      payload: { status: 'cancelled' },
    });
    const person = await quickUser(t, clock);
    const refused = await register(cancelled.id, person);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('REGISTRATION_CLOSED');

    const soon = await createEvent(t, host, eventInput(clock, { inHours: 1 }));
    clock.advance(90 * 60_000);
    expect((await register(soon.id, person)).statusCode).toBe(201); // live: late-comers welcome
    const other = await quickUser(t, clock);
    clock.advance(HOUR);
    expect((await register(soon.id, other)).json().code).toBe('REGISTRATION_CLOSED');
    clock.set('2026-11-25T12:00:00Z');
  });

  it('tells registrants when the time changes, with the updated calendar file', async () => {
    const event = await createEvent(t, host, eventInput(clock, { capacity: 1 }));
    const seated = await quickUser(t, clock);
    const waiting = await quickUser(t, clock);
    await register(event.id, seated);
    await register(event.id, waiting);
    const later = new Date(new Date(event.startsAt as string).getTime() + 2 * HOUR);
    clock.advance(1_000);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: await host.auth(),
      payload: { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + HOUR).toISOString() },
    });
    expect(moved.statusCode).toBe(200);
    for (const person of [seated, waiting]) {
      const [notice] = await notificationsOf(person.userId);
      expect(notice).toMatchObject({
        type: 'webinar_updated',
        params: expect.objectContaining({ startsAt: later.toISOString(), previousStartsAt: event.startsAt }),
      });
    }
    const [seatedEmail] = await emailsTo(t.database, seated.email);
    expect(seatedEmail?.template).toBe('events.updated');
    const ics = parseCalendar(seatedEmail?.attachments[0]?.content ?? '');
    expect(ics.events[0]).toMatchObject({ sequence: 1 });
    expect(ics.events[0]?.start.toISOString()).toBe(later.toISOString());
    // The waitlisted person is told, without a calendar file (they have no seat).
    const [waitingEmail] = await emailsTo(t.database, waiting.email);
    expect(waitingEmail?.template).toBe('events.updated');
    expect(waitingEmail?.attachments).toEqual([]);
  });

  it('tells registrants when the webinar is cancelled, with a CANCEL calendar file', async () => {
    const event = await createEvent(t, host, eventInput(clock));
    const person = await quickUser(t, clock, { locale: 'en' });
    await register(event.id, person);
    clock.advance(1_000);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: await host.auth(),
      payload: { status: 'cancelled' },
    });
    const [notice] = await notificationsOf(person.userId);
    expect(notice?.type).toBe('webinar_cancelled');
    const [email] = await emailsTo(t.database, person.email);
    expect(email?.subject).toBe('Webinar cancelled: Comment réussir son Entrée express');
    expect(email?.attachments[0]?.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    const ics = parseCalendar(email?.attachments[0]?.content ?? '');
    expect(ics.method).toBe('CANCEL');
    expect(ics.events[0]).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, event.id));
    expect(entry?.action).toBe('event.cancelled');
  });

  describe('the hosts’ list and export', () => {
    let eventId: string;
    let people: QuickUser[];
    beforeAll(async () => {
      const event = await createEvent(
        t,
        host,
        eventInput(clock, { capacity: 3, coHostIds: [otherPro.userId] }),
      );
      eventId = event.id;
      people = [];
      const names = [
        '=HYPERLINK("http://evil.example")',
        'Zoé',
        '+33 Durand',
        '@SUM(A1)',
        'Marie, "la Grande"',
      ];
      for (const firstName of names) {
        const person = await quickUser(t, clock, { firstName });
        people.push(person);
        await register(eventId, person);
        clock.advance(60_000);
      }
      clock.set('2026-11-25T12:00:00Z');
    });

    it('lists seats and the waitlist with positions, in pages, for hosts, co-hosts and admins', async () => {
      for (const viewer of [host, otherPro, admin]) {
        const registered = await t.app.inject({
          method: 'GET',
          url: `/api/events/${eventId}/registrations?limit=2`,
          headers: await viewer.auth(),
        });
        expect(registered.statusCode).toBe(200);
        const page = registered.json();
        expect(page.counts).toEqual({ registered: 3, waitlisted: 2, cancelled: 0, attended: 0 });
        expect(page.items).toHaveLength(2);
        expect(page.items[0].user.firstName).toBe('=HYPERLINK("http://evil.example")');
        const next = await t.app.inject({
          method: 'GET',
          url: `/api/events/${eventId}/registrations?limit=2&cursor=${page.nextCursor}`,
          headers: await viewer.auth(),
        });
        expect(next.json().items.map((item: { user: { firstName: string } }) => item.user.firstName)).toEqual(
          ['+33 Durand'],
        );
        expect(next.json().nextCursor).toBeNull();
      }
      const waitlist = await t.app.inject({
        method: 'GET',
        url: `/api/events/${eventId}/registrations?status=waitlisted`,
        headers: await host.auth(),
      });
      expect(
        waitlist
          .json()
          .items.map((item: { user: { firstName: string }; waitlistPosition: number }) => [
            item.user.firstName,
            item.waitlistPosition,
          ]),
      ).toEqual([
        ['@SUM(A1)', 1],
        ['Marie, "la Grande"', 2],
      ]);
    });

    it('refuses the list and the export to anyone else', async () => {
      const candidate = people[0] as QuickUser;
      const outsiderPro = await quickUser(t, clock, { role: 'pro' });
      for (const url of [
        `/api/events/${eventId}/registrations`,
        `/api/events/${eventId}/registrations.csv`,
        `/api/events/${eventId}/registrations?format=csv`,
      ]) {
        for (const viewer of [candidate, outsiderPro]) {
          const response = await t.app.inject({ method: 'GET', url, headers: await viewer.auth() });
          expect(response.statusCode, url).toBe(403);
        }
        expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      }
    });

    const exportUrls = () => [
      `/api/events/${eventId}/registrations.csv`,
      `/api/events/${eventId}/registrations?format=csv`,
    ];

    it('asks the host to prove it is them before an export, for 10 minutes', async () => {
      const headers = await host.auth();
      for (const url of exportUrls()) {
        const response = await t.app.inject({ method: 'GET', url, headers });
        expect(response.statusCode, url).toBe(401);
        expect(response.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });
      }
      // The list itself needs no step-up.
      const list = await t.app.inject({
        method: 'GET',
        url: `/api/events/${eventId}/registrations`,
        headers,
      });
      expect(list.statusCode).toBe(200);
      await stepUp(t.app, headers.authorization.slice('Bearer '.length));
      clock.advance(10 * 60_000 - 1_000);
      const fresh = await t.app.inject({ method: 'GET', url: exportUrls()[0] as string, headers });
      expect(fresh.statusCode).toBe(200);
      clock.advance(1_000);
      const lapsed = await t.app.inject({ method: 'GET', url: exportUrls()[1] as string, headers });
      expect(lapsed.statusCode).toBe(401);
      expect(lapsed.json().code).toBe('STEP_UP_REQUIRED');
      clock.set('2026-11-25T12:00:00Z');
    });

    it('exports CSV for Excel: BOM, attachment name, formulas neutralised, audit entry', async () => {
      const headers = await host.auth();
      await stepUp(t.app, headers.authorization.slice('Bearer '.length));
      const before = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, eventId));
      for (const url of exportUrls()) {
        const response = await t.app.inject({ method: 'GET', url, headers });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(response.headers['content-disposition']).toMatch(
          /^attachment; filename="inscriptions-\d{4}-\d{2}-\d{2}\.csv"$/,
        );
        expect(response.headers['cache-control']).toBe('no-store');
        const raw = response.rawPayload;
        expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = raw.subarray(3).toString('utf8').trimEnd().split('\r\n');
        expect(lines[0]).toBe(
          "Prénom,Nom,Courriel,Statut,Position sur la liste d'attente,Inscrit le (America/Toronto),Présent,Arrivé à (America/Toronto)",
        );
        expect(lines).toHaveLength(6);
        expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example""\)",Diallo,candidate/);
        expect(lines[1]).toMatch(/,Inscrit,,2026-11-25 07:00,Non,$/);
        expect(lines[2]).toMatch(/^Zoé,/);
        expect(lines[3]).toMatch(/^'\+33 Durand,/);
        expect(lines[4]).toMatch(/^'@SUM\(A1\),.*,Liste d'attente,1,/);
        expect(lines[5]).toMatch(/^"Marie, ""la Grande""",.*,Liste d'attente,2,/);
      }
      const entries = (
        await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, eventId))
      ).filter((entry) => !before.some((earlier) => earlier.id === entry.id));
      expect(entries.filter((entry) => entry.action === 'event.registrations_exported')).toHaveLength(2);
      expect(entries[0]).toMatchObject({ actorId: host.userId, after: { rows: 5 } });
    });
  });
});
