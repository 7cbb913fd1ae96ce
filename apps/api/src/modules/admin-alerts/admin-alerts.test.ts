import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createPost, person, resetRateLimits } from '../../../test/inside-helpers';
import { submittedPro } from '../../../test/verification-helpers';
import { adminAlerts, flags } from '../../db/schema';
import { noAdminAlertSender } from '../../platform/alerts/admin-alert-sender';
import { ManualClock } from '../../platform/clock';
import { withTransaction } from '../../platform/db/transaction';
import { alertMessage } from './admin-alerts.messages';
import { type AdminAlert, raiseAdminAlert, raiseFailedJobAlerts, sendAdminAlert } from './index';

/** A local stand-in for the Slack incoming webhook: records the posted JSON, answers what the test sets. */
async function slackStandIn() {
  const posts: { text: string; blocks: unknown[] }[] = [];
  const state = { status: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (state.status === 200) posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response
        .writeHead(state.status, { 'content-type': 'text/plain' })
        .end(state.status === 200 ? 'ok' : 'oops');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T0/B0/x`,
    posts,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type SlackStandIn = Awaited<ReturnType<typeof slackStandIn>>;

async function alertRows(t: TestApp, kind?: string) {
  const rows = await t.database.db.select().from(adminAlerts).orderBy(adminAlerts.createdAt);
  return kind ? rows.filter((row) => row.kind === kind) : rows;
}

async function sendJobsFor(t: TestApp, alertId: string) {
  const result = await t.database.pool.query(
    `select id from pgboss.job where name = 'admin.alert-send' and data->>'id' = $1`,
    [alertId],
  );
  return result.rowCount;
}

describe('Admin alerts', () => {
  let t: TestApp;
  let slack: SlackStandIn;
  // Set once: the hour windows of the dedupe keys do not move during the run.
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    slack = await slackStandIn();
    t = await createTestApp({ clock, env: { SLACK_WEBHOOK_URL: slack.url } });
  });
  afterAll(async () => {
    await t.close();
    await slack.close();
  });
  beforeEach(() => {
    slack.posts.length = 0;
    slack.state.status = 200;
  });

  // New members' posts wait for review (trust level 0): these authors are trusted, their posts published.
  const trustEveryone = () =>
    t.database.db.execute(sql`update users set trust_level = 1 where trust_level = 0`);

  const raise = (alert: AdminAlert, deps = t.app.deps) =>
    withTransaction(t.database.pool, (tx) => raiseAdminAlert(deps, tx, alert));

  it('writes an alert once per dedupe key and queues its sending in the same commit', async () => {
    const alert: AdminAlert = {
      kind: 'audit_chain_broken',
      dedupeKey: `test:${randomUUID()}`,
      payload: { seq: 7 },
    };
    await raise(alert);
    await raise(alert);
    const rows = (await alertRows(t)).filter((row) => row.dedupeKey === alert.dedupeKey);
    expect(rows).toHaveLength(1);
    expect(await sendJobsFor(t, rows[0]?.id ?? '')).toBe(1);

    // Rolled back with what caused it: neither the alert nor its job exist.
    const rolledBack = `test:${randomUUID()}`;
    await expect(
      withTransaction(t.database.pool, async (tx) => {
        await raiseAdminAlert(t.app.deps, tx, { ...alert, dedupeKey: rolledBack });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect((await alertRows(t)).some((row) => row.dedupeKey === rolledBack)).toBe(false);
  });

  it('keeps the alert in the table without queuing anything when no Slack destination is set', async () => {
    const dedupeKey = `test:${randomUUID()}`;
    await raise(
      { kind: 'flag_wave', dedupeKey, payload: { count: 10, minutes: 15 } },
      {
        ...t.app.deps,
        alerts: noAdminAlertSender,
      },
    );
    const [row] = (await alertRows(t)).filter((alert) => alert.dedupeKey === dedupeKey);
    expect(row?.sentAt).toBeNull();
    expect(await sendJobsFor(t, row?.id ?? '')).toBe(0);
  });

  it('sends an alert once, bilingual, with the link to its admin page', async () => {
    const dedupeKey = `test:${randomUUID()}`;
    await raise({
      kind: 'verification_requested',
      dedupeKey,
      payload: { verificationId: 'v-1', name: 'Julien T' },
    });
    const [row] = (await alertRows(t)).filter((alert) => alert.dedupeKey === dedupeKey);
    const id = row?.id ?? '';

    expect(await sendAdminAlert(t.app.deps, id)).toBe('sent');
    expect(await sendAdminAlert(t.app.deps, id)).toBe('already-sent');
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]?.text).toBe(
      'Nouvelle demande de vérification\u00a0: Julien T / New verification request: Julien T ' +
        '<http://capitune.test/admin/verifications/v-1|http://capitune.test/admin/verifications/v-1>',
    );
    const [sent] = await t.database.db.select().from(adminAlerts).where(eq(adminAlerts.id, id));
    expect(sent?.sentAt).toEqual(clock.now());
    expect(sent?.attempts).toBe(1);
    expect(sent?.lastError).toBeNull();
  });

  it('records the attempt and Slack’s error when Slack answers 500, and sends on the retry', async () => {
    const dedupeKey = `test:${randomUUID()}`;
    await raise({ kind: 'job_failed', dedupeKey, payload: { queue: 'email.send', error: 'boom', count: 1 } });
    const [row] = (await alertRows(t)).filter((alert) => alert.dedupeKey === dedupeKey);
    const id = row?.id ?? '';

    slack.state.status = 500;
    await expect(sendAdminAlert(t.app.deps, id)).rejects.toThrow('HTTP 500');
    let [stored] = await t.database.db.select().from(adminAlerts).where(eq(adminAlerts.id, id));
    expect(stored).toMatchObject({ sentAt: null, attempts: 1 });
    expect(stored?.lastError).toContain('Slack webhook refused the alert: HTTP 500');

    slack.state.status = 200;
    expect(await sendAdminAlert(t.app.deps, id)).toBe('sent');
    [stored] = await t.database.db.select().from(adminAlerts).where(eq(adminAlerts.id, id));
    expect(stored).toMatchObject({ attempts: 2, lastError: null });
    expect(slack.posts).toHaveLength(1);
  });

  it('raises one alert when a pro submits their verification file', async () => {
    const pro = await submittedPro(t);
    const rows = (await alertRows(t, 'verification_requested')).filter(
      (row) => (row.payload as { verificationId?: string }).verificationId === pro.fileId,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toEqual({ verificationId: pro.fileId, name: 'Julien Tremblay' });
    expect(await sendJobsFor(t, rows[0]?.id ?? '')).toBe(1);
  });

  it('raises one alert for a wave of flags on one target, not one per flag', async () => {
    const author = await person(t.app, t.database);
    const flaggers = [
      await person(t.app, t.database),
      await person(t.app, t.database),
      await person(t.app, t.database),
    ];
    await trustEveryone();
    const post = await createPost(t.app, author);
    const waveKey = `flag_wave:${clock.now().toISOString().slice(0, 13)}:post:${post.id}`;
    for (const [index, flagger] of flaggers.entries()) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/flags',
        headers: flagger.auth,
        payload: { targetType: 'post', targetId: post.id, reason: 'spam' },
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      const raised = (await alertRows(t, 'flag_wave')).filter((row) => row.dedupeKey === waveKey);
      // Two flags are no wave; the third is (FLAG_WAVE_PER_TARGET).
      expect(raised).toHaveLength(index < 2 ? 0 : 1);
    }
  });

  it('raises one alert for a wave of flags across Inside within 15 minutes, once per hour', async () => {
    await resetRateLimits(t.database);
    const flagger = await person(t.app, t.database);
    const [{ recent = 0 } = {}] = (
      await t.database.db.execute<{ recent: number }>(
        sql`select count(*)::int as recent from flags where resolved_at is null
             and created_at > ${new Date(clock.now().getTime() - 15 * 60_000)}`,
      )
    ).rows;
    // Flags of other members on other targets, up to one short of the wave.
    const others = Math.max(0, 9 - recent);
    if (others > 0) {
      await t.database.db.insert(flags).values(
        Array.from({ length: others }, () => ({
          targetType: 'post' as const,
          targetId: randomUUID(),
          userId: flagger.userId,
          reason: 'spam' as const,
          createdAt: clock.now(),
        })),
      );
    }
    const waveKey = `flag_wave:${clock.now().toISOString().slice(0, 13)}`;
    const author = await person(t.app, t.database);
    await trustEveryone();
    for (let index = 0; index < 3; index++) {
      const post = await createPost(t.app, author);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/flags',
        headers: flagger.auth,
        payload: { targetType: 'post', targetId: post.id, reason: 'spam' },
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
    const raised = (await alertRows(t, 'flag_wave')).filter((row) => row.dedupeKey === waveKey);
    expect(raised).toHaveLength(1);
    expect(raised[0]?.payload).toEqual({ count: 10, minutes: 15 });
  });

  it('raises one job_failed alert for a job that failed its last retry', async () => {
    const jobId = await t.jobs.send('maintenance.hourly', {}, { retryLimit: 0 });
    const [job] = await t.jobs.fetch('maintenance.hourly');
    expect(job?.id).toBe(jobId);
    await t.jobs.fail('maintenance.hourly', job?.id ?? '', { message: 'disk full' });

    await raiseFailedJobAlerts(t.app.deps);
    await raiseFailedJobAlerts(t.app.deps);
    const raised = await alertRows(t, 'job_failed');
    const forQueue = raised.filter(
      (row) => (row.payload as { queue?: string }).queue === 'maintenance.hourly',
    );
    expect(forQueue).toHaveLength(1);
    expect(forQueue[0]?.payload).toEqual({
      queue: 'maintenance.hourly',
      jobId,
      count: 1,
      error: 'disk full',
    });
    expect(await sendJobsFor(t, forQueue[0]?.id ?? '')).toBe(1);
  });
});

describe('Admin alerts through the workers', () => {
  let t: TestApp;
  let slack: SlackStandIn;

  beforeAll(async () => {
    slack = await slackStandIn();
    t = await createTestApp({ workers: true, env: { SLACK_WEBHOOK_URL: slack.url } });
  });
  afterAll(async () => {
    await t.close();
    await slack.close();
  });

  it('posts a raised alert through the admin.alert-send job and marks it sent', async () => {
    await withTransaction(t.database.pool, (tx) =>
      raiseAdminAlert(t.app.deps, tx, {
        kind: 'audit_chain_broken',
        dedupeKey: 'audit_chain_broken:42',
        payload: { seq: 42, reason: 'hash' },
      }),
    );
    await expect.poll(() => slack.posts.length, { timeout: 15_000, interval: 200 }).toBe(1);
    expect(slack.posts[0]?.text).toContain('Audit log chain broken: entry 42 (hash)');
    await expect
      .poll(async () => (await alertRows(t))[0]?.sentAt ?? null, { timeout: 5_000, interval: 200 })
      .not.toBeNull();
  });

  it('alerts the channel of a job whose handler failed its last try', async () => {
    await t.jobs.createQueue('test.always-fails', { retryLimit: 0 });
    await t.jobs.work('test.always-fails', { pollingIntervalSeconds: 0.5 }, async () => {
      throw new Error('the relay is down');
    });
    const jobId = await t.jobs.send('test.always-fails', {});
    await expect
      .poll(async () => (await t.jobs.getJobById('test.always-fails', jobId ?? ''))?.state, {
        timeout: 10_000,
      })
      .toBe('failed');
    await raiseFailedJobAlerts(t.app.deps);
    await expect
      .poll(
        () =>
          slack.posts.some((post) => post.text.includes('Job failed: test.always-fails — the relay is down')),
        {
          timeout: 15_000,
          interval: 200,
        },
      )
      .toBe(true);
  });
});

describe('Alert messages', () => {
  const url = 'https://capitune.ca';

  it('says each kind in French then English, with French typography and its admin page', () => {
    expect(alertMessage('flag_wave', { count: 12, minutes: 15 }, url)).toEqual({
      text: 'Vague de signalements\u00a0: 12 signalements en 15 minutes / Flag wave: 12 flags in 15 minutes',
      lines: [
        'Vague de signalements\u00a0: 12 signalements en 15 minutes',
        'Flag wave: 12 flags in 15 minutes',
      ],
      link: 'https://capitune.ca/admin/moderation',
    });
    expect(alertMessage('flag_wave', { count: 3, targetType: 'comment', targetId: 'c' }, url).lines).toEqual([
      'Vague de signalements\u00a0: 3 signalements sur un commentaire',
      'Flag wave: 3 flags on a comment',
    ]);
    expect(alertMessage('job_failed', { queue: 'email.send', count: 4, error: 'ECONNREFUSED' }, url)).toEqual(
      {
        text: 'Tâche en échec\u00a0: email.send (×4) — ECONNREFUSED / Job failed: email.send (×4) — ECONNREFUSED',
        lines: [
          'Tâche en échec\u00a0: email.send (×4) — ECONNREFUSED',
          'Job failed: email.send (×4) — ECONNREFUSED',
        ],
        link: 'https://capitune.ca/admin',
      },
    );
    expect(alertMessage('audit_chain_broken', { seq: 9, id: 'x', reason: 'hash' }, url)).toMatchObject({
      lines: [
        'Chaîne du journal d’audit rompue\u00a0: entrée 9 (hash)',
        'Audit log chain broken: entry 9 (hash)',
      ],
      link: 'https://capitune.ca/admin/audit',
    });
  });
});
