import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createPost, type Person, person, resetRateLimits } from '../../../test/inside-helpers';
import { ManualClock } from '../../platform/clock';

type Item = {
  id: string;
  title: string;
  likeCount: number;
  likedByMe: boolean;
  status: string;
  author: { firstName: string };
  highlight: { titleHtml: string };
};

/**
 * Search rankings are kept per instance (platform/read-cache.ts). Two instances on one database, as
 * behind a load balancer: whichever answers, results follow every post written, edited, moderated or
 * deleted, counts and likes are those of the moment, and authors still find their held posts.
 */
describe('Inside: search results kept per instance', () => {
  let one: TestApp;
  let two: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let author: Person;
  let reader: Person;
  let admin: Person;

  beforeAll(async () => {
    one = await createTestApp({ clock });
    two = await createTestApp({ clock, sameDatabaseAs: one });
    author = await person(one.app, one.database);
    reader = await person(one.app, one.database);
    admin = await person(one.app, one.database, 'admin');
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  const search = async (t: TestApp, q: string, who?: Person): Promise<Item[]> => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/posts?q=${encodeURIComponent(q)}`,
      ...(who ? { headers: who.auth } : {}),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };
  const titles = (items: Item[]) => items.map((item) => item.title);
  const post = async (overrides: Record<string, unknown>) => {
    clock.advance(1_000);
    await resetRateLimits(one.database);
    return createPost(one.app, author, overrides);
  };
  /** The other instance hears of a change through the database's notifications: a few milliseconds. */
  const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 2_000, interval: 50 });

  it('finds a new post on either instance', async () => {
    const first = await post({
      title: 'Biométrie à Montréal',
      body: 'Le rendez-vous de biométrie a pris deux semaines.',
    });
    expect(titles(await search(one, 'biométrie', reader))).toEqual([first.title]);
    expect(titles(await search(two, 'biométrie', reader))).toEqual([first.title]);

    const second = await post({ title: 'Biométrie à Québec', body: 'Trois semaines pour la biométrie.' });
    // The instance that wrote knows at once; the other within moments.
    expect(titles(await search(one, 'biométrie', reader)).sort()).toEqual([first.title, second.title].sort());
    await eventually(async () =>
      expect(titles(await search(two, 'biométrie', reader)).sort()).toEqual(
        [first.title, second.title].sort(),
      ),
    );
  });

  it('shows likes and names as they are now, the like to its author only', async () => {
    const [found] = await search(two, 'Québec', reader);
    expect(found).toMatchObject({ likeCount: 0, likedByMe: false });
    const liked = await one.app.inject({
      method: 'PUT',
      url: `/api/posts/${found?.id}/like`,
      headers: reader.auth,
    });
    expect(liked.statusCode, liked.body).toBe(200);
    expect((await search(two, 'Québec', reader))[0]).toMatchObject({ likeCount: 1, likedByMe: true });
    expect((await search(two, 'Québec', author))[0]).toMatchObject({ likeCount: 1, likedByMe: false });
    expect((await search(two, 'Québec'))[0]).toMatchObject({ likeCount: 1, likedByMe: false });
  });

  it('follows an edit, a hidden post, a restored one and a deleted one', async () => {
    const edited = await post({ title: 'Permis ouvert pour conjoint', body: 'Délais du permis ouvert.' });
    expect(titles(await search(two, 'permis ouvert', reader))).toEqual([edited.title]);
    const patched = await one.app.inject({
      method: 'PATCH',
      url: `/api/posts/${edited.id}`,
      headers: author.auth,
      payload: { title: 'Permis ouvert pour conjoint : reçu !' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // The highlighted title is the search's own: it follows the edit too.
    await eventually(async () =>
      expect(await search(two, 'permis ouvert', reader)).toMatchObject([
        {
          title: 'Permis ouvert pour conjoint : reçu !',
          highlight: { titleHtml: expect.stringContaining('reçu') },
        },
      ]),
    );

    const moderate = async (action: 'hide' | 'restore') => {
      const response = await one.app.inject({
        method: 'POST',
        url: `/api/admin/moderation/post/${edited.id}/${action}`,
        headers: admin.auth,
        payload: {},
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    await moderate('hide');
    await eventually(async () => expect(await search(two, 'conjoint', reader)).toEqual([]));
    // Its author still finds it, marked as hidden.
    expect(await search(two, 'conjoint', author)).toMatchObject([{ id: edited.id, status: 'hidden' }]);
    await moderate('restore');
    await eventually(async () =>
      expect(await search(two, 'conjoint', reader)).toMatchObject([{ id: edited.id, status: 'published' }]),
    );

    const deleted = await one.app.inject({
      method: 'DELETE',
      url: `/api/posts/${edited.id}`,
      headers: author.auth,
    });
    expect(deleted.statusCode).toBe(204);
    await eventually(async () => expect(await search(two, 'permis ouvert', reader)).toEqual([]));
    expect(await search(one, 'permis ouvert', author)).toEqual([]);
  });

  it("merges an author's hidden posts into the pages they alone see, where they rank", async () => {
    const published = [];
    for (const n of [1, 2, 3]) {
      published.push(
        (await post({ title: `Équivalence des diplômes ${n}`, body: `Mon équivalence, étape ${n}.` })).id,
      );
    }
    const hidden = (await post({ title: 'Équivalence refusée', body: "L'équivalence a été refusée." })).id;
    const alone = (await post({ title: 'Apostille introuvable', body: 'Apostille demandée deux fois.' })).id;
    for (const id of [hidden, alone]) {
      const response = await one.app.inject({
        method: 'POST',
        url: `/api/admin/moderation/post/${id}/hide`,
        headers: admin.auth,
        payload: {},
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const walk = async (t: TestApp, q: string, who: Person) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/posts?q=${encodeURIComponent(q)}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await t.app.inject({ method: 'GET', url, headers: who.auth });
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json() as { items: Item[]; nextCursor: string | null };
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 20);
      return seen;
    };
    const byAuthor = await walk(two, 'équivalence', author);
    expect(new Set(byAuthor).size).toBe(byAuthor.length);
    expect(byAuthor.sort()).toEqual([...published, hidden].sort());
    expect((await walk(two, 'équivalence', reader)).sort()).toEqual([...published].sort());

    // Only their hidden post has the word: they find it by its words, others find nothing.
    const theirs = await two.app.inject({
      method: 'GET',
      url: '/api/posts?q=apostille',
      headers: author.auth,
    });
    expect(theirs.json()).toMatchObject({ searchMode: 'fulltext', items: [{ id: alone, status: 'hidden' }] });
    expect(await search(two, 'apostille', reader)).toEqual([]);
  });
});
