import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createPost, type Person, person, resetRateLimits, samplePost } from '../../../test/inside-helpers';
import { trustLevelOf } from './trust.service';

const DAY = 24 * 3600_000;

describe('Inside trust levels', () => {
  let t: TestApp;
  let admin: Person;
  let member: Person;
  let topic: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await person(t.app, t.database, 'admin');
    member = await person(t.app, t.database);
    topic = await createPost(t.app, member);
  });
  afterAll(() => t.close());

  const ago = (days: number) => new Date(t.app.deps.clock.now().getTime() - days * DAY);
  const newcomer = (days = 0) =>
    person(t.app, t.database, 'candidate', { trustLevel: 0, createdAt: ago(days) });
  const level = async (who: Person) =>
    (await t.database.pool.query('select trust_level from users where id = $1', [who.userId])).rows[0]
      .trust_level as number;
  const comment = (who: Person, body: string, postId = topic.id) =>
    t.app.inject({
      method: 'POST',
      url: `/api/posts/${postId}/comments`,
      headers: who.auth,
      payload: { body },
    });
  const held = async (table: 'posts' | 'comments', id: string) =>
    (
      await t.database.pool.query(`select status, moderation_reason, held_word from ${table} where id = $1`, [
        id,
      ])
    ).rows[0];

  it('holds a new member’s first two posts, and their links and images (not refused)', async () => {
    const fresh = await newcomer();
    const first = await createPost(t.app, fresh);
    expect(await held('posts', first.id)).toEqual({
      status: 'held',
      moderation_reason: 'trust',
      held_word: 'first_posts',
    });
    const second = await createPost(t.app, fresh, {
      body: 'Mon dossier est sur www.exemple-dossier.com, voyez.',
    });
    expect(await held('posts', second.id)).toMatchObject({ status: 'held', held_word: 'link' });
    expect((await createPost(t.app, fresh)).status).toBe('published');
    for (const [body, word] of [
      ['Lisez https://ircc.canada.ca/fr avant tout', 'link'],
      ['Le guide est sur exemple.ca', 'link'],
      ['![capture](https://exemple.com/a.png)', 'image'],
    ]) {
      const response = await comment(fresh, body as string);
      expect(response.statusCode, response.body).toBe(201);
      expect(await held('comments', response.json().id)).toEqual({
        status: 'held',
        moderation_reason: 'trust',
        held_word: word,
      });
    }
    expect((await comment(fresh, 'Merci, très utile !')).json().status).toBe('published');
    // Pros are never below level 1: their links publish.
    const pro = await person(t.app, t.database, 'pro', { trustLevel: 0, createdAt: ago(0) });
    expect(
      (await createPost(t.app, pro, { body: 'Voir https://ircc.canada.ca pour les délais' })).status,
    ).toBe('published');
    expect(await trustLevelOf(t.database.db, pro.userId)).toBe(1);
    await resetRateLimits(t.database);
  });

  it('rises with approved activity, to trusted after 30 days and 20 approved, and falls after an upheld flag', async () => {
    const rising = await newcomer(2);
    for (const n of [1, 2, 3])
      expect((await comment(rising, `Merci pour ce partage numéro ${n}`)).statusCode).toBe(201);
    // Three approved, but the account is younger than 3 days.
    expect(await level(rising)).toBe(0);
    await t.database.pool.query('update users set created_at = $2 where id = $1', [rising.userId, ago(4)]);
    await comment(rising, 'Encore merci à tous');
    expect(await level(rising)).toBe(1);
    await t.database.pool.query('update users set created_at = $2 where id = $1', [rising.userId, ago(40)]);
    for (let n = 0; n < 15; n += 1) await comment(rising, `Réponse utile numéro ${n}`);
    expect(await level(rising)).toBe(1);
    await comment(rising, 'Encore une réponse utile');
    expect(await level(rising)).toBe(2);
    expect(await trustLevelOf(t.database.db, rising.userId)).toBe(2);

    const hidden = (await comment(rising, 'Une réponse qui sera retirée')).json().id as string;
    const decision = await t.app.inject({
      method: 'POST',
      url: `/api/admin/moderation/comment/${hidden}/hide`,
      headers: admin.auth,
      payload: {},
    });
    expect(decision.statusCode, decision.body).toBe(200);
    expect(await level(rising)).toBe(1);
    // Approvals do not bring level 2 back before 20 new ones and 90 days without an upheld flag.
    await comment(rising, 'Je reviens avec une bonne réponse');
    expect(await level(rising)).toBe(1);
    await resetRateLimits(t.database);
  });

  it('counts a held post released by an admin as approved', async () => {
    const fresh = await newcomer(5);
    const posts = [await createPost(t.app, fresh), await createPost(t.app, fresh)];
    expect(posts.map((post) => post.status)).toEqual(['held', 'held']);
    await comment(fresh, 'Un premier commentaire');
    expect(await level(fresh)).toBe(0);
    for (const post of posts) {
      const restored = await t.app.inject({
        method: 'POST',
        url: `/api/admin/moderation/post/${post.id}/restore`,
        headers: admin.auth,
        payload: {},
      });
      expect(restored.json().status).toBe('published');
    }
    expect(await level(fresh)).toBe(1);
    await resetRateLimits(t.database);
  });

  it('limits new members to 3 posts and 10 comments an hour, whatever their account’s age', async () => {
    // Two days old: past the first day's limits, and a new member for a day more whatever they write.
    const slow = await newcomer(2);
    for (let n = 0; n < 3; n += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/posts',
        headers: slow.auth,
        payload: samplePost(),
      });
      expect(response.statusCode).toBe(201);
    }
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/posts',
      headers: slow.auth,
      payload: samplePost(),
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    for (let n = 0; n < 10; n += 1) expect((await comment(slow, `Commentaire ${n}`)).statusCode).toBe(201);
    expect((await comment(slow, 'Un de trop')).json().code).toBe('RATE_LIMITED');
    // A member of the same age is not limited so soon.
    for (let n = 0; n < 4; n += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/posts',
        headers: member.auth,
        payload: samplePost(),
      });
      expect(response.statusCode).toBe(201);
    }
    await resetRateLimits(t.database);
  });
});
