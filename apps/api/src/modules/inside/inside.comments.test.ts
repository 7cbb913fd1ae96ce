import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo } from '../../../test/auth-helpers';
import { createPost, type Person, person, resetRateLimits } from '../../../test/inside-helpers';

type CommentItem = {
  id: string;
  parentId: string | null;
  status: string;
  bodyHtml: string | null;
  author: { id: string } | null;
};

describe('Inside comments and likes', () => {
  let t: TestApp;
  let author: Person;
  let alice: Person;
  let bob: Person;
  let unverified: Person;

  beforeAll(async () => {
    t = await createTestApp();
    author = await person(t.app, t.database, 'candidate', { locale: 'fr' });
    alice = await person(t.app, t.database, 'candidate', { locale: 'en' });
    bob = await person(t.app, t.database, 'pro');
    unverified = await person(t.app, t.database, 'candidate', { verified: false });
  });
  afterAll(() => t.close());

  const comment = async (who: Person, postId: string, body: string, parentId?: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${postId}/comments`,
      headers: who.auth,
      payload: { body, ...(parentId ? { parentId } : {}) },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as CommentItem;
  };
  const list = async (postId: string, who?: Person, query = '') => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/posts/${postId}/comments${query}`,
      ...(who ? { headers: who.auth } : {}),
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: CommentItem[]; nextCursor: string | null };
  };
  const notificationTypes = async (who: Person) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: who.auth });
    return response.json().items.map((item: { type: string; params: Record<string, unknown> }) => item.type);
  };

  it('lists comments in thread order; a reply to a reply joins the thread of its top comment', async () => {
    const post = await createPost(t.app, author);
    const first = await comment(alice, post.id, 'Premier commentaire');
    const second = await comment(bob, post.id, 'Deuxième **commentaire**');
    const reply = await comment(author, post.id, 'Réponse à Alice', first.id);
    const replyToReply = await comment(bob, post.id, 'Réponse à la réponse', reply.id);
    expect(reply.parentId).toBe(first.id);
    expect(replyToReply.parentId).toBe(first.id);
    const page = await list(post.id);
    expect(page.items.map((item) => item.id)).toEqual([first.id, reply.id, replyToReply.id, second.id]);
    expect(page.items[3]?.bodyHtml).toBe('<p>Deuxième <strong>commentaire</strong></p>');
    // Pages of two: the same order, nothing repeated.
    const one = await list(post.id, undefined, '?limit=2');
    const two = await list(post.id, undefined, `?limit=2&cursor=${one.nextCursor}`);
    expect([...one.items, ...two.items].map((item) => item.id)).toEqual(page.items.map((item) => item.id));
    expect(two.nextCursor).toBeNull();
    const counted = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}` });
    expect(counted.json().commentCount).toBe(4);
  });

  it('notifies the post author and the author replied to, never oneself, in their language', async () => {
    const post = await createPost(t.app, author, { title: 'Mon permis de travail' });
    // Email for community replies is off by default: turn it on for both.
    for (const who of [author, alice]) {
      await t.app.inject({
        method: 'PUT',
        url: '/api/me/notification-preferences',
        headers: who.auth,
        payload: {
          messages: { inApp: true, email: true },
          document_decisions: { inApp: true, email: true },
          webinar_reminders: { inApp: true, email: true },
          community_replies: { inApp: true, email: true },
        },
      });
    }
    const before = {
      author: (await notificationTypes(author)).length,
      alice: (await notificationTypes(alice)).length,
    };
    await comment(author, post.id, 'Je commente mon propre post');
    expect((await notificationTypes(author)).length).toBe(before.author);

    const top = await comment(alice, post.id, 'Great question!');
    expect((await notificationTypes(author)).slice(0, 1)).toEqual(['post_commented']);
    await comment(author, post.id, 'Merci Alice', top.id);
    expect((await notificationTypes(alice)).slice(0, 1)).toEqual(['comment_replied']);
    // The post's author replying on their own post is told nothing.
    expect((await notificationTypes(author)).length).toBe(before.author + 1);
    await comment(bob, post.id, 'Je confirme', top.id);
    expect((await notificationTypes(alice)).slice(0, 2)).toEqual(['comment_replied', 'comment_replied']);
    expect((await notificationTypes(author)).slice(0, 1)).toEqual(['post_commented']);

    const french = await emailsTo(t.database, author.email);
    expect(french.find((email) => email.template === 'inside.post_commented')?.subject).toBe(
      'Nouveau commentaire sur «\u00a0Mon permis de travail\u00a0»',
    );
    const english = await emailsTo(t.database, alice.email);
    const replied = english.find((email) => email.template === 'inside.comment_replied');
    expect(replied?.subject).toBe('Reply to your comment');
    expect(replied?.text).toContain(`http://capitune.test/inside/${post.id}#comment-`);
  });

  it('emails one person 10 community notices an hour at most; every comment and in-app notice goes through', async () => {
    const popular = await person(t.app, t.database, 'candidate');
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: popular.auth,
      payload: {
        messages: { inApp: true, email: true },
        document_decisions: { inApp: true, email: true },
        webinar_reminders: { inApp: true, email: true },
        community_replies: { inApp: true, email: true },
      },
    });
    const post = await createPost(t.app, popular, { title: 'Un sujet très suivi' });
    for (let index = 0; index < 12; index++) {
      await comment(index % 2 ? alice : bob, post.id, `Commentaire numéro ${index + 1}`);
    }
    expect(
      (await notificationTypes(popular)).filter((type: string) => type === 'post_commented'),
    ).toHaveLength(12);
    const emailed = (await emailsTo(t.database, popular.email)).filter(
      (email) => email.template === 'inside.post_commented',
    );
    expect(emailed).toHaveLength(10);
  });

  it('keeps a deleted top comment as a placeholder while it has replies', async () => {
    const post = await createPost(t.app, author);
    const top = await comment(alice, post.id, 'Je vais supprimer ceci');
    const reply = await comment(bob, post.id, 'Une réponse', top.id);
    const lonely = await comment(alice, post.id, 'Seul');
    for (const id of [top.id, lonely.id]) {
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/comments/${id}`,
        headers: alice.auth,
      });
      expect(removed.statusCode).toBe(204);
    }
    const page = await list(post.id, bob);
    expect(page.items.map((item) => [item.id, item.status])).toEqual([
      [top.id, 'deleted'],
      [reply.id, 'published'],
    ]);
    expect(page.items[0]).toMatchObject({ author: null, bodyHtml: null });
    const counted = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}` });
    expect(counted.json().commentCount).toBe(1);
    const replyToDeleted = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${post.id}/comments`,
      headers: bob.auth,
      payload: { body: 'Encore', parentId: top.id },
    });
    expect(replyToDeleted.statusCode).toBe(400);
  });

  it('lets only the author edit or delete a comment; refuses anonymous and unverified writers', async () => {
    const post = await createPost(t.app, author);
    const mine = await comment(alice, post.id, 'Texte initial');
    for (const who of [bob, author]) {
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/api/comments/${mine.id}`,
        headers: who.auth,
        payload: { body: 'Modifié' },
      });
      expect(edit.statusCode).toBe(403);
      const remove = await t.app.inject({
        method: 'DELETE',
        url: `/api/comments/${mine.id}`,
        headers: who.auth,
      });
      expect(remove.statusCode).toBe(403);
    }
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/comments/${mine.id}`,
      headers: alice.auth,
      payload: { body: 'Texte *modifié*' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({
      bodyHtml: '<p>Texte <em>modifié</em></p>',
      bodySource: 'Texte *modifié*',
    });
    expect(edit.json().editedAt).not.toBeNull();

    const writes = [
      { method: 'PATCH' as const, url: `/api/comments/${mine.id}`, payload: { body: 'x' } },
      { method: 'DELETE' as const, url: `/api/comments/${mine.id}` },
      { method: 'PUT' as const, url: `/api/comments/${mine.id}/like` },
      { method: 'DELETE' as const, url: `/api/comments/${mine.id}/like` },
    ];
    for (const write of writes) {
      expect((await t.app.inject(write)).statusCode).toBe(401);
      expect((await t.app.inject({ ...write, headers: unverified.auth })).statusCode).toBe(403);
    }
  });

  it('answers bad comments with 400 and field errors', async () => {
    const post = await createPost(t.app, author);
    const otherPost = await createPost(t.app, author);
    const foreign = await comment(alice, otherPost.id, 'Ailleurs');
    const cases: [Record<string, unknown>, string][] = [
      [{ body: '' }, 'body.body'],
      [{ body: 'x'.repeat(5001) }, 'body.body'],
      [{ body: 'ok', parentId: 'nope' }, 'body.parentId'],
      [{ body: 'ok', parentId: foreign.id }, 'body.parentId'],
    ];
    for (const [payload, path] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/posts/${post.id}/comments`,
        headers: bob.auth,
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/posts/00000000-0000-4000-8000-000000000000/comments',
      headers: bob.auth,
      payload: { body: 'Bonjour' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('counts likes once per person, idempotently, and right under concurrency', async () => {
    const post = await createPost(t.app, author);
    const like = (who: Person, method: 'PUT' | 'DELETE', url = `/api/posts/${post.id}/like`) =>
      t.app.inject({ method, url, headers: who.auth });
    expect((await like(alice, 'PUT')).json()).toEqual({ likeCount: 1, likedByMe: true });
    expect((await like(alice, 'PUT')).json()).toEqual({ likeCount: 1, likedByMe: true });
    expect((await like(bob, 'PUT')).json()).toEqual({ likeCount: 2, likedByMe: true });
    expect((await like(alice, 'DELETE')).json()).toEqual({ likeCount: 1, likedByMe: false });
    expect((await like(alice, 'DELETE')).json()).toEqual({ likeCount: 1, likedByMe: false });
    const seen = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: bob.auth });
    expect(seen.json()).toMatchObject({ likeCount: 1, likedByMe: true });
    const feed = await t.app.inject({ method: 'GET', url: '/api/posts?limit=5', headers: bob.auth });
    expect(feed.json().items.find((item: { id: string }) => item.id === post.id)).toMatchObject({
      likedByMe: true,
    });

    // Twelve people, each liking twice at the same time, plus a few changing their minds.
    const crowd = await Promise.all(Array.from({ length: 12 }, () => person(t.app, t.database)));
    const target = await createPost(t.app, author);
    const url = `/api/posts/${target.id}/like`;
    const results = await Promise.all(crowd.flatMap((who) => [like(who, 'PUT', url), like(who, 'PUT', url)]));
    expect(results.every((response) => response.statusCode === 200)).toBe(true);
    await Promise.all(crowd.slice(0, 4).map((who) => like(who, 'DELETE', url)));
    const counted = await t.app.inject({ method: 'GET', url: `/api/posts/${target.id}` });
    expect(counted.json().likeCount).toBe(8);

    const c = await comment(alice, target.id, 'À aimer');
    const commentUrl = `/api/comments/${c.id}/like`;
    await Promise.all(crowd.flatMap((who) => [like(who, 'PUT', commentUrl), like(who, 'PUT', commentUrl)]));
    const liked = await list(target.id, crowd[0]);
    expect(liked.items[0]).toMatchObject({ likeCount: 12, likedByMe: true });
    expect((await like(crowd[0] as Person, 'DELETE', commentUrl)).json()).toEqual({
      likeCount: 11,
      likedByMe: false,
    });
    const missing = await like(alice, 'PUT', '/api/posts/00000000-0000-4000-8000-000000000000/like');
    expect(missing.statusCode).toBe(404);
  });

  it('limits new accounts harder than established ones', async () => {
    await resetRateLimits(t.database);
    const newcomer = await person(t.app, t.database, 'candidate', { createdAt: new Date() });
    const post = await createPost(t.app, author);
    for (let n = 0; n < 10; n++) await comment(newcomer, post.id, `Commentaire ${n}`);
    const limited = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${post.id}/comments`,
      headers: newcomer.auth,
      payload: { body: 'Un de trop' },
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
