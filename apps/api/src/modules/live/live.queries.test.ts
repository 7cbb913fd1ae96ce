import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/app';
import { createEvent, eventInput, type QuickUser, quickUser } from '../../../test/live-helpers';
import { ManualClock } from '../../platform/clock';
import { selectRows } from '../../platform/db/rows';
import { toEventPerson, toNextWebinar } from './live.common';
import {
  eventById,
  eventWithParts,
  nextRegisteredEventJson,
  peopleById,
  ZNextWebinarJson,
} from './live.queries';

/**
 * Shapes that SQL builds as JSON (json_build_object) and TypeScript maps from rows: both give the same
 * object for the same rows, so a renamed column or a mistyped key fails here.
 */
describe('Live: JSON built in SQL and the mappers', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let host: QuickUser;
  let coHosts: QuickUser[];
  let amina: QuickUser;
  let eventId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    host = await quickUser(t, clock, { role: 'pro', organisation: 'Cabinet Tremblay' });
    coHosts = [
      await quickUser(t, clock, { role: 'pro', organisation: 'Cabinet Nord' }),
      await quickUser(t, clock, { role: 'pro', firstName: 'Léa' }),
    ];
    amina = await quickUser(t, clock);
    const input = eventInput(clock, { coHostIds: coHosts.map((person) => person.userId) });
    eventId = (await createEvent(t, host, input)).id;
    const registered = await t.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/registrations`,
      headers: await amina.auth(),
    });
    expect(registered.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the co-hosts of a summary as the person mapper gives them', async () => {
    const db = t.database.db;
    const row = await eventWithParts(db, host.userId, eventId);
    const ids = coHosts.map((person) => person.userId);
    const people = await peopleById(db, ids);
    const mapped = [...people.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(toEventPerson);
    expect(row?.coHosts).toHaveLength(2);
    expect(row?.coHosts).toEqual(mapped);
  });

  it('gives the next webinar as the mapper gives it', async () => {
    const db = t.database.db;
    const now = sql`${clock.now().toISOString()}::timestamptz`;
    const [row] = await selectRows(
      db,
      z.object({ next: ZNextWebinarJson }),
      sql`select ${nextRegisteredEventJson(sql`${amina.userId}::uuid`, now)} as next`,
      'next webinar',
    );
    expect(row?.next).not.toBeNull();
    const event = await eventById(db, eventId);
    expect(event).toBeDefined();
    expect(row?.next).toEqual(event && toNextWebinar(event));
  });
});
