import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createEvent, eventInput, type QuickUser, quickUser } from '../../../test/live-helpers';
import { ManualClock } from '../../platform/clock';

/**
 * Calendar ranges of published webinars are kept per instance (platform/read-cache.ts). Two instances
 * on one database, as behind a load balancer: whichever answers, a list shows every change once it is
 * committed, and each viewer their own registrations.
 */
describe('Live: calendar lists kept per instance', () => {
  let one: TestApp;
  let two: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let pro: QuickUser;
  let amina: QuickUser;
  let karim: QuickUser;
  let eventId: string;
  const from = '2026-11-26T00:00:00.000Z';
  const to = '2026-12-26T00:00:00.000Z';
  const month = `/api/events?from=${from}&to=${to}`;

  beforeAll(async () => {
    one = await createTestApp({ clock });
    two = await createTestApp({ clock, sameDatabaseAs: one });
    pro = await quickUser(one, clock, { role: 'pro', organisation: 'Cabinet Tremblay' });
    amina = await quickUser(one, clock);
    karim = await quickUser(one, clock, { firstName: 'Karim' });
    eventId = (await createEvent(one, pro, eventInput(clock, { capacity: 10 }))).id;
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  type Summary = { id: string; title: string; seatsTaken: number; myRegistration: string | null };
  const list = async (t: TestApp, user?: QuickUser): Promise<Summary[]> => {
    const response = await t.app.inject({
      method: 'GET',
      url: month,
      headers: user ? await user.auth() : {},
    });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };
  const find = async (t: TestApp, user?: QuickUser) =>
    (await list(t, user)).find((event) => event.id === eventId);
  /** The other instance hears of a change through the database's notifications: a few milliseconds. */
  const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 2_000, interval: 50 });

  it('shows a seat taken on either instance, and the registration only to the one who took it', async () => {
    // Both instances keep the month as it is now.
    expect(await find(one, amina)).toMatchObject({ seatsTaken: 0, myRegistration: null });
    expect(await find(two, karim)).toMatchObject({ seatsTaken: 0, myRegistration: null });

    const registered = await two.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/registrations`,
      headers: await amina.auth(),
    });
    expect(registered.statusCode).toBe(201);

    // The instance that wrote knows at once; the other within moments.
    expect(await find(two, amina)).toMatchObject({ seatsTaken: 1, myRegistration: 'registered' });
    await eventually(async () =>
      expect(await find(one, karim)).toMatchObject({ seatsTaken: 1, myRegistration: null }),
    );
    expect(await find(one, amina)).toMatchObject({ seatsTaken: 1, myRegistration: 'registered' });
    expect(await find(one)).toMatchObject({ seatsTaken: 1, myRegistration: null });
  });

  it('gives a seat back on cancelling', async () => {
    const cancelled = await one.app.inject({
      method: 'DELETE',
      url: `/api/events/${eventId}/registrations`,
      headers: await amina.auth(),
    });
    expect(cancelled.statusCode).toBe(204);
    expect(await find(one, amina)).toMatchObject({ seatsTaken: 0, myRegistration: null });
    await eventually(async () => expect(await find(two, karim)).toMatchObject({ seatsTaken: 0 }));
  });

  it('shows a new title, a new webinar and a cancelled one on the other instance', async () => {
    const renamed = await one.app.inject({
      method: 'PATCH',
      url: `/api/events/${eventId}`,
      headers: await pro.auth(),
      payload: { title: 'Entrée express : le tirage de décembre' },
    });
    expect(renamed.statusCode).toBe(200);
    await eventually(async () =>
      expect(await find(two, karim)).toMatchObject({ title: 'Entrée express : le tirage de décembre' }),
    );

    const added = await createEvent(one, pro, eventInput(clock, { inHours: 96, title: 'Le PEQ en 2027' }));
    await eventually(async () =>
      expect((await list(two, karim)).map((event) => event.id)).toContain(added.id),
    );
    const cancelled = await one.app.inject({
      method: 'PATCH',
      url: `/api/events/${added.id}`,
      headers: await pro.auth(),
      payload: { status: 'cancelled' },
    });
    expect(cancelled.statusCode).toBe(200);
    await eventually(async () =>
      expect((await list(two, karim)).map((event) => event.id)).not.toContain(added.id),
    );
  });

  it("shows the host's new name", async () => {
    const renamed = await two.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: await pro.auth(),
      payload: { firstName: 'Julie' },
    });
    expect(renamed.statusCode).toBe(200);
    await eventually(async () =>
      expect(await find(one, karim)).toMatchObject({ host: { firstName: 'Julie', lastName: 'Tremblay' } }),
    );
  });
});
