import pg from 'pg';
// The pg-boss release the product used before Node 24, installed under another name for this test only.
import PgBossV10 from 'pg-boss-v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { defaultJobSettings, queuePolicies, startJobs } from './jobs';

type JobRow = {
  id: string;
  name: string;
  state: string;
  data: unknown;
  singleton_key: string | null;
  start_after: Date;
  retry_count: number;
  expire_seconds: number;
};

describe('jobs: a database whose queue was made by pg-boss 10', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    client = new pg.Client({ connectionString: testDatabase.url });
    await client.connect();
    // The test template has pg-boss 12's schema: start again from nothing, as the old version did.
    await client.query('drop schema pgboss cascade');
    const old = new PgBossV10({ connectionString: testDatabase.url, schema: 'pgboss', supervise: false });
    await old.start();
    for (const [name, policy] of Object.entries(queuePolicies(defaultJobSettings))) {
      await old.createQueue(name, { policy: 'standard', ...policy, name });
    }
    const send = async (name: string, data: object, options: object) => {
      const id = await old.send(name, data, options);
      if (!id) throw new Error(`pg-boss 10 refused a job of ${name}`);
      return id;
    };
    ids.waiting = await send(
      'events.reminder',
      { eventId: 'e1', kind: '24h', startsAt: '2031-03-01T18:00:00.000Z' },
      { startAfter: new Date('2031-02-28T18:00:00Z'), singletonKey: 'e1:24h', expireInSeconds: 900 },
    );
    ids.email = await send('email.send', { id: 'outbox-1' }, {});
    ids.retry = await send('email.send', { id: 'outbox-2' }, {});
    ids.running = await send('email.send', { id: 'outbox-3' }, {});
    ids.done = await send('email.send', { id: 'outbox-4' }, {});
    // One job to be retried, one left active by a worker that stopped, one finished.
    await client.query(`update pgboss.job set state = 'retry', retry_count = 1 where id = $1`, [ids.retry]);
    await client.query(`update pgboss.job set state = 'active', started_on = now() where id = $1`, [
      ids.running,
    ]);
    await client.query(`update pgboss.job set state = 'completed', completed_on = now() where id = $1`, [
      ids.done,
    ]);
    await old.stop({ graceful: false, wait: true });
    const { rows } = await client.query<{ version: number }>('select version from pgboss.version');
    expect(rows[0]?.version).toBe(24);
  });
  afterAll(async () => {
    await client.end();
    await testDatabase.drop();
  });

  it('is moved to pg-boss 12 on start, keeping the jobs left to run with their ids', async () => {
    // Two instances starting at once: one bridges, the other finds it done.
    const [first, second] = await Promise.all([
      startJobs(testDatabase.url, { work: false }),
      startJobs(testDatabase.url, { work: false }),
    ]);
    try {
      expect(await first.schemaVersion()).toBeGreaterThanOrEqual(46);
      const { rows: schemas } = await client.query(
        `select nspname from pg_namespace where nspname like 'pgboss%' order by nspname`,
      );
      expect(schemas).toEqual([{ nspname: 'pgboss' }]);

      const { rows } = await client.query<JobRow>(
        `select id::text, name, state::text, data, singleton_key, start_after, retry_count, expire_seconds
           from pgboss.job order by name, created_on`,
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(rows).toHaveLength(4);
      expect(byId.has(ids.done as string)).toBe(false);
      expect(byId.get(ids.waiting as string)).toMatchObject({
        name: 'events.reminder',
        state: 'created',
        data: { eventId: 'e1', kind: '24h', startsAt: '2031-03-01T18:00:00.000Z' },
        singleton_key: 'e1:24h',
        start_after: new Date('2031-02-28T18:00:00Z'),
        // The queue's expiry, as waiting jobs get at each start.
        expire_seconds: defaultJobSettings.expireSeconds,
      });
      expect(byId.get(ids.email as string)).toMatchObject({ state: 'created', data: { id: 'outbox-1' } });
      expect(byId.get(ids.retry as string)).toMatchObject({ state: 'retry', retry_count: 1 });
      expect(byId.get(ids.running as string)).toMatchObject({ state: 'retry', data: { id: 'outbox-3' } });

      // The queues have their policies: `short` refuses a second waiting reminder with the same key.
      expect(await first.getQueue('events.reminder')).toMatchObject({
        policy: 'short',
        retryLimit: 6,
        expireInSeconds: defaultJobSettings.expireSeconds,
      });
      expect(
        await second.send(
          'events.reminder',
          { eventId: 'e1', kind: '24h', startsAt: '2031-03-01T18:00:00.000Z' },
          { startAfter: new Date('2031-02-28T18:00:00Z'), singletonKey: 'e1:24h' },
        ),
      ).toBeNull();
      // And the carried-over jobs are pg-boss's again: fetched, completed, cancelled by id.
      const [fetched] = await first.fetch<{ id: string }>('email.send', { batchSize: 1 });
      expect(fetched?.id).toBe(ids.email);
      await first.complete('email.send', ids.email as string);
      await first.cancel('events.reminder', ids.waiting as string);
      const { rows: after } = await client.query<{ id: string; state: string }>(
        'select id::text, state::text from pgboss.job where id = any($1::uuid[]) order by state::text',
        [[ids.email, ids.waiting]],
      );
      expect(after).toEqual([
        { id: ids.waiting, state: 'cancelled' },
        { id: ids.email, state: 'completed' },
      ]);
    } finally {
      await Promise.all([first.stop({ graceful: false }), second.stop({ graceful: false })]);
    }

    // A later start finds nothing to bridge.
    const again = await startJobs(testDatabase.url, { work: false });
    await again.stop({ graceful: false });
    const { rows: count } = await client.query<{ n: number }>('select count(*)::int as n from pgboss.job');
    expect(count[0]?.n).toBe(4);
  });
});
