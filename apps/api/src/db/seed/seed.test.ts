import { parseStreamLink } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { verifyPassword } from '../../lib/password';
import { users } from '../schema';
import {
  demoAccounts,
  demoCandidates,
  demoEvents,
  demoPassword,
  demoPastEvents,
  demoPosts,
  demoPros,
  demoReviewers,
  seedDemoData,
} from '.';

/** Every table the demo seed writes, counted. */
const demoCounts = sql`select
  (select count(*)::int from users) as users, (select count(*)::int from pro_verifications) as files,
  (select count(*)::int from pro_profiles) as profiles, (select count(*)::int from pro_reviews) as reviews,
  (select count(*)::int from dossiers) as dossiers, (select count(*)::int from licence_conflicts) as conflicts,
  (select count(*)::int from dossier_members) as members, (select count(*)::int from documents) as documents,
  (select count(*)::int from milestones) as milestones, (select count(*)::int from messages) as messages,
  (select count(*)::int from dossier_notes) as notes, (select count(*)::int from assignment_requests) as requests,
  (select count(*)::int from posts) as posts, (select count(*)::int from comments) as comments,
  (select count(*)::int from post_likes) as post_likes, (select count(*)::int from comment_likes) as comment_likes,
  (select count(*)::int from events) as events, (select count(*)::int from event_registrations) as registrations,
  (select coalesce(sum(seats_taken), 0)::int from events) as seats`;

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates the demo accounts once, with argon2id password hashes', async () => {
    expect(await seedDemoData(t.database.db, { storage: t.storage })).toEqual({
      created: demoAccounts.length + demoCandidates.length,
      events: demoEvents.length + demoPastEvents.length,
    });
    const counted = async () => (await t.database.db.execute<Record<string, number>>(demoCounts)).rows[0];
    const first = await counted();
    // A later start, the next day: nothing is added or duplicated.
    expect(
      await seedDemoData(t.database.db, { storage: t.storage, now: new Date(Date.now() + 86_400_000) }),
    ).toEqual({ created: 0, events: 0 });
    expect(await counted()).toEqual(first);
    expect(first).toMatchObject({ posts: demoPosts.length, requests: 3 });
    const rows = await t.database.db.select().from(users);
    const emails = [...demoAccounts, ...demoCandidates, ...demoPros, ...demoReviewers].map(
      (account) => account.email,
    );
    expect(rows.map((row) => row.email).sort()).toEqual([...new Set(emails)].sort());
    for (const row of rows.filter((row) => demoAccounts.some((account) => account.email === row.email))) {
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.passwordHash, demoPassword)).toBe(true);
      expect(row.emailVerifiedAt).toBeInstanceOf(Date);
    }
  });

  it('gives the demo pro upcoming webinars with valid stream links, shown in the Live list', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/events?limit=100' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { title: string; status: string; host: { firstName: string } }[];
    expect(items.map((item) => item.title)).toEqual(demoEvents.map((demo) => demo.title));
    for (const item of items) {
      expect(item.status).toBe('scheduled');
      expect(item.host.firstName).toBe('Julien');
    }
    for (const demo of demoEvents) expect(parseStreamLink(demo.streamUrl)?.provider).toBe('youtube');
  });

  it('lists the demo pros in the directory: the demo pro verified with evidence, the second pending', async () => {
    const directory = await t.app.inject({ method: 'GET', url: '/api/pros?limit=100' });
    expect(directory.statusCode).toBe(200);
    const items = directory.json().items as { slug: string; firstName: string; lastName: string }[];
    expect(items).toHaveLength(demoPros.filter((pro) => pro.verifiedDaysAgo !== null).length);
    expect(items.map((item) => item.lastName)).not.toContain('Gauthier');
    const julien = items.find((item) => item.lastName === 'Tremblay');
    if (!julien) throw new Error('the demo pro is not listed');
    const profile = (await t.app.inject({ method: 'GET', url: `/api/pros/${julien.slug}` })).json();
    expect(profile).toMatchObject({
      verified: true,
      licenceNumber: 'R700123',
      organisation: { name: 'Tremblay Immigration' },
      rating: { count: 3 },
    });
    expect(profile.testimonials).toHaveLength(2);
    expect(profile.upcomingWebinars).toHaveLength(demoEvents.length);

    const files = await t.database.db.execute<{
      email: string;
      status: string;
      capture: string | null;
      identity: string | null;
      references: number;
      conflicts: number;
    }>(sql`select u.email, v.status, v.register_capture->>'key' as capture,
        v.identity_document->>'key' as identity,
        (select count(*)::int from pro_references r where r.verification_id = v.id) as references,
        (select count(*)::int from licence_conflicts c where c.verification_id = v.id and c.resolved_at is null)
          as conflicts
      from pro_verifications v join users u on u.id = v.user_id
      where u.email in ('pro@demo.capitune.ca', 'pro2@demo.capitune.ca') order by u.email`);
    const [pro2, pro] = files.rows; // 'pro2@' sorts before 'pro@'
    expect(pro).toMatchObject({ status: 'verified', references: 2, conflicts: 0 });
    expect(pro2).toMatchObject({ status: 'pending', capture: null, references: 2, conflicts: 1 });
    // The evidence is in the BlobStore.
    expect(await t.storage.exists(pro?.capture as string)).toBe(true);
    expect(await t.storage.exists(pro?.identity as string)).toBe(true);
    expect(await t.storage.exists(pro2?.identity as string)).toBe(true);

    // Every rating counter is the sum of its published reviews.
    const drift = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from pro_profiles p
      where rating_count <> (select count(*) from pro_reviews r where r.pro_id = p.user_id and r.status = 'published')
        or rating_sum <> (select coalesce(sum(overall), 0) from pro_reviews r
          where r.pro_id = p.user_id and r.status = 'published')`);
    expect(drift.rows[0]?.n).toBe(0);
  });

  /** Logs in as a demo account through the API; gives a function that calls the API as them. */
  async function as(email: string) {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: demoPassword },
    });
    expect(login.statusCode, login.body).toBe(200);
    const headers = { authorization: `Bearer ${login.json().accessToken}` };
    return async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response;
    };
  }

  it('gives the demo candidate a dossier in progress with the demo pro: every document state, milestones, a conversation', async () => {
    const get = await as('candidat@demo.capitune.ca');
    const list = (await get('/api/dossiers')).json().items as { id: string; expiringSoon: number }[];
    expect(list).toHaveLength(1);
    const dossier = (await get(`/api/dossiers/${list[0]?.id}`)).json();
    expect(dossier.agent).toMatchObject({ firstName: 'Julien', lastName: 'Tremblay', standing: 'verified' });
    type Entry = {
      state: string;
      current: { id: string; rejectionReason: string | null; expiryDate: string | null } | null;
    };
    const states = new Set((dossier.checklist as Entry[]).map((entry) => entry.state));
    expect([...states].sort()).toEqual(['approved', 'missing', 'pending', 'rejected']);
    const rejected = (dossier.checklist as Entry[]).find((entry) => entry.state === 'rejected');
    expect(rejected?.current?.rejectionReason).toMatch(/heures/);
    // One approved document expires within the month: the summary counts it, the next actions name it.
    expect(dossier.expiringSoon).toBe(1);
    const milestones = dossier.milestones as { done: boolean; date: string }[];
    expect(milestones.some((milestone) => milestone.done)).toBe(true);
    expect(milestones.some((milestone) => !milestone.done)).toBe(true);

    const dashboard = (await get('/api/dashboard')).json();
    expect(dashboard.nextActions.map((action: { kind: string }) => action.kind)).toContain(
      'replace_rejected',
    );
    expect(dashboard.upcomingMilestones.length).toBeGreaterThan(0);
    expect(dashboard.nextWebinar?.title).toBe(demoEvents[0].title);

    const conversation = (await get(`/api/dossiers/${dossier.id}/messages?limit=100`)).json();
    const authors = (conversation.items as { author: { role: string } }[]).map(
      (message) => message.author.role,
    );
    expect(authors.length).toBeGreaterThanOrEqual(6);
    expect(new Set(authors)).toEqual(new Set(['candidate', 'pro']));

    // The uploaded files are in the store: their downloads give the bytes.
    const pending = (dossier.checklist as Entry[]).find((entry) => entry.state === 'pending');
    const download = await get(`/api/documents/${pending?.current?.id}/download`);
    expect(download.rawPayload.subarray(0, 4).toString('latin1')).toMatch(/^(%PDF|\x89PNG)/);
  });

  it('gives the demo pro clients with documents to review and requests to answer', async () => {
    const get = await as('pro@demo.capitune.ca');
    const dashboard = (await get('/api/dashboard')).json();
    const toReview = (
      dashboard.nextActions as { kind: string; dossierId: string; documentId: string }[]
    ).filter((action) => action.kind === 'review_document');
    expect(toReview.length).toBeGreaterThanOrEqual(5);
    expect(new Set(toReview.map((action) => action.dossierId)).size).toBeGreaterThanOrEqual(3);
    expect(dashboard.incomingRequests).toHaveLength(3);
    expect(
      (await get(`/api/documents/${toReview[0]?.documentId}/download`)).rawPayload.length,
    ).toBeGreaterThan(0);
    const firm = (await get('/api/dossiers?limit=100')).json().items as { owner: { firstName: string } }[];
    expect(firm.map((dossier) => dossier.owner.firstName)).toEqual(
      expect.arrayContaining(['Amina', 'Sofia', 'Linh', 'Priya', 'Karim']),
    );
  });

  it('fills Inside with about thirty posts in French and English, with comments and likes', async () => {
    const get = await as('candidat@demo.capitune.ca');
    const feed = (await get('/api/posts?limit=50')).json().items as {
      id: string;
      title: string;
      language: 'fr' | 'en';
      likeCount: number;
      commentCount: number;
    }[];
    expect(feed.length).toBeGreaterThanOrEqual(30);
    for (const language of ['fr', 'en'] as const) {
      const posts = feed.filter((post) => post.language === language);
      expect(posts.length, language).toBeGreaterThanOrEqual(12);
      expect(
        posts.every((post) => post.likeCount > 0 && post.commentCount > 0),
        language,
      ).toBe(true);
    }
    // The counters are the rows: as many comments as listed, as many likes as stored.
    const [post] = feed;
    const thread = (await get(`/api/posts/${post?.id}/comments?limit=100`)).json().items as unknown[];
    expect(thread).toHaveLength(post?.commentCount ?? -1);
    const drift = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from posts p
      where like_count <> (select count(*) from post_likes l where l.post_id = p.id)
        or comment_count <> (select count(*) from comments c where c.post_id = p.id)
        or exists (select 1 from comments c where c.post_id = p.id
          and c.like_count <> (select count(*) from comment_likes l where l.comment_id = c.id))`);
    expect(drift.rows[0]?.n).toBe(0);
    // French typography: a no-break space before : ; ! ? and inside « ».
    const french = demoPosts.filter((demo) => demo.language === 'fr');
    for (const text of french.flatMap((demo) => [
      demo.title,
      demo.body,
      ...demo.comments.flatMap((comment) => [
        comment.body,
        ...(comment.replies ?? []).map((reply) => reply.body),
      ]),
    ])) {
      expect(text).not.toMatch(/ [:;!?»]|« /);
    }
  });

  it('gives Live past webinars with their attendance, and upcoming ones', async () => {
    const get = await as('pro@demo.capitune.ca');
    const now = Date.now();
    const range = `from=${new Date(now - 60 * 86_400_000).toISOString()}&to=${new Date(now).toISOString()}`;
    const past = (await get(`/api/events?${range}&limit=100`)).json().items as {
      id: string;
      title: string;
      host: { firstName: string };
    }[];
    expect(past.map((event) => event.title).sort()).toEqual(demoPastEvents.map((demo) => demo.title).sort());
    const own = past.find((event) => event.host.firstName === 'Julien');
    const registrations = (await get(`/api/events/${own?.id}/registrations`)).json();
    expect(registrations.counts.attended).toBeGreaterThan(0);
    expect(registrations.counts.registered).toBeGreaterThan(registrations.counts.attended);
    const upcoming = (await get('/api/events?limit=100')).json().items as { seatsTaken: number }[];
    expect(upcoming).toHaveLength(demoEvents.length);
    expect(upcoming.every((event) => event.seatsTaken > 0)).toBe(true);
  });

  it('stores emails case-insensitively', async () => {
    const [row] = await t.database.db
      .select()
      .from(users)
      .where((await import('drizzle-orm')).eq(users.email, 'CANDIDAT@demo.capitune.ca'));
    expect(row?.role).toBe('candidate');
  });
});
