import type { TAdminStats } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { type Person, person } from '../../../test/inside-helpers';
import { statsSnapshots } from '../../db/schema';
import { csvDocument } from '../../lib/csv';
import { ManualClock } from '../../platform/clock';
import { refreshStats } from './index';
import { statsCsvRows } from './stats.service';

// Noon in Montréal (UTC−5 in November): the 30-day period runs from 2026-10-27 to 2026-11-25.
const NOW = '2026-11-25T17:00:00Z';
const HOUR = 3600;
const DAY = 24 * HOUR;

describe('Platform statistics', () => {
  let t: TestApp;
  const clock = new ManualClock(NOW);
  let admin: Person;
  let candidate: Person;
  let pro: Person;
  const ago = (seconds: number) => new Date(Date.parse(NOW) - seconds * 1000).toISOString();
  let seq = 0;

  /** A member written directly, created at `createdAt` (the people above were created 30 days ago). */
  async function member(role: 'candidate' | 'pro' | 'admin', createdAt: string): Promise<string> {
    seq += 1;
    const result = await t.database.db.execute<{ id: string }>(sql`
      insert into users (email, password_hash, role, first_name, last_name, created_at)
      values (${`stats-${seq}@example.ca`}, 'x', ${role}, 'Stat', ${`Member ${seq}`}, ${createdAt}::timestamptz)
      returning id`);
    const id = result.rows[0]?.id;
    if (!id) throw new Error('no user');
    return id;
  }
  const session = (userId: string, lastUsedAt: string) =>
    t.database.db.execute(sql`
      insert into sessions (user_id, last_used_at, expires_at)
      values (${userId}, ${lastUsedAt}::timestamptz, ${lastUsedAt}::timestamptz + interval '30 days')`);

  const get = (url: string, who: Person) => t.app.inject({ method: 'GET', url, headers: who.auth });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await person(t.app, t.database, 'admin');
    candidate = await person(t.app, t.database);
    pro = await person(t.app, t.database, 'pro');
    // Their sign-in sessions: used an hour ago.
    await t.database.db.execute(sql`update sessions set last_used_at = ${ago(HOUR)}::timestamptz`);

    // Sign-ups: 2026-11-20 two candidates and a pro; late on 2026-11-23 in Montréal (already the 24th in
    // UTC) a candidate; today an admin; and a candidate 40 days ago, before the period.
    const c1 = await member('candidate', '2026-11-20T15:00:00Z');
    const c2 = await member('candidate', '2026-11-20T18:00:00Z');
    await member('pro', '2026-11-20T16:00:00Z');
    const c3 = await member('candidate', '2026-11-24T04:30:00Z');
    await member('admin', '2026-11-25T14:00:00Z');
    const old = await member('candidate', ago(40 * DAY));

    // Activity: c1 twice within the day (counted once), c2 3 days ago, c3 20 days ago, old 40 days ago.
    await session(c1, ago(2 * HOUR));
    await session(c1, ago(5 * HOUR));
    await session(c2, ago(3 * DAY));
    await session(c3, ago(20 * DAY));
    await session(old, ago(40 * DAY));

    // Dossiers: two in the first program (draft, submitted), one in the second (draft).
    const programs = await t.database.db.execute<{ id: string }>(
      sql`select id from programs order by sort_order limit 2`,
    );
    const [first, second] = programs.rows.map((row) => row.id);
    const dossier = async (ownerId: string, programId: string | undefined, status: string) => {
      const created = await t.database.db.execute<{ id: string; member_id: string }>(sql`
        with d as (insert into dossiers (owner_id, program_id, status) values (${ownerId}, ${programId}, ${status})
                   returning id)
        insert into dossier_members (dossier_id, role, full_name) select id, 'principal', 'Stat Member' from d
        returning dossier_id as id, id as member_id`);
      const row = created.rows[0];
      if (!row) throw new Error('no dossier');
      return row;
    };
    const d1 = await dossier(c1, first, 'draft');
    await dossier(c2, first, 'submitted');
    await dossier(c3, second, 'draft');

    // Documents: two awaiting review (the oldest 2 days old); three reviewed in the period after 1, 3 and
    // 10 hours (median 3 hours); one reviewed 60 days ago, outside the period.
    let version = 0;
    const document = async (status: string, createdAt: string, reviewedAt: string | null) => {
      version += 1;
      await t.database.db.execute(sql`
        insert into documents (dossier_id, member_id, version, status, original_name, content_type, size_bytes,
          sha256, uploaded_by, created_at, reviewed_at)
        values (${d1.id}, ${d1.member_id}, ${version}, ${status}, 'passeport.pdf', 'application/pdf', 100, 'x',
          ${c1}, ${createdAt}::timestamptz, ${reviewedAt}::timestamptz)`);
    };
    await document('pending', ago(10 * HOUR), null);
    await document('pending', ago(2 * DAY), null);
    await document('approved', ago(5 * DAY), ago(5 * DAY - HOUR));
    await document('rejected', ago(4 * DAY), ago(4 * DAY - 3 * HOUR));
    await document('approved', ago(3 * DAY), ago(3 * DAY - 10 * HOUR));
    await document('approved', ago(61 * DAY), ago(60 * DAY));

    // Messages: three on 2026-11-24, one today.
    let messageSeq = 0;
    for (const at of ['2026-11-24T14:00:00Z', '2026-11-24T15:00:00Z', '2026-11-24T20:00:00Z', NOW]) {
      messageSeq += 1;
      await t.database.db.execute(sql`
        insert into messages (dossier_id, seq, author_id, client_id, body, created_at)
        values (${d1.id}, ${messageSeq}, ${c1}, gen_random_uuid(), 'Bonjour', ${at}::timestamptz)`);
    }

    // Inside: two posts on 2026-11-22; flags: three resolved in the period after 1, 2 and 6 hours (median
    // 2 hours), one still open today.
    const post = async (at: string) => {
      const created = await t.database.db.execute<{ id: string }>(sql`
        insert into posts (author_id, category, language, title, body_source, body_html, body_text, created_at)
        values (${c1}, 'general', 'fr', 'Question', 'Texte', '<p>Texte</p>', 'Texte', ${at}::timestamptz)
        returning id`);
      return created.rows[0]?.id ?? '';
    };
    const postId = await post('2026-11-22T15:00:00Z');
    await post('2026-11-22T16:00:00Z');
    const flag = (userId: string, createdAt: string, resolvedAt: string | null) =>
      t.database.db.execute(sql`
        insert into flags (target_type, target_id, user_id, reason, created_at, resolved_at, resolution)
        values ('post', ${postId}, ${userId}, 'spam', ${createdAt}::timestamptz, ${resolvedAt}::timestamptz,
          ${resolvedAt ? 'dismiss' : null})`);
    await flag(c1, '2026-11-23T15:00:00Z', '2026-11-23T16:00:00Z');
    await flag(c2, '2026-11-23T15:00:00Z', '2026-11-23T17:00:00Z');
    await flag(c3, '2026-11-24T15:00:00Z', '2026-11-24T21:00:00Z');
    await flag(c1, '2026-11-25T15:00:00Z', null);

    // Webinars: one held on 2026-10-30 (1 seat, attended), one on 2026-11-10 (2 seats, one attended, one
    // cancelled registration); a draft, a cancelled one and an upcoming one are not counted.
    const event = async (startsAt: string, status: string) => {
      const created = await t.database.db.execute<{ id: string }>(sql`
        insert into events (host_id, title, language, category, starts_at, ends_at, time_zone, status)
        values (${pro.userId}, 'Entrée express', 'fr', 'express_entry', ${startsAt}::timestamptz,
          ${startsAt}::timestamptz + interval '1 hour', 'America/Toronto', ${status})
        returning id`);
      return created.rows[0]?.id ?? '';
    };
    const registration = (eventId: string, userId: string, status: string, attended: boolean) =>
      t.database.db.execute(sql`
        insert into event_registrations (event_id, user_id, status, queued_at, attended_at)
        values (${eventId}, ${userId}, ${status}, ${ago(50 * DAY)}::timestamptz,
          ${attended ? ago(10 * DAY) : null}::timestamptz)`);
    const october = await event('2026-10-30T18:00:00Z', 'scheduled');
    await registration(october, c1, 'registered', true);
    const november = await event('2026-11-10T18:00:00Z', 'scheduled');
    await registration(november, c1, 'registered', true);
    await registration(november, c2, 'registered', false);
    await registration(november, c3, 'cancelled', false);
    for (const [at, status] of [
      ['2026-11-12T18:00:00Z', 'draft'],
      ['2026-11-13T18:00:00Z', 'cancelled'],
      ['2026-11-28T18:00:00Z', 'scheduled'],
    ] as const) {
      await registration(await event(at, status), c1, 'registered', false);
    }

    // Verification queue: three pros' files submitted 1, 3 and 5 days ago; one still being prepared.
    for (const [days, submitted] of [
      [1, true],
      [3, true],
      [5, true],
      [0, false],
    ] as const) {
      const userId = await member('pro', ago(90 * DAY));
      await t.database.db.execute(sql`
        insert into pro_verifications (user_id, status, submitted_at)
        values (${userId}, 'pending', ${submitted ? ago(days * DAY) : null}::timestamptz)`);
    }
  });
  afterAll(() => t.close());

  const stats = async (days = '30') => {
    const response = await get(`/api/admin/stats?days=${days}`, admin);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TAdminStats;
  };

  it('computes the figures once when no snapshot exists, then serves the snapshot', async () => {
    const first = await stats();
    expect(first.computedAt).toBe('2026-11-25T17:00:00.000Z');
    expect(first).toMatchObject({ days: 30, from: '2026-10-27', to: '2026-11-25' });
    clock.advance(60_000);
    // Served from the snapshot: still the first computation.
    expect((await stats()).computedAt).toBe('2026-11-25T17:00:00.000Z');
    clock.set(NOW);
  });

  it('counts sign-ups per Montréal day by role, zeros included', async () => {
    const { signups } = await stats();
    expect(signups).toHaveLength(30);
    expect(signups[0]).toEqual({ day: '2026-10-27', candidate: 0, pro: 0, admin: 0 });
    const byDay = new Map(signups.map((entry) => [entry.day, entry]));
    expect(byDay.get('2026-11-20')).toEqual({ day: '2026-11-20', candidate: 2, pro: 1, admin: 0 });
    expect(byDay.get('2026-11-23')).toEqual({ day: '2026-11-23', candidate: 1, pro: 0, admin: 0 });
    expect(byDay.get('2026-11-24')).toEqual({ day: '2026-11-24', candidate: 0, pro: 0, admin: 0 });
    expect(byDay.get('2026-11-25')).toEqual({ day: '2026-11-25', candidate: 0, pro: 0, admin: 1 });
    const total = signups.reduce((sum, entry) => sum + entry.candidate + entry.pro + entry.admin, 0);
    expect(total).toBe(5);
  });

  it('counts distinct active members over a day, a week and a month', async () => {
    // The three signed-in people and c1 within the day; c2 within the week; c3 within the month.
    expect((await stats()).activeMembers).toEqual({ day: 4, week: 5, month: 6 });
  });

  it('counts dossiers by program and status, and measures document reviews', async () => {
    const result = await stats();
    expect(result.dossiers.byProgram.map((entry) => entry.count)).toEqual([2, 1]);
    expect(result.dossiers.byProgram[0]?.name.fr).toBeTruthy();
    expect(result.dossiers.byStatus).toEqual([
      { status: 'draft', count: 2 },
      { status: 'submitted', count: 1 },
    ]);
    expect(result.documents).toEqual({
      awaitingReview: 2,
      oldestAwaitingSeconds: 2 * DAY,
      reviewed: 3,
      medianReviewSeconds: 3 * HOUR,
    });
    expect((await stats('90')).documents.reviewed).toBe(4);
  });

  it('counts messages, posts and flags per day, and the median moderation delay', async () => {
    const result = await stats();
    const on = (series: { day: string; count: number }[], day: string) =>
      series.find((entry) => entry.day === day)?.count;
    expect(on(result.messages, '2026-11-24')).toBe(3);
    expect(on(result.messages, '2026-11-25')).toBe(1);
    expect(result.messages.reduce((sum, entry) => sum + entry.count, 0)).toBe(4);
    expect(on(result.inside.posts, '2026-11-22')).toBe(2);
    expect(on(result.inside.flags, '2026-11-23')).toBe(2);
    expect(on(result.inside.flags, '2026-11-25')).toBe(1);
    expect(result.inside.resolvedFlags).toBe(3);
    expect(result.inside.medianModerationSeconds).toBe(2 * HOUR);
  });

  it('counts webinars held per month with their seats and attendance, and the verification queue', async () => {
    const result = await stats();
    expect(result.webinars).toEqual([
      { month: '2026-10', events: 1, registrations: 1, attended: 1 },
      { month: '2026-11', events: 1, registrations: 2, attended: 1 },
    ]);
    expect(result.verifications).toEqual({
      pending: 3,
      oldestWaitingSeconds: 5 * DAY,
      medianWaitingSeconds: 3 * DAY,
    });
  });

  it('the refresh job writes a snapshot of every period', async () => {
    clock.set('2026-11-25T17:05:00Z');
    await refreshStats(t.app.deps);
    const rows = await t.database.db.select().from(statsSnapshots);
    expect(rows.map((row) => row.name).sort()).toEqual([
      'admin-stats:v1:30',
      'admin-stats:v1:365',
      'admin-stats:v1:90',
    ]);
    for (const row of rows) expect(row.computedAt.toISOString()).toBe('2026-11-25T17:05:00.000Z');
    const [year] = await t.database.db
      .select()
      .from(statsSnapshots)
      .where(eq(statsSnapshots.name, 'admin-stats:v1:365'));
    expect((year?.body as TAdminStats | undefined)?.signups).toHaveLength(365);
    expect((await stats()).computedAt).toBe('2026-11-25T17:05:00.000Z');
    clock.set(NOW);
  });

  it('exports the figures as CSV with a BOM, a header and formula-safe cells', async () => {
    const response = await get('/api/admin/stats.csv?days=30', admin);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="capitune-stats-.+-30d\.csv"$/,
    );
    expect(response.body.startsWith('\uFEFFmetric,dimension,day,value\r\n')).toBe(true);
    expect(response.body).toContain('\r\nsignups,candidate,2026-11-20,2\r\n');
    expect(response.body).toContain('\r\nactive_members,7d,2026-11-25,5\r\n');
    expect(response.body).toContain('\r\nwebinars,registrations,2026-11,2\r\n');
    expect(response.body).toContain('\r\ndocuments_median_review_seconds,,2026-11-25,10800\r\n');

    // A dimension that looks like a formula is written as text.
    const rows = statsCsvRows({
      ...(await stats()),
      dossiers: {
        byProgram: [{ programId: '=HYPERLINK("x")', name: { fr: 'x', en: 'x' }, count: 1 }],
        byStatus: [],
      },
    });
    expect(rows).toContainEqual(['dossiers_by_program', '=HYPERLINK("x")', '2026-11-25', '1']);
    expect(csvDocument(rows)).toContain(`\r\ndossiers_by_program,"'=HYPERLINK(""x"")",2026-11-25,1\r\n`);
  });

  it('is for admins only, and refuses a period it does not offer', async () => {
    for (const who of [candidate, pro]) {
      expect((await get('/api/admin/stats', who)).statusCode).toBe(403);
      expect((await get('/api/admin/stats.csv', who)).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/stats' })).statusCode).toBe(401);
    for (const days of ['7', 'abc', '-30']) {
      const response = await get(`/api/admin/stats?days=${days}`, admin);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await get('/api/admin/stats.csv?days=12', admin)).statusCode).toBe(400);
  });
});
