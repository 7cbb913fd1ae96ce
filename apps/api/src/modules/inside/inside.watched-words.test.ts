import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { ORDINARY_SENTENCES } from '../../../test/fixtures/ordinary-sentences';
import { createPost, type Person, person, resetRateLimits, samplePost } from '../../../test/inside-helpers';
import { auditLog } from '../../db/schema';
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

describe('Inside moderation: watched words', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let author: Person;
  let admin: Person;
  let pro: Person;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    author = await person(t.app, t.database);
    admin = await person(t.app, t.database, 'admin');
    pro = await person(t.app, t.database, 'pro');
  });
  afterAll(() => t.close());

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

  describe('watched words and the packaged lists', () => {
    const words = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url = '', payload?: object) =>
      t.app.inject({
        method,
        url: `/api/admin/watched-words${url}`,
        headers: admin.auth,
        ...(payload ? { payload } : {}),
      });

    it('manages watched words (CRUD, duplicates, validation, audit)', async () => {
      const created = await words('POST', '', { word: '  Western Union ', action: 'block' });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ word: 'western union', action: 'block' });
      expect((await words('POST', '', { word: 'western union', action: 'hold' })).statusCode).toBe(409);
      const hold = await words('POST', '', { word: 'garanti*', action: 'hold' });
      expect(hold.statusCode).toBe(201);
      const tmp = await words('POST', '', { word: 'provisoire', action: 'hold' });
      expect((await words('PATCH', `/${tmp.json().id}`, { action: 'block' })).json().action).toBe('block');
      expect((await words('PATCH', `/${tmp.json().id}`, { word: 'garanti*' })).statusCode).toBe(409);
      expect((await words('DELETE', `/${tmp.json().id}`)).statusCode).toBe(204);
      expect((await words('DELETE', `/${tmp.json().id}`)).statusCode).toBe(404);
      for (const bad of [
        { word: 'a', action: 'block' },
        { word: 'ok', action: 'ban' },
        { word: '<b>', action: 'hold' },
      ]) {
        const response = await words('POST', '', bad);
        expect(response.statusCode).toBe(400);
      }
      const page = await words('GET', '?limit=1');
      expect(page.json().items.map((item: { word: string }) => item.word)).toEqual(['garanti*']);
      const next = await words('GET', `?limit=1&cursor=${page.json().nextCursor}`);
      expect(next.json()).toMatchObject({ items: [{ word: 'western union' }], nextCursor: null });
      expect((await audits(created.json().id)).map((entry) => entry.action)).toEqual([
        'watched_word.created',
      ]);
    });

    it('renames several words to the same one at once: one wins, the others are told 409', async () => {
      const ids = [];
      for (const word of ['course un', 'course deux', 'course trois', 'course quatre']) {
        ids.push((await words('POST', '', { word, action: 'hold' })).json().id);
      }
      const renamed = await Promise.all(ids.map((id) => words('PATCH', `/${id}`, { word: 'course gagnée' })));
      expect(renamed.map((response) => response.statusCode).sort()).toEqual([200, 409, 409, 409]);
      for (const response of renamed.filter((one) => one.statusCode === 409)) {
        expect(response.json().code).toBe('CONFLICT');
      }
      for (const id of ids) await words('DELETE', `/${id}`);
    });

    it('blocks with CONTENT_BLOCKED and the word, storing nothing; in titles, bodies, tags and comments', async () => {
      const countPosts = async () =>
        (await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from posts`)).rows[0]?.n;
      const before = await countPosts();
      const attempts = [
        samplePost({ title: 'Payez par Western Union' }),
        samplePost({ body: 'Envoyez le paiement par western-union svp' }),
        samplePost({ body: 'Quel connard, ce consultant' }),
        samplePost({ title: 'What the FUCK is this delay' }),
        samplePost({ tags: ['merde'] }),
      ];
      for (const payload of attempts) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/posts',
          headers: author.auth,
          payload,
        });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json().code).toBe('CONTENT_BLOCKED');
        expect(response.json().detail).toMatch(/"(western union|connard|fuck|merde)"/);
        expect(response.json().errors[0].code).toBe('blocked_word');
      }
      expect(await countPosts()).toBe(before);
      const post = await createPost(t.app, author);
      const blockedComment = await t.app.inject({
        method: 'POST',
        url: `/api/posts/${post.id}/comments`,
        headers: pro.auth,
        payload: { body: 'Passez par Western Union' },
      });
      expect(blockedComment.json()).toMatchObject({
        code: 'CONTENT_BLOCKED',
        errors: [{ path: 'body.body' }],
      });
      const blockedEdit = await t.app.inject({
        method: 'PATCH',
        url: `/api/posts/${post.id}`,
        headers: author.auth,
        payload: { title: 'Quelle merde' },
      });
      expect(blockedEdit.statusCode).toBe(400);
      expect((await status(post.id)).json().title).toBe(post.title);
      await resetRateLimits(t.database);
    });

    it('holds content with a hold word: invisible to others until an admin restores it', async () => {
      const held = await createPost(t.app, author, { title: 'Résidence permanente garantie en 3 mois' });
      expect(held.status).toBe('held');
      expect((await status(held.id)).statusCode).toBe(404);
      expect((await status(held.id, pro)).statusCode).toBe(404);
      expect((await status(held.id, author)).json().status).toBe('held');
      const [item] = (await queue()).items.filter((entry) => entry.id === held.id);
      expect(item).toMatchObject({ status: 'held', moderationReason: 'watched_word', heldWord: 'garanti*' });
      // Dismissing flags does not release held content; restoring does.
      expect((await act('post', held.id, 'dismiss')).json().status).toBe('held');
      expect((await status(held.id)).statusCode).toBe(404);
      expect((await act('post', held.id, 'restore')).json().status).toBe('published');
      expect((await status(held.id)).statusCode).toBe(200);

      const post = await createPost(t.app, author);
      const comment = await t.app.inject({
        method: 'POST',
        url: `/api/posts/${post.id}/comments`,
        headers: pro.auth,
        payload: { body: 'Approbation garantie !' },
      });
      expect(comment.json().status).toBe('held');
      const others = await t.app.inject({
        method: 'GET',
        url: `/api/posts/${post.id}/comments`,
        headers: author.auth,
      });
      expect(others.json().items).toEqual([]);
      const own = await t.app.inject({
        method: 'GET',
        url: `/api/posts/${post.id}/comments`,
        headers: pro.auth,
      });
      expect(own.json().items[0]).toMatchObject({ status: 'held' });
      // A held comment notifies nobody and does not count yet; released, it does both.
      expect((await status(post.id)).json().commentCount).toBe(0);
      const told = async () =>
        (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: author.auth }))
          .json()
          .items.filter(
            (item: { type: string; params: { commentId?: string } }) =>
              item.params.commentId === comment.json().id,
          );
      expect(await told()).toEqual([]);
      expect((await act('comment', comment.json().id, 'restore')).json().status).toBe('published');
      expect((await status(post.id)).json().commentCount).toBe(1);
      expect((await told()).map((item: { type: string }) => item.type)).toEqual(['post_commented']);
      await resetRateLimits(t.database);
    });

    it('lets every ordinary sentence through the API (no false positive)', async () => {
      for (const [index, sentence] of ORDINARY_SENTENCES.entries()) {
        if (index % 15 === 0) await resetRateLimits(t.database);
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/posts',
          headers: author.auth,
          payload: samplePost({ title: sentence.slice(0, 200), body: sentence, tags: ['quotidien'] }),
        });
        expect(response.statusCode, `${sentence}: ${response.body}`).toBe(201);
        expect(response.json().status, sentence).toBe('published');
      }
      await resetRateLimits(t.database);
    });
  });
});
