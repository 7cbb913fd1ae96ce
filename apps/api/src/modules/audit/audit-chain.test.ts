import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { type Person, person } from '../../../test/inside-helpers';
import { connectDatabase } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { recordAudit } from './audit.service';
import { runAuditChainCheck } from './audit-chain.job';
import { verifyAuditChain } from './audit-chain.service';

type Status = {
  intact: boolean;
  checked: number;
  lastSeq: number;
  headHash: string;
  firstBreak: { seq: number; id: number | null; reason: string } | null;
  verifiedAt: string;
};

describe('Audit chain', () => {
  let t: TestApp;
  let admin: Person;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await person(t.app, t.database, 'admin');
  });
  afterAll(() => t.close());

  const verify = async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/admin/audit/verify',
      headers: admin.auth,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Status;
  };
  const record = (n: number) =>
    recordAudit(t.database.db, {
      actorId: admin.userId,
      action: 'test.recorded',
      subjectType: 'test',
      after: { n },
    });
  /** Runs SQL past the append-only trigger, as someone with the database's keys could. */
  const behindTheTrigger = async (statement: ReturnType<typeof sql>) => {
    await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_or_delete`);
    try {
      await t.database.db.execute(statement);
    } finally {
      await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_or_delete`);
    }
  };
  const seqs = async () =>
    (await t.database.db.execute(sql`select chain_seq from audit_log order by chain_seq`)).rows.map(
      (row) => (row as { chain_seq: number }).chain_seq,
    );

  it('links concurrent entries into one unbroken line', async () => {
    const many = connectDatabase(t.databaseUrl, { max: 20 });
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          withTransaction(many.pool, async (tx) => {
            await tx.db.execute(sql`select pg_sleep(0.01)`);
            await recordAudit(tx.db, {
              actorId: null,
              action: 'test.concurrent',
              subjectType: 'test',
              after: { n },
            });
          }),
        ),
      );
    } finally {
      await many.close();
    }
    const all = await seqs();
    expect(all).toEqual(Array.from({ length: all.length }, (_, index) => index + 1));
    const status = await verify();
    expect(status).toMatchObject({
      intact: true,
      firstBreak: null,
      checked: all.length,
      lastSeq: all.length,
    });
    expect(status.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds an entry edited behind the append-only trigger, and the CLI’s check agrees', async () => {
    for (let n = 0; n < 5; n++) await record(n);
    expect((await verify()).intact).toBe(true);
    const [row] = (
      await t.database.db.execute(
        sql`select id, chain_seq, after from audit_log where action = 'test.recorded' order by chain_seq limit 1 offset 2`,
      )
    ).rows as { id: number; chain_seq: number; after: unknown }[];
    if (!row) throw new Error('no entry');
    // Without the trigger a change goes through unnoticed by the table itself.
    await behindTheTrigger(sql`update audit_log set after = '{"n": 99}' where id = ${row.id}`);
    const broken = await verify();
    expect(broken).toMatchObject({
      intact: false,
      firstBreak: { seq: row.chain_seq, id: row.id, reason: 'content_changed' },
    });
    expect(broken.checked).toBe(row.chain_seq);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({
      intact: false,
      firstBreak: broken.firstBreak,
    });

    // The hourly check raises one alert per first broken entry, however often it runs.
    await runAuditChainCheck(t.app.deps);
    await runAuditChainCheck(t.app.deps);
    const alerts = (
      await t.database.db.execute(
        sql`select dedupe_key, payload from admin_alerts where kind = 'audit_chain_broken'`,
      )
    ).rows;
    expect(alerts).toEqual([
      {
        dedupe_key: `audit_chain_broken:${row.chain_seq}`,
        payload: expect.objectContaining({ seq: row.chain_seq, reason: 'content_changed' }),
      },
    ]);

    await behindTheTrigger(
      sql`update audit_log set after = ${JSON.stringify(row.after)}::jsonb where id = ${row.id}`,
    );
    expect((await verify()).intact).toBe(true);
  });

  it('finds an entry removed from the middle, and one removed from the end', async () => {
    for (let n = 0; n < 3; n++) await record(n);
    const [middle] = (
      await t.database.db.execute(
        sql`select * from audit_log where action = 'test.recorded' order by chain_seq desc limit 1 offset 1`,
      )
    ).rows as { id: number; chain_seq: number }[];
    if (!middle) throw new Error('no entry');
    await behindTheTrigger(sql`delete from audit_log where id = ${middle.id}`);
    expect((await verify()).firstBreak).toEqual({ seq: middle.chain_seq, id: null, reason: 'missing_entry' });

    // Put back as it was (its chain fields included), the chain holds again.
    await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_chain`);
    try {
      await t.database.db.execute(
        sql`insert into audit_log select * from json_populate_record(null::audit_log, ${JSON.stringify(middle)}::json)`,
      );
    } finally {
      await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_chain`);
    }
    expect((await verify()).intact).toBe(true);

    const [last] = (
      await t.database.db.execute(sql`select chain_seq from audit_log order by chain_seq desc limit 1`)
    ).rows as { chain_seq: number }[];
    await behindTheTrigger(sql`delete from audit_log where chain_seq = ${last?.chain_seq}`);
    const status = await verify();
    expect(status).toMatchObject({
      intact: false,
      lastSeq: last?.chain_seq,
      firstBreak: { seq: last?.chain_seq, id: null, reason: 'head_mismatch' },
    });
  });
});
