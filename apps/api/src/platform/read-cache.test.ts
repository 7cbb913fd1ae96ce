import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { createReadCache, type ReadCache } from './read-cache';
import { createEventBus, type EventBus } from './realtime/event-bus';

describe('read cache', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let buses: EventBus[];
  let here: ReadCache;
  let there: ReadCache;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // Two instances, each with its own listener on the same database.
    buses = [createEventBus(database.url, pool), createEventBus(database.url, pool)];
    here = createReadCache(buses[0] as EventBus, { ttlSeconds: 60 });
    there = createReadCache(buses[1] as EventBus, { ttlSeconds: 60 });
    // Both listeners are connected once a notice sent now reaches them (one the caches ignore).
    await new Promise<void>((resolve) => {
      const waiting = new Set(buses);
      const ping = setInterval(
        () => void buses[0]?.publish({ type: 'typing', dossierId: 'none', userId: 'none' }),
        50,
      );
      for (const bus of buses) {
        const stop = bus.subscribe(() => {
          stop();
          waiting.delete(bus);
          if (waiting.size === 0) {
            clearInterval(ping);
            resolve();
          }
        });
      }
    });
  });
  afterAll(async () => {
    here.close();
    there.close();
    for (const bus of buses) await bus.close();
    await pool.end();
    await database.drop();
  });

  it('loads a key once for readers arriving together, and keeps it', async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { loads };
    };
    const [a, b] = await Promise.all([
      here.read('inside_search', 'visa', load),
      here.read('inside_search', 'visa', load),
    ]);
    expect(a).toBe(b);
    expect(await here.read('inside_search', 'visa', load)).toBe(a);
    expect(loads).toBe(1);
    // Lists and keys are apart.
    await here.read('live_calendar', 'visa', load);
    await here.read('inside_search', 'permis', load);
    expect(loads).toBe(3);
  });

  it('does not keep a failed load', async () => {
    await expect(
      here.read('inside_search', 'failing', () => Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    expect(await here.read('inside_search', 'failing', async () => 'second try')).toBe('second try');
  });

  it('forgets a list at once here and soon on the other instance, and only that list', async () => {
    await here.read('inside_search', 'k', async () => 'old');
    await there.read('inside_search', 'k', async () => 'old');
    await there.read('live_calendar', 'k', async () => 'month');
    await here.invalidate('inside_search');
    expect(await here.read('inside_search', 'k', async () => 'new')).toBe('new');
    await vi.waitFor(
      async () => expect(await there.read('inside_search', 'k', async () => 'new')).toBe('new'),
      { timeout: 2_000, interval: 50 },
    );
    expect(await there.read('live_calendar', 'k', async () => 'other')).toBe('month');
  });

  it('does not keep what was loading when the list was forgotten', async () => {
    let release: (value: string) => void = () => undefined;
    const loading = here.read(
      'live_calendar',
      'slow',
      () => new Promise<string>((resolve) => (release = resolve)),
    );
    await here.invalidate('live_calendar');
    release('read before the change');
    expect(await loading).toBe('read before the change');
    expect(await here.read('live_calendar', 'slow', async () => 'read after')).toBe('read after');
  });

  it('keeps nothing when turned off', async () => {
    const off = createReadCache(buses[0] as EventBus, { ttlSeconds: 0 });
    let loads = 0;
    await off.read('inside_search', 'k', async () => ++loads);
    expect(await off.read('inside_search', 'k', async () => ++loads)).toBe(2);
    off.close();
  });
});
