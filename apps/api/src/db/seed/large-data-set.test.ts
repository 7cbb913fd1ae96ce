import type { TDashboard, TDossier, TMessagePage, TPostPage, TUnreadCounts } from '@capitune/contracts';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../../test/app';
import { signAccessToken } from '../../lib/tokens';
import {
  benchEmail,
  benchPassword,
  largeDataSetCounts,
  type SeedLargeDataSetResult,
  seedLargeDataSet,
} from './large-data-set';

/** The benchmark data set at 1/500 of its size: counts, invariants, and the pages the benchmark reads. */
const scale = 0.002;

describe('the benchmark data set', () => {
  let t: TestApp;
  let result: SeedLargeDataSetResult;
  const query = async <Row extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    (await t.database.pool.query<Row>(text, values)).rows;
  const userByEmail = async (email: string) => {
    const [user] = await query<{ id: string; role: 'candidate' | 'pro' | 'admin' }>(
      'select id, role from users where email = $1',
      [email],
    );
    if (!user) throw new Error(`no user ${email}`);
    return user;
  };
  // A real session for each user read as: the API refuses a token whose session it does not know.
  const headersOf = async (user: { id: string; role: 'candidate' | 'pro' | 'admin' }) => ({
    authorization: `Bearer ${await signAccessToken(
      {
        ...user,
        sessionId:
          (
            await query<{ id: string }>(
              "insert into sessions (user_id, expires_at) values ($1, now() + interval '1 day') returning id",
              [user.id],
            )
          )[0]?.id ?? '',
        emailVerified: true,
      },
      new TextEncoder().encode(TEST_JWT_SECRET),
      new Date(),
    )}`,
  });
  const get = async (url: string, user: { id: string; role: 'candidate' | 'pro' | 'admin' }) =>
    t.app.inject({ method: 'GET', url, headers: await headersOf(user) });

  beforeAll(async () => {
    t = await createTestApp();
    result = await seedLargeDataSet(t.databaseUrl, { scale });
  }, 120_000);
  afterAll(() => t.close());

  it('has the counts of its scale, and is seeded once', async () => {
    const counts = largeDataSetCounts(scale);
    expect(counts).toMatchObject({ users: 100, dossiers: 20, messages: 2000, posts: 400, comments: 2000 });
    expect(result.seeded).toBe(true);
    expect(result.rows).toMatchObject({
      users: Math.round(50_000 * scale),
      organisations: counts.organisations,
      dossiers: Math.round(10_000 * scale),
      messages: Math.round(1_000_000 * scale),
      posts: Math.round(200_000 * scale),
      comments: Math.round(1_000_000 * scale),
      events: Math.round(2_000 * scale),
      event_registrations: Math.round(100_000 * scale),
    });
    const roles = await query<{ role: string; n: number }>(
      'select role::text, count(*)::int as n from users group by role order by role::text',
    );
    expect(roles).toEqual([
      { role: 'admin', n: counts.admins },
      { role: 'candidate', n: counts.candidates },
      { role: 'pro', n: counts.pros },
    ]);
    // About 15 documents per dossier.
    expect(result.rows.documents).toBeGreaterThan(10 * counts.dossiers);
    expect(result.rows.documents).toBeLessThan(20 * counts.dossiers);

    const again = await seedLargeDataSet(t.databaseUrl, { scale });
    expect(again.seeded).toBe(false);
    expect(again.rows).toEqual(result.rows);
  });

  it('lets anyone sign in with the documented password', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: benchEmail('pro', 1), password: benchPassword },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ role: 'pro', emailVerified: true });
    expect(login.json().user.organisation).not.toBeNull();
  });

  it("shows a candidate's dashboard and dossier with their documents and progress", async () => {
    const candidate = await userByEmail(benchEmail('candidate', 1));
    const dashboard = await get('/api/dashboard', candidate);
    expect(dashboard.statusCode).toBe(200);
    const { dossiers } = dashboard.json() as TDashboard;
    const owned = await query<{ id: string }>('select id from dossiers where owner_id = $1', [candidate.id]);
    expect(dossiers.map((dossier) => dossier.id).sort()).toEqual(owned.map((row) => row.id).sort());

    const [assigned] = await query<{ id: string; documents: number }>(
      `select d.id, (select count(*)::int from documents where dossier_id = d.id) as documents
       from dossiers d where d.owner_id = $1 and d.agent_id is not null order by d.created_at limit 1`,
      [candidate.id],
    );
    if (!assigned) throw new Error('candidate 1 has no assigned dossier');
    const page = await get(`/api/dossiers/${assigned.id}`, candidate);
    expect(page.statusCode).toBe(200);
    const dossier = page.json() as TDossier;
    expect(dossier.viewerRole).toBe('owner');
    expect(dossier.agent).not.toBeNull();
    const shown = dossier.checklist.flatMap((entry) => [
      ...(entry.current ? [entry.current] : []),
      ...entry.previousVersions,
    ]);
    expect(shown.length + dossier.otherDocuments.length).toBeGreaterThan(0);
    // Every document of the dossier is on a line of its checklist or among the other documents
    // (withdrawn documents outside the checklist are not listed).
    const listed = await query<{ n: number }>(
      `select count(*)::int as n from documents where dossier_id = $1 and (item_id is not null or status <> 'withdrawn')`,
      [assigned.id],
    );
    expect(shown.length + dossier.otherDocuments.length).toBe(listed[0]?.n);
    const required = new Set(
      (await query<{ id: string }>('select id from checklist_items where required')).map((row) => row.id),
    );
    const requiredLines = dossier.checklist.filter((entry) => required.has(entry.itemId));
    expect(dossier.progress.required).toBe(requiredLines.length);
    expect(dossier.progress.approved).toBe(
      requiredLines.filter((entry) => entry.state === 'approved').length,
    );
    expect(dossier.progress.approved).toBeGreaterThan(0);
    expect(dossier.progress.percent).toBe(
      Math.floor((dossier.progress.approved * 100) / dossier.progress.required),
    );
  });

  it('gives the message history with gapless seqs and the right unread counts', async () => {
    // A conversation with messages its reader has not read yet.
    const [chat] = await query<{ dossier_id: string; user_id: string; last_seq: number; unread: number }>(
      `select c.dossier_id, r.user_id, c.last_seq,
         (select count(*)::int from messages m where m.dossier_id = c.dossier_id and m.seq > r.last_read_seq
            and m.author_id <> r.user_id) as unread
       from dossier_chats c join message_reads r on r.dossier_id = c.dossier_id
       -- A reader with access: the candidate, or a pro whose licence is verified.
       left join pro_verifications v on v.user_id = r.user_id
       where r.last_read_seq < c.last_seq
         and (v.user_id is null or (v.status = 'verified' and v.renewal_date >= current_date))
       order by c.last_seq desc limit 1`,
    );
    if (!chat) throw new Error('no conversation with unread messages');
    expect(chat.unread).toBeGreaterThan(0);
    const [reader] = await query<{ id: string; role: 'candidate' | 'pro' }>(
      'select id, role from users where id = $1',
      [chat.user_id],
    );
    if (!reader) throw new Error('no reader');

    const seqs: number[] = [];
    let before: number | null = null;
    do {
      const response = await get(
        `/api/dossiers/${chat.dossier_id}/messages?limit=100${before ? `&before=${before}` : ''}`,
        reader,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json() as TMessagePage;
      expect(page.lastSeq).toBe(chat.last_seq);
      seqs.push(...page.items.map((message) => message.seq));
      before = page.nextBefore;
    } while (before !== null);
    expect(seqs).toEqual(Array.from({ length: chat.last_seq }, (_, index) => chat.last_seq - index));

    const unread = await get('/api/messages/unread', reader);
    expect(unread.statusCode).toBe(200);
    const counts = unread.json() as TUnreadCounts;
    expect(counts.dossiers.find((row) => row.dossierId === chat.dossier_id)?.unread).toBe(chat.unread);
  });

  it('shows the dossier to its agent and to no pro of another firm', async () => {
    // An agent whose licence is verified (a pro who is not has no access to client dossiers).
    const [dossier] = await query<{ id: string; agent_id: string; organisation_id: string }>(
      `select d.id, d.agent_id, d.organisation_id from dossiers d
       join pro_verifications v on v.user_id = d.agent_id and v.status = 'verified' and v.renewal_date >= current_date
       order by d.created_at limit 1`,
    );
    if (!dossier) throw new Error('no assigned dossier');
    const agent = { id: dossier.agent_id, role: 'pro' as const };
    const seen = await get(`/api/dossiers/${dossier.id}`, agent);
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as TDossier).viewerRole).toBe('pro');
    expect((await get(`/api/dossiers/${dossier.id}/messages`, agent)).statusCode).toBe(200);

    const [stranger] = await query<{ id: string }>(
      `select id from users where role = 'pro' and organisation_id <> $1 limit 1`,
      [dossier.organisation_id],
    );
    if (!stranger) throw new Error('no pro of another firm');
    const other = { id: stranger.id, role: 'pro' as const };
    expect([403, 404]).toContain((await get(`/api/dossiers/${dossier.id}`, other)).statusCode);
    expect([403, 404]).toContain((await get(`/api/dossiers/${dossier.id}/messages`, other)).statusCode);
  });

  it('finds seeded posts in the Inside feed and search', async () => {
    const member = await userByEmail(benchEmail('candidate', 2));
    const feed = await get('/api/posts?limit=20', member);
    expect(feed.statusCode).toBe(200);
    const items = (feed.json() as TPostPage).items;
    expect(items).toHaveLength(20);
    const [newest] = await query<{ id: string; comment_count: number; like_count: number }>(
      `select id, comment_count, like_count from posts where status = 'published' and deleted_at is null
       order by created_at desc, id desc limit 1`,
    );
    expect(items[0]).toMatchObject({ id: newest?.id, commentCount: newest?.comment_count });

    for (const q of ['permis', 'work permit']) {
      const search = await get(`/api/posts?q=${encodeURIComponent(q)}&limit=20`, member);
      expect(search.statusCode).toBe(200);
      expect((search.json() as TPostPage).items.length).toBeGreaterThan(0);
    }
    const top = await get('/api/posts?sort=top&limit=5', member);
    expect(top.statusCode).toBe(200);
    const busiest = (top.json() as TPostPage).items[0];
    const comments = await get(`/api/posts/${busiest?.id}/comments?limit=100`, member);
    expect(comments.statusCode).toBe(200);
  });

  it('lists seeded webinars in a calendar month, and registers a candidate to an upcoming one', async () => {
    const [upcoming] = await query<{ id: string; starts_at: Date }>(
      `select id, starts_at from events where status = 'scheduled' and starts_at > now()
       order by starts_at limit 1`,
    );
    if (!upcoming) throw new Error('no upcoming webinar');
    const from = new Date(Date.UTC(upcoming.starts_at.getUTCFullYear(), upcoming.starts_at.getUTCMonth(), 1));
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    const candidate = await userByEmail(benchEmail('candidate', 3));
    const month = await get(
      `/api/events?from=${from.toISOString()}&to=${to.toISOString()}&limit=100`,
      candidate,
    );
    expect(month.statusCode).toBe(200);
    expect(month.json().items.map((item: { id: string }) => item.id)).toContain(upcoming.id);

    const [newcomer] = await query<{ id: string }>(
      `select id from users u where role = 'candidate'
         and not exists (select 1 from event_registrations r where r.event_id = $1 and r.user_id = u.id)
       order by email limit 1`,
      [upcoming.id],
    );
    if (!newcomer) throw new Error('every candidate is registered');
    const registered = await t.app.inject({
      method: 'POST',
      url: `/api/events/${upcoming.id}/registrations`,
      headers: await headersOf({ id: newcomer.id, role: 'candidate' }),
    });
    expect(registered.statusCode).toBe(201);
    expect(['registered', 'waitlisted']).toContain(registered.json().status);
  });

  it('gives every pro a verification file and a profile, and lists the verified ones in the directory', async () => {
    const counts = largeDataSetCounts(scale);
    expect(result.rows).toMatchObject({ pro_verifications: counts.pros, pro_profiles: counts.pros });
    expect(result.rows.pro_reviews).toBeGreaterThan(0);
    const [listed] = await query<{ n: number }>(
      `select count(*)::int as n from pro_verifications v join users u on u.id = v.user_id
       where v.status = 'verified' and v.renewal_date >= (now() at time zone 'America/Toronto')::date
         and u.status = 'active'`,
    );
    const states = await query<{ status: string }>('select distinct status::text from pro_verifications');
    expect(states.length).toBeGreaterThan(1);
    expect(listed?.n).toBeGreaterThan(counts.pros / 2);

    // Every listed pro, page by page, each once, in rating order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/pros?sort=rating&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json() as {
        items: { id: string; verified: boolean }[];
        nextCursor: string | null;
      };
      expect(page.items.every((item) => item.verified)).toBe(true);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(listed?.n ?? 0);
    expect(new Set(seen).size).toBe(seen.length);

    // The benchmark's directory scenario: filters and page 2.
    const filtered = await t.app.inject({ method: 'GET', url: '/api/pros?language=fr&limit=1' });
    expect(filtered.statusCode).toBe(200);
    const next = filtered.json().nextCursor;
    if (next) {
      const page2 = await t.app.inject({
        method: 'GET',
        url: `/api/pros?language=fr&limit=1&cursor=${next}`,
      });
      expect(page2.statusCode).toBe(200);
    }

    const [reviewed] = await query<{ slug: string; n: number }>(
      `select p.slug, p.rating_count as n from pro_profiles p
       join pro_verifications v on v.user_id = p.user_id and v.status = 'verified' and v.renewal_date >= current_date
       where p.rating_count > 0 order by p.rating_count desc limit 1`,
    );
    if (reviewed) {
      const profile = await t.app.inject({ method: 'GET', url: `/api/pros/${reviewed.slug}` });
      expect(profile.statusCode).toBe(200);
      expect(profile.json().rating.count).toBe(reviewed.n);
      const reviews = await t.app.inject({
        method: 'GET',
        url: `/api/pros/${reviewed.slug}/reviews?limit=100`,
      });
      expect(reviews.json().items).toHaveLength(reviewed.n);
    }
  });

  it('keeps the counters and sequences as the services leave them', async () => {
    const [broken] = await query<Record<string, number>>(`select
      (select count(*)::int from posts p where comment_count <> (select count(*) from comments c
         where c.post_id = p.id and c.status = 'published' and c.deleted_at is null)) as comment_counts,
      (select count(*)::int from posts p where like_count <> (select count(*) from post_likes l where l.post_id = p.id))
        as post_likes,
      (select count(*)::int from comments c
         where like_count <> (select count(*) from comment_likes l where l.comment_id = c.id)) as comment_likes,
      (select count(*)::int from posts where hot_score <> inside_hot_score(like_count, comment_count, created_at)
         or search_vector is null) as derived,
      (select count(*)::int from dossier_chats c where last_seq <> (select count(*) from messages m
         where m.dossier_id = c.dossier_id) or last_seq <> (select max(seq) from messages m
         where m.dossier_id = c.dossier_id)) as chat_seqs,
      (select count(*)::int from message_reads r join dossier_chats c using (dossier_id)
         where r.last_read_seq > c.last_seq) as reads,
      (select count(*)::int from dossiers d join users u on u.id = d.agent_id
         where u.organisation_id is distinct from d.organisation_id) as agents,
      (select count(*)::int from events e where capacity < (select count(*) from event_registrations r
         where r.event_id = e.id and r.status = 'registered')) as over_capacity,
      (select count(*)::int from events e where exists (select 1 from event_registrations r
         where r.event_id = e.id and r.status = 'waitlisted') and (capacity is null or capacity >
         (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'registered')))
        as waitlists,
      (select count(*)::int from pro_profiles p where rating_count <> (select count(*) from pro_reviews r
         where r.pro_id = p.user_id and r.status = 'published') or rating_sum <> (select coalesce(sum(overall), 0)
         from pro_reviews r where r.pro_id = p.user_id and r.status = 'published')) as ratings,
      (select count(*)::int from pro_reviews r join dossiers d on d.id = r.dossier_id
         where d.agent_id <> r.pro_id or d.owner_id <> r.author_id or d.agent_since > r.created_at - interval '30 days')
        as review_eligibility,
      (select count(*)::int from (select pro_id from pro_reviews where featured group by pro_id
         having count(*) > 3) f) as testimonials`);
    expect(broken).toEqual({
      comment_counts: 0,
      post_likes: 0,
      comment_likes: 0,
      derived: 0,
      chat_seqs: 0,
      reads: 0,
      agents: 0,
      over_capacity: 0,
      waitlists: 0,
      ratings: 0,
      review_eligibility: 0,
      testimonials: 0,
    });
  });
});
