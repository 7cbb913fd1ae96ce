import {
  defaultNotificationPreferences,
  type TBatch,
  type TBatchDryRun,
  type TBatchTargetPage,
} from '@capitune/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, STRONG_PASSWORD, stepUp } from '../../../test/auth-helpers';
import { type QuickUser, quickUser } from '../../../test/live-helpers';
import { adminBatchTargets, auditLog, sessions, users, userTags } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { BATCH_RUN_QUEUE, type BatchJob, runBatch, runBatchJob } from './batches.worker';

const HOUR = 3600_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('Admin console: batch operations', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let admin: QuickUser;
  let candidate: QuickUser;
  let pro: QuickUser;
  const optedIn = {
    ...defaultNotificationPreferences,
    announcements: { inApp: true, email: true },
  };
  /** Eight members named Zoé, newest first (the list's order), French and English alternately. */
  let zoes: QuickUser[];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { LOG_LEVEL: 'error' } });
    admin = await quickUser(t, clock, { role: 'admin', firstName: 'Ada' });
    await t.database.db
      .update(users)
      .set({ twoFactorGraceEndsAt: new Date(clock.now().getTime() + 7 * 24 * HOUR) })
      .where(eq(users.id, admin.userId));
    candidate = await quickUser(t, clock, { firstName: 'Camille' });
    pro = await quickUser(t, clock, { role: 'pro' });
    zoes = [];
    for (let index = 0; index < 8; index++) {
      const member = await quickUser(t, clock, { firstName: 'Zoé', locale: index % 2 === 0 ? 'fr' : 'en' });
      // Distinct sign-up times, the first made the newest: the list's order is the order made.
      await t.database.db
        .update(users)
        .set({ createdAt: new Date(clock.now().getTime() - (index + 1) * 24 * HOUR) })
        .where(eq(users.id, member.userId));
      zoes.push(member);
    }
    // Announcement emails are off until a member agrees to optional emails: the Zoés agreed.
    await t.database.db
      .update(users)
      .set({ notificationPreferences: optedIn })
      .where(
        inArray(
          users.id,
          zoes.map((member) => member.userId),
        ),
      );
  });
  afterAll(() => t.close());

  const post = async (payload: Record<string, unknown>, who: QuickUser = admin) =>
    t.app.inject({ method: 'POST', url: '/api/admin/batches', headers: await who.auth(), payload });
  const get = async (url: string, who: QuickUser = admin) =>
    t.app.inject({ method: 'GET', url, headers: await who.auth() });
  const dryRun = async (payload: Record<string, unknown>) => {
    // Each batch at its own time: the list's order is then known.
    clock.advance(1000);
    const response = await post({ dryRun: true, ...payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as TBatchDryRun;
  };
  const confirm = async (dry: TBatchDryRun) => {
    const response = await post({ dryRunId: dry.id, confirmCount: dry.count });
    expect(response.statusCode, response.body).toBe(202);
    return response.json() as TBatch;
  };
  const batch = async (id: string) => (await get(`/api/admin/batches/${id}`)).json() as TBatch;
  const jobsOf = async (batchId: string) => {
    const { rows } = await t.database.pool.query<{ data: BatchJob }>(
      `select data from pgboss.job where name = $1 and data->>'batchId' = $2 order by created_on`,
      [BATCH_RUN_QUEUE, batchId],
    );
    return rows.map((row) => row.data);
  };
  /** Runs the batch's latest job as a worker would. */
  const work = async (batchId: string) => {
    const job = (await jobsOf(batchId)).at(-1);
    if (!job) throw new Error('no job queued');
    return runBatchJob(t.app.deps, { data: job, expireInSeconds: 120 });
  };
  const undo = async (id: string) =>
    t.app.inject({ method: 'POST', url: `/api/admin/batches/${id}/undo`, headers: await admin.auth() });
  /** Audit entries per subject; with a batch, only the entries of that batch. */
  const auditCount = async (action: string, subjectIds: string[], batchId?: string) => {
    const rows = await t.database.db
      .select({ subjectId: auditLog.subjectId, count: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, action),
          inArray(auditLog.subjectId, subjectIds),
          batchId ? sql`${auditLog.after}->>'batchId' = ${batchId}` : undefined,
        ),
      )
      .groupBy(auditLog.subjectId);
    return new Map(rows.map((row) => [row.subjectId, row.count]));
  };
  const token = async (who: QuickUser) => (await who.auth()).authorization.slice('Bearer '.length);
  const ids = (members: QuickUser[]) => members.map((member) => member.userId);

  it('refuses anonymous callers (401), candidates and pros (403), unknown batches (404)', async () => {
    const routes = [
      {
        method: 'POST' as const,
        url: '/api/admin/batches',
        payload: { action: 'lift', userIds: [UNKNOWN_ID], dryRun: true },
      },
      { method: 'GET' as const, url: '/api/admin/batches' },
      { method: 'GET' as const, url: `/api/admin/batches/${UNKNOWN_ID}` },
      { method: 'GET' as const, url: `/api/admin/batches/${UNKNOWN_ID}/targets` },
      { method: 'POST' as const, url: `/api/admin/batches/${UNKNOWN_ID}/undo` },
    ];
    for (const route of routes) {
      expect((await t.app.inject(route)).statusCode).toBe(401);
      for (const who of [candidate, pro]) {
        const refused = await t.app.inject({ ...route, headers: await who.auth() });
        expect(refused.statusCode).toBe(403);
      }
    }
    for (const url of [`/api/admin/batches/${UNKNOWN_ID}`, `/api/admin/batches/${UNKNOWN_ID}/targets`]) {
      expect((await get(url)).statusCode).toBe(404);
    }
    expect((await undo(UNKNOWN_ID)).statusCode).toBe(404);
  });

  it('refuses incomplete requests field by field (400)', async () => {
    const fields = async (payload: Record<string, unknown>) => {
      const response = await post(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      return (response.json().errors as { path: string; code: string }[]).map(
        (error) => `${error.path}:${error.code}`,
      );
    };
    expect(await fields({ action: 'suspend', userIds: [UNKNOWN_ID], dryRun: true })).toContain(
      'body.reason:required',
    );
    expect(await fields({ action: 'tag', filter: {}, dryRun: true })).toContain('body.tag:required');
    expect(await fields({ action: 'announce', filter: {}, dryRun: true })).toContain(
      'body.announcement:required',
    );
    const halfAnnouncement = { fr: { subject: 'Bonjour', body: 'Texte' } };
    expect(
      (await fields({ action: 'announce', filter: {}, announcement: halfAnnouncement, dryRun: true })).some(
        (field) => field.startsWith('body.announcement.en'),
      ),
    ).toBe(true);
    expect(await fields({ action: 'lift', dryRun: true })).toContain('body.filter:one_of_filter_or_ids');
    expect(await fields({ action: 'lift', filter: {}, userIds: [UNKNOWN_ID], dryRun: true })).toContain(
      'body.filter:one_of_filter_or_ids',
    );
    expect(await fields({ action: 'lift', filter: {}, reason: 'Non', dryRun: true })).toContain(
      'body.reason:not_allowed',
    );
    expect(await fields({ action: 'lift', filter: {} })).toContain('body.dryRun:required');
    expect(await fields({ dryRunId: UNKNOWN_ID })).toContain('body.confirmCount:required');
    const tooMany = Array.from({ length: 10_001 }, () => UNKNOWN_ID);
    expect((await post({ action: 'lift', userIds: tooMany, dryRun: true })).statusCode).toBe(400);
    const past = await post({
      action: 'suspend',
      userIds: [UNKNOWN_ID],
      reason: 'Spam',
      until: new Date(clock.now().getTime() - HOUR).toISOString(),
      dryRun: true,
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.until');
  });

  it('a dry run says exactly how many and who, by filter (accents folded) and by ids, and lists them all', async () => {
    const byName = await dryRun({ action: 'tag', tag: 'zoe', filter: { q: 'ZOE' } });
    expect(byName.count).toBe(8);
    expect(byName.sample.map((person) => person.id)).toEqual(ids(zoes));
    expect(byName.sample[0]).toMatchObject({
      firstName: 'Zoé',
      lastName: 'Diallo',
      role: 'candidate',
      status: 'active',
    });
    expect(byName.expiresAt).toBe(new Date(clock.now().getTime() + HOUR).toISOString());

    const pros = await dryRun({ action: 'tag', tag: 'pros', filter: { role: 'pro' } });
    expect(pros).toMatchObject({ count: 1, sample: [{ id: pro.userId }] });

    const signedUp = await dryRun({
      action: 'tag',
      tag: 'old',
      filter: { q: 'zoé', signedUpTo: new Date(clock.now().getTime() - 6.5 * 24 * HOUR).toISOString() },
    });
    expect(signedUp.sample.map((person) => person.id)).toEqual(ids(zoes.slice(6)));

    // Given by ids: in the list's order whatever the order given, unknown ids left out, duplicates once.
    const given = [zoes[5], zoes[1], zoes[3]].map((member) => member?.userId);
    const byIds = await dryRun({ action: 'end_sessions', userIds: [...given, UNKNOWN_ID, zoes[1]?.userId] });
    expect(byIds.count).toBe(3);
    expect(byIds.sample.map((person) => person.id)).toEqual(ids([zoes[1], zoes[3], zoes[5]] as QuickUser[]));

    // Every person, page by page, in the same order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        `/api/admin/batches/${byName.id}/targets?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json() as TBatchTargetPage;
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(zoes));
    expect((await get(`/api/admin/batches/${byName.id}/targets?cursor=abc`)).statusCode).toBe(400);

    const view = await batch(byName.id);
    expect(view).toMatchObject({
      action: 'tag',
      status: 'dry_run',
      count: 8,
      processed: 0,
      createdBy: { id: admin.userId, name: 'Ada Diallo' },
      canUndo: false,
      undoUntil: null,
      params: { filter: { q: 'ZOE' }, userIdCount: null, tag: 'zoe', subjects: null },
    });
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'batch.dry_run'), eq(auditLog.subjectId, byName.id)));
    expect(entry).toMatchObject({ actorId: admin.userId, subjectType: 'batch' });

    const list = await get('/api/admin/batches?limit=2');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: TBatch) => item.id)).toEqual([byIds.id, signedUp.id]);
    expect(list.json().nextCursor).toEqual(expect.any(String));
    // Ids given are counted (each once), not listed, on the batch's page.
    expect(list.json().items[0].params).toMatchObject({ filter: null, userIdCount: 4 });
    const next = await get(`/api/admin/batches?limit=2&cursor=${list.json().nextCursor}`);
    expect(next.json().items.map((item: TBatch) => item.id)).toEqual([pros.id, byName.id]);
  });

  it('runs a dry run only with its exact count, once, within the hour (409 BATCH_NOT_CONFIRMED)', async () => {
    const dry = await dryRun({ action: 'tag', tag: 'confirm-test', userIds: ids(zoes.slice(0, 2)) });
    const refused = async (payload: Record<string, unknown>) => {
      const response = await post(payload);
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().code).toBe('BATCH_NOT_CONFIRMED');
    };
    await refused({ dryRunId: dry.id, confirmCount: 3 });
    await refused({ dryRunId: UNKNOWN_ID, confirmCount: 2 });
    expect(await jobsOf(dry.id)).toEqual([]);

    const queued = await confirm(dry);
    expect(queued).toMatchObject({
      id: dry.id,
      status: 'queued',
      count: 2,
      confirmedAt: clock.now().toISOString(),
    });
    // The job was queued with the batch, in its transaction.
    expect(await jobsOf(dry.id)).toEqual([{ batchId: dry.id, mode: 'run', actorId: admin.userId }]);
    await refused({ dryRunId: dry.id, confirmCount: 2 });

    const stale = await dryRun({ action: 'tag', tag: 'confirm-test', userIds: ids(zoes.slice(0, 2)) });
    clock.advance(HOUR + 1000);
    await refused({ dryRunId: stale.id, confirmCount: 2 });
    expect(await work(dry.id)).toBe('finished');
  });

  it('tags everyone once, then an undo within 24 hours takes the tag off again', async () => {
    const members = zoes.slice(0, 5);
    const dry = await dryRun({ action: 'tag', tag: 'vip', userIds: ids(members) });
    await confirm(dry);
    expect(await work(dry.id)).toBe('finished');

    const done = await batch(dry.id);
    expect(done).toMatchObject({ status: 'done', processed: 5, skipped: 0, canUndo: true });
    expect(done.undoUntil).toBe(new Date(clock.now().getTime() + 24 * HOUR).toISOString());
    const tagged = await t.database.db.select().from(userTags).where(eq(userTags.tag, 'vip'));
    expect(tagged.map((row) => row.userId).sort()).toEqual(ids(members).sort());
    const entries = await auditCount('user.tagged', ids(members), dry.id);
    expect(ids(members).map((id) => entries.get(id))).toEqual([1, 1, 1, 1, 1]);
    expect((await auditCount('batch.finished', [dry.id])).get(dry.id)).toBe(1);

    // Tagging them again skips them all: nothing to change.
    const again = await dryRun({ action: 'tag', tag: 'vip', userIds: ids(members) });
    await confirm(again);
    await work(again.id);
    expect(await batch(again.id)).toMatchObject({ status: 'done', processed: 5, skipped: 5 });
    const targets = (await get(`/api/admin/batches/${again.id}/targets`)).json() as TBatchTargetPage;
    expect(targets.items.map((item) => item.outcome)).toEqual([
      'already',
      'already',
      'already',
      'already',
      'already',
    ]);

    clock.advance(23 * HOUR);
    const undoing = await undo(dry.id);
    expect(undoing.statusCode, undoing.body).toBe(202);
    expect(undoing.json()).toMatchObject({ status: 'undoing', canUndo: false });
    expect(await work(dry.id)).toBe('finished');
    expect(await batch(dry.id)).toMatchObject({ status: 'undone', undone: 5 });
    expect(await t.database.db.select().from(userTags).where(eq(userTags.tag, 'vip'))).toEqual([]);
    expect((await auditCount('batch.undone', [dry.id])).get(dry.id)).toBe(1);

    // Undone once: not twice.
    const twice = await undo(dry.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('BATCH_NOT_UNDOABLE');
  });

  it('suspends after a step-up, undoes within 24 hours, and refuses an undo after them', async () => {
    const members = zoes.slice(5, 7);
    const dry = await dryRun({ action: 'suspend', reason: 'Pourriels répétés', userIds: ids(members) });
    const noStepUp = await post({ dryRunId: dry.id, confirmCount: dry.count });
    expect(noStepUp.statusCode).toBe(401);
    expect(noStepUp.json().code).toBe('STEP_UP_REQUIRED');
    await stepUp(t.app, await token(admin), STRONG_PASSWORD);
    await confirm(dry);
    await work(dry.id);
    expect(await batch(dry.id)).toMatchObject({ status: 'done', processed: 2, skipped: 0 });
    const suspended = await t.database.db
      .select({ status: users.status, reason: users.suspensionReason, until: users.suspendedUntil })
      .from(users)
      .where(inArray(users.id, ids(members)));
    expect(suspended).toEqual([
      { status: 'suspended', reason: 'Pourriels répétés', until: null },
      { status: 'suspended', reason: 'Pourriels répétés', until: null },
    ]);

    expect((await undo(dry.id)).statusCode).toBe(202);
    await work(dry.id);
    expect(await batch(dry.id)).toMatchObject({ status: 'undone', undone: 2 });
    const restored = await t.database.db
      .select({ status: users.status })
      .from(users)
      .where(inArray(users.id, ids(members)));
    expect(restored).toEqual([{ status: 'active' }, { status: 'active' }]);

    const later = await dryRun({ action: 'suspend', reason: 'Pourriels', userIds: ids(members) });
    await confirm(later);
    await work(later.id);
    clock.advance(24 * HOUR + 1000);
    const late = await undo(later.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('BATCH_NOT_UNDOABLE');
    expect(await batch(later.id)).toMatchObject({ status: 'done', canUndo: false });

    // Lift them again (a step-up of the current clock), for the tests that follow.
    await stepUp(t.app, await token(admin), STRONG_PASSWORD);
    const lift = await dryRun({ action: 'lift', filter: { q: 'zoe', status: 'suspended' } });
    expect(lift.count).toBe(2);
    await confirm(lift);
    await work(lift.id);
    expect(await batch(lift.id)).toMatchObject({ status: 'done', processed: 2, skipped: 0 });

    // Undoing the lift suspends them again as they were.
    expect((await undo(lift.id)).statusCode).toBe(202);
    await work(lift.id);
    expect(await batch(lift.id)).toMatchObject({ status: 'undone', undone: 2 });
    const again = await t.database.db
      .select({ status: users.status, reason: users.suspensionReason })
      .from(users)
      .where(inArray(users.id, ids(members)));
    expect(again).toEqual([
      { status: 'suspended', reason: 'Pourriels' },
      { status: 'suspended', reason: 'Pourriels' },
    ]);
    await t.database.db
      .update(users)
      .set({ status: 'active', suspensionReason: null })
      .where(inArray(users.id, ids(members)));
  });

  it('ends sessions, and refuses to undo that (409 BATCH_NOT_UNDOABLE)', async () => {
    const member = zoes[0] as QuickUser;
    const dry = await dryRun({ action: 'end_sessions', userIds: [member.userId] });
    await confirm(dry);
    await work(dry.id);
    expect(await batch(dry.id)).toMatchObject({
      status: 'done',
      processed: 1,
      undoUntil: null,
      canUndo: false,
    });
    const open = await t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, member.userId), sql`${sessions.revokedAt} is null`));
    expect(open).toEqual([]);
    const refused = await undo(dry.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('BATCH_NOT_UNDOABLE');
  });

  it('emails an announcement to each member once, in their language, skipping those who opted out or are suspended', async () => {
    const [optedOut, suspended, ...others] = zoes;
    await t.database.db
      .update(users)
      .set({
        notificationPreferences: {
          messages: { inApp: true, email: true },
          document_decisions: { inApp: true, email: true },
          webinar_reminders: { inApp: true, email: true },
          community_replies: { inApp: true, email: false },
          announcements: { inApp: true, email: false },
        },
      })
      .where(eq(users.id, optedOut?.userId ?? ''));
    await t.database.db
      .update(users)
      .set({ status: 'suspended', suspensionReason: 'Test' })
      .where(eq(users.id, suspended?.userId ?? ''));
    const announcement = {
      fr: {
        subject: 'Nouveautés de décembre',
        body: 'Bonjour à tous !\n\nLes webinaires <reprennent> lundi.',
      },
      en: { subject: 'December news', body: 'Hello everyone!\n\nWebinars <resume> on Monday.' },
    };
    const dry = await dryRun({ action: 'announce', announcement, filter: { q: 'zoe' } });
    expect(dry.count).toBe(8);
    await confirm(dry);
    await work(dry.id);
    expect(await batch(dry.id)).toMatchObject({
      status: 'done',
      processed: 8,
      skipped: 2,
      params: { subjects: { fr: 'Nouveautés de décembre', en: 'December news' } },
    });

    expect(await emailsTo(t.database, optedOut?.email ?? '')).toEqual([]);
    expect(await emailsTo(t.database, suspended?.email ?? '')).toEqual([]);
    for (const member of others) {
      const emails = (await emailsTo(t.database, member.email)).filter(
        (email) => email.template === 'admin.announcement',
      );
      expect(emails).toHaveLength(1);
      const [email] = emails;
      const locale = (
        await t.database.db.select({ locale: users.locale }).from(users).where(eq(users.id, member.userId))
      )[0]?.locale;
      expect(email?.locale).toBe(locale);
      // A non-essential email: its one-click unsubscribe link stops the announcements (issue 19).
      expect(email?.listUnsubscribe).toMatch(
        /^http:\/\/capitune\.test\/api\/email\/unsubscribe\/[\w-]+\.announcements\./,
      );
      if (locale === 'fr') {
        expect(email?.subject).toBe('Nouveautés de décembre');
        expect(email?.text).toContain('Bonjour à tous\u00a0!');
        expect(email?.html).toContain('Les webinaires &#60;reprennent&#62; lundi.');
      } else {
        expect(email?.subject).toBe('December news');
        expect(email?.text).toContain('Webinars <resume> on Monday.');
      }
    }
    const targets = (await get(`/api/admin/batches/${dry.id}/targets`)).json() as TBatchTargetPage;
    const outcomes = new Map(targets.items.map((item) => [item.id, item.outcome]));
    expect(outcomes.get(optedOut?.userId ?? '')).toBe('opted_out');
    expect(outcomes.get(suspended?.userId ?? '')).toBe('inactive');

    expect((await undo(dry.id)).json().code).toBe('BATCH_NOT_UNDOABLE');
    await t.database.db
      .update(users)
      .set({ status: 'active', suspensionReason: null, notificationPreferences: optedIn })
      .where(inArray(users.id, [optedOut?.userId ?? '', suspended?.userId ?? '']));
  });

  it('a run killed midway resumes where its commits end and touches each person once', async () => {
    const members = zoes;
    const dry = await dryRun({ action: 'tag', tag: 'resumed', userIds: ids(members) });
    await confirm(dry);
    const [job] = await jobsOf(dry.id);
    if (!job) throw new Error('no job');

    // The worker dies at the fifth member: the first chunk of three is committed, the second is not.
    let handled = 0;
    const crash = async () => {
      handled += 1;
      if (handled === 5) throw new Error('worker killed');
    };
    await expect(runBatch(t.app.deps, job, { chunkSize: 3, afterMember: crash })).rejects.toThrow(
      'worker killed',
    );
    expect(await batch(dry.id)).toMatchObject({ status: 'failed', processed: 3, error: 'worker killed' });
    const done = await t.database.db
      .select({ userId: adminBatchTargets.userId })
      .from(adminBatchTargets)
      .where(and(eq(adminBatchTargets.batchId, dry.id), sql`${adminBatchTargets.doneAt} is not null`));
    expect(done.map((row) => row.userId).sort()).toEqual(ids(members.slice(0, 3)).sort());

    // A run within a small budget does one chunk and queues its continuation.
    expect(
      await runBatchJob(t.app.deps, { data: job, expireInSeconds: 120 }, { chunkSize: 2, budgetMs: 0 }),
    ).toBe('continued');
    expect(await jobsOf(dry.id)).toHaveLength(2);
    expect(await batch(dry.id)).toMatchObject({ status: 'running', processed: 5, error: null });

    // The retry finishes it.
    expect(await runBatch(t.app.deps, job)).toBe('finished');
    expect(await batch(dry.id)).toMatchObject({ status: 'done', processed: 8, skipped: 0 });
    const entries = await auditCount('user.tagged', ids(members), dry.id);
    expect(ids(members).map((id) => entries.get(id))).toEqual(members.map(() => 1));
    // A late duplicate (the continuation) finds nothing left to do.
    expect(await work(dry.id)).toBe('stale');
  });

  it('an announcement killed midway emails each member once', async () => {
    const members = zoes;
    const announcement = {
      fr: { subject: 'Relance', body: 'Un message.' },
      en: { subject: 'Follow-up', body: 'A message.' },
    };
    const dry = await dryRun({ action: 'announce', announcement, userIds: ids(members) });
    await confirm(dry);
    const [job] = await jobsOf(dry.id);
    if (!job) throw new Error('no job');
    let handled = 0;
    await expect(
      runBatch(t.app.deps, job, {
        chunkSize: 3,
        afterMember: () => {
          handled += 1;
          if (handled === 4) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(await runBatch(t.app.deps, job, { chunkSize: 3 })).toBe('finished');
    for (const member of members) {
      const emails = (await emailsTo(t.database, member.email)).filter((email) =>
        ['Relance', 'Follow-up'].includes(email.subject),
      );
      expect(emails).toHaveLength(1);
    }
    expect(await batch(dry.id)).toMatchObject({ status: 'done', processed: 8, skipped: 0 });
  });
});
