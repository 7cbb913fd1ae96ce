import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createPost, type Person, person, resetRateLimits } from '../../../test/inside-helpers';
import { ManualClock } from '../../platform/clock';
import { listFeed } from './feed.service';

type Item = {
  id: string;
  title: string;
  highlight?: { titleHtml: string; excerptHtml: string };
};

describe('Inside feed and search', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let author: Person;
  let reader: Person;

  const get = async (url: string, who?: Person) => {
    const response = await t.app.inject({ method: 'GET', url, ...(who ? { headers: who.auth } : {}) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Item[]; nextCursor: string | null; searchMode?: string };
  };
  const titles = (page: { items: Item[] }) => page.items.map((item) => item.title);
  const tick = () => clock.advance(1_000);
  const post = async (overrides: Record<string, unknown>) => {
    tick();
    await resetRateLimits(t.database);
    return createPost(t.app, author, overrides);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    author = await person(t.app, t.database);
    reader = await person(t.app, t.database);
  });
  afterAll(() => t.close());

  /** Walks every page, writing `between(n)` after page n. */
  async function walk(url: string, between?: (page: number) => Promise<void>) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const next = await get(`${url}${cursor ? `&cursor=${cursor}` : ''}`, reader);
      seen.push(...next.items.map((item) => item.id));
      cursor = next.nextCursor;
      page += 1;
      if (between) await between(page);
    } while (cursor && page < 100);
    return seen;
  }

  it('pages the new feed without skipping or repeating while posts are written between fetches', async () => {
    const before: string[] = [];
    for (let n = 0; n < 12; n++) {
      before.push((await post({ title: `Fil ${n}`, category: 'work', tags: ['fil'] })).id);
      // Several posts share a timestamp: the id breaks the tie.
      if (n % 3 !== 0) clock.advance(-1_000);
    }
    clock.advance(5_000);
    // The order of reference, read in one page before anything else is written.
    const reference = (await get('/api/posts?limit=50&tag=fil')).items.map((item) => item.id);
    expect([...reference].sort()).toEqual([...before].sort());
    const seen = await walk('/api/posts?limit=5&tag=fil', async () => {
      await post({ title: 'Écrit pendant la lecture', category: 'work', tags: ['fil'] });
    });
    // Every post that existed at the start, once each, newest first; the new ones are above the cursor.
    // The posts written meanwhile are newer than any cursor: they wait at the top of a fresh first page.
    expect(seen).toEqual(reference);
    const fresh = await get('/api/posts?limit=3&tag=fil');
    expect(fresh.items.map((item) => item.title)).toEqual(Array(3).fill('Écrit pendant la lecture'));
  });

  it('orders by top (likes, comments, time decay) and pages it with a stable key', async () => {
    const old = await post({ title: 'Ancien mais populaire', category: 'family', tags: ['top'] });
    // Three days older (the trigger recomputes the stored score).
    await t.database.db.execute(
      sql`update posts set created_at = created_at - interval '3 days' where id = ${old.id}`,
    );
    const fresh = await post({ title: 'Récent sans réaction', category: 'family', tags: ['top'] });
    const liked = await post({ title: 'Récent et aimé', category: 'family', tags: ['top'] });
    const likers = [reader, await person(t.app, t.database), await person(t.app, t.database)];
    for (const who of likers) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/posts/${liked.id}/like`,
        headers: who.auth,
      });
      expect(response.statusCode).toBe(200);
    }
    // Three days of age outweigh fewer than a thousand interactions: a few likes do not lift the old post.
    for (const who of likers) {
      await t.app.inject({ method: 'PUT', url: `/api/posts/${old.id}/like`, headers: who.auth });
    }
    const top = await get('/api/posts?sort=top&tag=top');
    expect(top.items.map((item) => item.id)).toEqual([liked.id, fresh.id, old.id]);
    const pages = await walk('/api/posts?sort=top&tag=top&limit=1');
    expect(pages).toEqual([liked.id, fresh.id, old.id]);
    const byCategory = await get('/api/posts?sort=top&category=family');
    expect(byCategory.items.map((item) => item.id)).toEqual([liked.id, fresh.id, old.id]);
    const stored = await t.database.db.execute<{ hot_score: number; expected: number }>(
      sql`select hot_score, inside_hot_score(like_count, comment_count, created_at) as expected from posts where id = ${liked.id}`,
    );
    expect(stored.rows[0]?.hot_score).toBe(stored.rows[0]?.expected);
  });

  it('filters by category and tag', async () => {
    const study = await post({
      title: 'Permis d’études au Manitoba',
      category: 'study',
      tags: ['manitoba', 'caq'],
    });
    await post({ title: 'Travail au Manitoba', category: 'work', tags: ['manitoba'] });
    expect(titles(await get('/api/posts?category=study'))).toEqual([study.title]);
    expect(titles(await get('/api/posts?tag=manitoba&category=study'))).toEqual([study.title]);
    expect((await get('/api/posts?tag=manitoba')).items).toHaveLength(2);
    expect((await get('/api/posts?tag=%23Manitoba')).items).toHaveLength(2);
  });

  describe('search', () => {
    beforeAll(async () => {
      await post({
        title: 'Mon étude de cas : dossier de résidence permanente',
        body: 'Voici les pièces de mon dossier, avec les délais de traitement et la lettre de l’employeur.',
        category: 'express_entry',
        tags: ['recherche'],
      });
      await post({
        title: 'Les dossiers refusés',
        body: 'Pourquoi tant de dossiers sont refusés au Québec, et comment éviter un refus du CAQ.',
        category: 'quebec',
        tags: ['recherche'],
      });
      await post({
        title: 'Logement à Montréal',
        body: 'Trouver un appartement quand on arrive : le bail, la caution et les quartiers. Un dossier de location aide.',
        category: 'settlement',
        tags: ['recherche'],
      });
      await post({
        title: 'Study permit processing times',
        body: 'My study permit application took eleven weeks; the biometrics appointment was the longest step.',
        category: 'study',
        tags: ['recherche'],
      });
      await post({
        title: 'Express Entry draw results',
        body: 'The latest immigration draw invited candidates with a score above 480 in the general category.',
        category: 'express_entry',
        tags: ['recherche'],
        language: 'en',
      });
      await post({
        title: 'Immigration au Nouveau-Brunswick',
        body: 'Le programme d’immigration francophone du Nouveau-Brunswick recrute des travailleurs.',
        category: 'general',
        tags: ['recherche'],
        language: 'fr',
      });
    });

    const search = (q: string, extra = '') =>
      get(`/api/posts?q=${encodeURIComponent(q)}&tag=recherche${extra}`);

    it('finds accented and unaccented forms alike', async () => {
      for (const q of ['étude', 'etude', 'ÉTUDE']) {
        const found = await search(q);
        expect(found.searchMode).toBe('fulltext');
        expect(titles(found)).toContain('Mon étude de cas : dossier de résidence permanente');
      }
      expect(titles(await search('residence permanente'))).toEqual([
        'Mon étude de cas : dossier de résidence permanente',
      ]);
    });

    it('matches stems: "dossiers" finds "dossier", "permits" finds "permit"', async () => {
      const dossiers = titles(await search('dossiers'));
      expect(dossiers).toEqual(
        expect.arrayContaining([
          'Mon étude de cas : dossier de résidence permanente',
          'Les dossiers refusés',
          'Logement à Montréal',
        ]),
      );
      expect(titles(await search('permits'))).toEqual(['Study permit processing times']);
      expect(titles(await search('refus'))).toEqual(['Les dossiers refusés']);
    });

    it('ranks the better match first (in the title, more often)', async () => {
      const found = await search('dossier or refus');
      expect(found.items).toHaveLength(3);
      expect(found.items[0]?.title).toBe('Les dossiers refusés');
      expect(found.items.at(-1)?.title).toBe('Logement à Montréal');
    });

    it('honours quoted phrases and -exclusions', async () => {
      expect(titles(await search('"délais de traitement"'))).toEqual([
        'Mon étude de cas : dossier de résidence permanente',
      ]);
      expect(titles(await search('"traitement délais"'))).toEqual([]);
      const excluded = titles(await search('dossier -québec'));
      expect(excluded).not.toContain('Les dossiers refusés');
      expect(excluded).toContain('Logement à Montréal');
      expect(titles(await search('study -biometrics'))).toEqual([]);
    });

    it('finds English posts from a French query that shares their words, each in its own language', async () => {
      const found = titles(await search('immigration'));
      expect(found).toEqual(
        expect.arrayContaining(['Express Entry draw results', 'Immigration au Nouveau-Brunswick']),
      );
    });

    it('highlights the matches in escaped HTML', async () => {
      const [first] = (await search('caution')).items;
      expect(first?.highlight?.excerptHtml).toContain('<mark>caution</mark>');
      const [titled] = (await search('étude')).items;
      expect(titled?.highlight?.titleHtml).toBe(
        'Mon <mark>étude</mark> de cas : dossier de résidence permanente',
      );
    });

    it('falls back to trigram similarity on titles for typos and very short queries', async () => {
      const typo = await search('imigration');
      expect(typo.searchMode).toBe('fuzzy');
      expect(titles(typo)).toContain('Immigration au Nouveau-Brunswick');
      const misspelt = await search('Montreall');
      expect(titles(misspelt)).toContain('Logement à Montréal');
      const short = await search('CAQ');
      expect(short.searchMode).toBe('fulltext');
      const tiny = await get('/api/posts?q=Lo&tag=recherche');
      expect(tiny.searchMode).toBe('fuzzy');
      expect(await search('zzzzqqqq')).toMatchObject({ items: [], nextCursor: null });
    });

    it('pages search results by (rank, id) without repeats', async () => {
      const all = titles(await search('dossier'));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search('dossier', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...titles(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
    });

    it('hides held, hidden and deleted posts from search and feed', async () => {
      const secret = await post({ title: 'Dossier supprimé bientôt', tags: ['recherche'] });
      expect(titles(await search('supprimé'))).toEqual([secret.title]);
      await t.app.inject({ method: 'DELETE', url: `/api/posts/${secret.id}`, headers: author.auth });
      expect(titles(await search('supprimé'))).toEqual([]);
    });
    it('ranks within a window of the newest matches, the same window on every page', async () => {
      const query = { q: 'dossier', tag: 'recherche', limit: 1, sort: 'new' as const };
      const options = { searchWindow: 2 };
      const first = await listFeed(t.app.deps, null, query, options);
      expect(first.items).toHaveLength(1);
      // A newer match written between two pages does not push an older candidate out of the window.
      await post({ title: 'Encore un dossier', body: 'Rien de plus.', tags: ['recherche'] });
      const seen = first.items.map((item) => item.title);
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await listFeed(t.app.deps, null, { ...query, cursor }, options);
        seen.push(...next.items.map((item) => item.title));
        cursor = next.nextCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(['Les dossiers refusés', 'Logement à Montréal']));
      expect(seen).not.toContain('Mon étude de cas : dossier de résidence permanente');
    });
  });
});
