import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, stepUp } from '../../../test/auth-helpers';
import {
  createPost,
  logInAgain,
  type Person,
  person,
  resetRateLimits,
  samplePost,
} from '../../../test/inside-helpers';
import { auditLog, sessions, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

type QueueItem = {
  targetType: string;
  id: string;
  status: string;
  moderationReason: string | null;
  heldWord: string | null;
  openFlagCount: number;
  flagReasons: { reason: string; count: number }[];
  flagNotes: string[];
};

describe('Inside moderation', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let author: Person;
  let flaggers: Person[];
  let admin: Person;
  let pro: Person;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    author = await person(t.app, t.database);
    flaggers = [
      await person(t.app, t.database),
      await person(t.app, t.database),
      await person(t.app, t.database),
    ];
    admin = await person(t.app, t.database, 'admin');
    pro = await person(t.app, t.database, 'pro');
  });
  afterAll(() => t.close());

  const flag = (
    who: Person,
    targetType: 'post' | 'comment',
    targetId: string,
    reason = 'spam',
    note?: string,
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/flags',
      headers: who.auth,
      payload: { targetType, targetId, reason, ...(note ? { note } : {}) },
    });
  const act = (targetType: string, id: string, action: string, note?: string, who: Person = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/admin/moderation/${targetType}/${id}/${action}`,
      headers: who.auth,
      payload: note ? { note } : {},
    });
  const queue = async (query = '') => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/admin/moderation/queue${query}`,
      headers: admin.auth,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: QueueItem[]; nextCursor: string | null };
  };
  const status = async (id: string, who?: Person) =>
    t.app.inject({ method: 'GET', url: `/api/posts/${id}`, ...(who ? { headers: who.auth } : {}) });
  const audits = (subjectId: string) =>
    t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId)).orderBy(desc(auditLog.id));

  it('hides content at three distinct flaggers; the same person flagging twice counts once', async () => {
    const post = await createPost(t.app, author, { title: 'Consultant miracle' });
    const [a, b, c] = flaggers as [Person, Person, Person];
    expect(
      (await flag(a, 'post', post.id, 'scam_or_unlicensed_advice', 'Promet un visa garanti')).statusCode,
    ).toBe(201);
    const twice = await flag(a, 'post', post.id, 'spam');
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toEqual({ created: false });
    expect((await flag(b, 'post', post.id, 'scam_or_unlicensed_advice')).statusCode).toBe(201);
    expect((await status(post.id)).statusCode).toBe(200);
    const own = await flag(author, 'post', post.id);
    expect(own.statusCode).toBe(403);

    const [waiting] = (await queue()).items.filter((item) => item.id === post.id);
    expect(waiting).toMatchObject({
      targetType: 'post',
      status: 'published',
      openFlagCount: 2,
      flagReasons: [{ reason: 'scam_or_unlicensed_advice', count: 2 }],
      flagNotes: ['Promet un visa garanti'],
    });

    expect((await flag(c, 'post', post.id, 'spam')).statusCode).toBe(201);
    // Hidden for everyone but its author (who sees it marked) and the admins.
    expect((await status(post.id)).statusCode).toBe(404);
    expect((await status(post.id, a)).statusCode).toBe(404);
    expect((await status(post.id, author)).json().status).toBe('hidden');
    expect((await status(post.id, admin)).json().status).toBe('hidden');
    const feed = await t.app.inject({ method: 'GET', url: '/api/posts?limit=50' });
    expect(feed.json().items.map((item: { id: string }) => item.id)).not.toContain(post.id);
    const authorFeed = await t.app.inject({
      method: 'GET',
      url: '/api/posts?limit=50',
      headers: author.auth,
    });
    expect(authorFeed.json().items.find((item: { id: string }) => item.id === post.id)?.status).toBe(
      'hidden',
    );

    const [hidden] = (await queue()).items.filter((item) => item.id === post.id);
    expect(hidden).toMatchObject({ status: 'hidden', moderationReason: 'flags', openFlagCount: 3 });
    expect((await audits(post.id)).map((entry) => entry.action)).toContain('post.auto_hidden');
    const notified = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: author.auth });
    expect(notified.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'content_moderated',
          params: expect.objectContaining({ action: 'auto_hidden' }),
        }),
      ]),
    );

    // The admin finds the flags unfounded: the post comes back and leaves the queue.
    const dismissed = await act('post', post.id, 'dismiss');
    expect(dismissed.json()).toEqual({ status: 'published', authorStatus: 'active', resolvedFlags: 3 });
    expect((await status(post.id)).statusCode).toBe(200);
    expect((await queue()).items.map((item) => item.id)).not.toContain(post.id);
    expect((await audits(post.id))[0]).toMatchObject({
      action: 'post.flags_dismissed',
      actorId: admin.userId,
    });
    // Closed flags no longer count: a person may flag it again.
    expect((await flag(a, 'post', post.id)).statusCode).toBe(201);
  });

  it('answers bad flags with 400 and field errors, unknown targets with 404', async () => {
    const post = await createPost(t.app, author);
    const cases: [Record<string, unknown>, string][] = [
      [{ targetType: 'user', targetId: post.id, reason: 'spam' }, 'body.targetType'],
      [{ targetType: 'post', targetId: 'x', reason: 'spam' }, 'body.targetId'],
      [{ targetType: 'post', targetId: post.id, reason: 'boring' }, 'body.reason'],
      [{ targetType: 'post', targetId: post.id, reason: 'other', note: 'x'.repeat(1001) }, 'body.note'],
    ];
    for (const [payload, path] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/flags',
        headers: (flaggers[0] as Person).auth,
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    const unknown = await flag(flaggers[0] as Person, 'comment', post.id);
    expect(unknown.statusCode).toBe(404);
  });

  it('hides and restores comments, keeping the post’s comment count right', async () => {
    const post = await createPost(t.app, author);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${post.id}/comments`,
      headers: pro.auth,
      payload: { body: 'Écrivez-moi en privé pour un raccourci' },
    });
    const comment = response.json() as { id: string };
    for (const who of flaggers)
      expect((await flag(who, 'comment', comment.id, 'abuse')).statusCode).toBe(201);
    expect((await status(post.id)).json().commentCount).toBe(0);
    const listed = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}/comments` });
    expect(listed.json().items).toEqual([]);
    const [item] = (await queue('?targetType=comment')).items.filter((entry) => entry.id === comment.id);
    expect(item).toMatchObject({ status: 'hidden', flagReasons: [{ reason: 'abuse', count: 3 }] });

    expect((await act('comment', comment.id, 'restore')).json()).toMatchObject({
      status: 'published',
      resolvedFlags: 3,
    });
    expect((await status(post.id)).json().commentCount).toBe(1);
    expect((await act('comment', comment.id, 'hide', 'Sollicitation privée interdite')).json()).toMatchObject(
      {
        status: 'hidden',
      },
    );
    expect((await status(post.id)).json().commentCount).toBe(0);
    expect((await audits(comment.id)).map((entry) => entry.action)).toEqual([
      'comment.hidden',
      'comment.restored',
      'comment.auto_hidden',
    ]);
    const notes = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: pro.auth });
    // Same clock time for all three: find each.
    const byAction = (action: string) =>
      notes.json().items.find((item: { params: { action: string } }) => item.params.action === action);
    expect(byAction('hidden')).toMatchObject({
      type: 'content_moderated',
      params: { targetType: 'comment', note: 'Sollicitation privée interdite' },
    });
    expect(byAction('restored')).toBeDefined();
    expect(byAction('auto_hidden')).toBeDefined();
  });

  it('warns and suspends an author: notification, email, audit, sessions revoked, writes refused', async () => {
    const offender = await person(t.app, t.database, 'candidate', { locale: 'en' });
    const post = await createPost(t.app, offender, { title: 'My job offer (LMIA), cheap' });
    const noNote = await act('post', post.id, 'warn');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].path).toBe('body.note');

    const warned = await act('post', post.id, 'warn', 'Selling LMIAs is fraud.');
    expect(warned.json()).toEqual({ status: 'published', authorStatus: 'active', resolvedFlags: 0 });
    const warning = (await emailsTo(t.database, offender.email)).find(
      (email) => email.template === 'inside.content_warned',
    );
    expect(warning?.subject).toBe('A warning from the moderation team');
    expect(warning?.text).toContain('Selling LMIAs is fraud.');

    // A suspension needs the admin to prove it is them again (the password, having no second factor).
    const unproven = await act('post', post.id, 'suspend', 'Fraud.');
    expect(unproven.statusCode).toBe(401);
    expect(unproven.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });
    await stepUp(t.app, admin.auth.authorization.slice('Bearer '.length), admin.password);
    const suspended = await act('post', post.id, 'suspend', 'Fraud.');
    expect(suspended.json()).toMatchObject({ authorStatus: 'suspended' });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, offender.userId));
    expect(row?.status).toBe('suspended');
    const open = await t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, offender.userId), isNull(sessions.revokedAt)));
    expect(open).toEqual([]);
    expect((await audits(offender.userId)).map((entry) => entry.action)).toEqual([
      'user.suspended',
      'user.warned',
    ]);
    expect(
      (await emailsTo(t.database, offender.email)).some(
        (email) => email.template === 'inside.content_suspended',
      ),
    ).toBe(true);
    // The access token still in hand died with its session, and logging in is refused.
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/posts',
      headers: offender.auth,
      payload: samplePost(),
    });
    expect(write.statusCode).toBe(401);
    expect(write.json().code).toBe('SESSION_EXPIRED');
    expect((await logInAgain(t.app, offender)).statusCode).toBe(403);

    const adminPost = await createPost(t.app, admin);
    expect((await act('post', adminPost.id, 'suspend', 'Non')).statusCode).toBe(403);
  });

  it('pages the queue oldest first without repeats', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      clock.advance(1_000);
      const post = await createPost(t.app, author, { title: `File ${n}` });
      await flag(flaggers[0] as Person, 'post', post.id, 'off_topic');
      ids.push(post.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue(`?limit=2&targetType=post${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    await resetRateLimits(t.database);
  });

  it('refuses every admin route to anonymous (401), candidates and pros (403)', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes = [
      { method: 'GET' as const, url: '/api/admin/moderation/queue' },
      { method: 'POST' as const, url: `/api/admin/moderation/post/${id}/hide`, payload: {} },
      { method: 'GET' as const, url: '/api/admin/watched-words' },
      {
        method: 'POST' as const,
        url: '/api/admin/watched-words',
        payload: { word: 'arnaque', action: 'hold' },
      },
      { method: 'PATCH' as const, url: `/api/admin/watched-words/${id}`, payload: { action: 'block' } },
      { method: 'DELETE' as const, url: `/api/admin/watched-words/${id}` },
    ];
    for (const route of routes) {
      expect((await t.app.inject(route)).statusCode, route.url).toBe(401);
      for (const who of [author, pro]) {
        const refused = await t.app.inject({ ...route, headers: who.auth });
        expect(refused.statusCode, route.url).toBe(403);
      }
    }
    expect((await act('post', id, 'hide')).statusCode).toBe(404);
    expect((await act('post', id, 'obliterate')).statusCode).toBe(400);
    expect((await act('video', id, 'hide')).statusCode).toBe(400);
  });

  it('emails an author whose posts members hide 10 times an hour at most; every flag still counts', async () => {
    const brigaded = await person(t.app, t.database);
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: brigaded.auth,
      payload: {
        messages: { inApp: true, email: true },
        document_decisions: { inApp: true, email: true },
        webinar_reminders: { inApp: true, email: true },
        community_replies: { inApp: true, email: true },
      },
    });
    const posts = [];
    for (let index = 0; index < 11; index++) {
      posts.push(await createPost(t.app, brigaded, { title: `Mon parcours, partie ${index + 1}` }));
    }
    for (const post of posts) {
      for (const who of flaggers) expect((await flag(who, 'post', post.id)).statusCode).toBe(201);
    }
    for (const post of posts) expect((await status(post.id, brigaded)).json().status).toBe('hidden');
    const notices = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where user_id = ${brigaded.userId} and type = 'content_moderated'`,
    );
    expect(notices.rows[0]?.n).toBe(11);
    const emailed = (await emailsTo(t.database, brigaded.email)).filter(
      (email) => email.template === 'inside.content_auto_hidden',
    );
    expect(emailed).toHaveLength(10);
    await resetRateLimits(t.database);
  });

  it('limits new accounts to 3 posts an hour, established ones to 20 (ManualClock)', async () => {
    await resetRateLimits(t.database);
    const newcomer = await person(t.app, t.database, 'candidate', { createdAt: clock.now() });
    for (let n = 0; n < 3; n++) await createPost(t.app, newcomer, { title: `Nouveau ${n}` });
    const fourth = await t.app.inject({
      method: 'POST',
      url: '/api/posts',
      headers: newcomer.auth,
      payload: samplePost(),
    });
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);

    // An hour later the window is new, but the account is still young: three more, no more.
    clock.advance(61 * 60_000);
    await logInAgain(t.app, newcomer);
    for (let n = 0; n < 3; n++) await createPost(t.app, newcomer, { title: `Encore ${n}` });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/posts',
          headers: newcomer.auth,
          payload: samplePost(),
        })
      ).statusCode,
    ).toBe(429);

    // A day after sign-up the account is established: twenty an hour.
    clock.advance(24 * 3600_000);
    await logInAgain(t.app, newcomer);
    for (let n = 0; n < 20; n++) await createPost(t.app, newcomer, { title: `Établi ${n}` });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/posts',
          headers: newcomer.auth,
          payload: samplePost(),
        })
      ).statusCode,
    ).toBe(429);
  });
});
