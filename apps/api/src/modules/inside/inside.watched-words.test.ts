import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { followedDossier, signedInPro } from '../../../test/directory-helpers';
import { ORDINARY_SENTENCES } from '../../../test/fixtures/ordinary-sentences';
import {
  createPost,
  logInAgain,
  type Person,
  person,
  resetRateLimits,
  samplePost,
} from '../../../test/inside-helpers';
import { auditLog } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { watchedWordsCsv } from './watched-words.csv';

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

  describe('rules: actions, lists, wildcards, the strongest wins', () => {
    const rule = async (word: string, action: string, extra: Record<string, unknown> = {}) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/admin/watched-words',
        headers: admin.auth,
        payload: { word, action, ...extra },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const comment = (who: Person, postId: string, body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/posts/${postId}/comments`,
        headers: who.auth,
        payload: { body },
      });
    const postColumns = async (id: string) =>
      (
        await t.database.pool.query(
          'select status, moderation_reason, held_word, moderation_tags, needs_review_at, body_source, body_html, body_text, title, tags from posts where id = $1',
          [id],
        )
      ).rows[0];
    const commentColumns = async (id: string) =>
      (
        await t.database.pool.query(
          'select status, moderation_reason, held_word, moderation_tags, needs_review_at, body_source, body_html from comments where id = $1',
          [id],
        )
      ).rows[0];
    const rules: string[] = [];

    beforeAll(async () => {
      await resetRateLimits(t.database);
      rules.push(
        await rule('arnaque*', 'flag'),
        await rule('idiotie', 'censor'),
        await rule('urgent*', 'tag', { tag: 'urgence' }),
        await rule('spammeur', 'silence', { locale: 'fr' }),
        await rule('flouze', 'hold', { locale: 'en' }),
        await rule('*port frau*eux', 'hold'),
      );
    });
    afterAll(async () => {
      for (const id of rules) {
        await t.app.inject({ method: 'DELETE', url: `/api/admin/watched-words/${id}`, headers: admin.auth });
      }
      await resetRateLimits(t.database);
    });

    it('flags: published, and in the queue with the word', async () => {
      const post = await createPost(t.app, author, { body: 'Attention aux ARNAQUES de faux consultants.' });
      expect(post.status).toBe('published');
      expect((await status(post.id)).statusCode).toBe(200);
      const [item] = (await queue('?limit=100')).items.filter((entry) => entry.id === post.id);
      expect(item).toMatchObject({
        status: 'published',
        moderationReason: 'watched_word',
        heldWord: 'arnaque*',
      });
      const flagged = await comment(pro, post.id, 'C’est une arnaque classique.');
      expect(flagged.json().status).toBe('published');
      expect(await commentColumns(flagged.json().id)).toMatchObject({
        status: 'published',
        moderation_reason: 'watched_word',
        held_word: 'arnaque*',
      });
    });

    it('censors: published with **** in the title, the Markdown, the HTML and the text', async () => {
      const post = await createPost(t.app, author, {
        title: 'Quelle Idiotie ce délai',
        body: 'Une *vraie* idiotie, cette IDIOTIE.\n\nidiotie',
      });
      expect(post.status).toBe('published');
      const row = await postColumns(post.id);
      expect(row.title).toBe('Quelle **** ce délai');
      expect(row.body_source).toBe('Une *vraie* \\*\\*\\*\\*, cette \\*\\*\\*\\*.\n\n\\*\\*\\*\\*');
      expect(row.body_html).toBe('<p>Une <em>vraie</em> ****, cette ****.</p>\n<p>****</p>');
      expect(row.body_text).not.toMatch(/idiotie/i);
      const censored = await comment(pro, post.id, 'Pure idiotie.');
      expect(censored.json().bodyHtml).toBe('<p>Pure ****.</p>');
    });

    it('tags: published, with the rule’s tag on the content', async () => {
      const post = await createPost(t.app, author, { body: 'Question URGENTE sur mon permis.' });
      expect(post.status).toBe('published');
      expect((await postColumns(post.id)).moderation_tags).toEqual(['urgence']);
      const tagged = await comment(pro, post.id, 'Urgent : répondez vite.');
      expect(await commentColumns(tagged.json().id)).toMatchObject({
        status: 'published',
        moderation_tags: ['urgence'],
      });
    });

    it('applies a list to texts of its language only; null to both', async () => {
      const french = await createPost(t.app, author, {
        body: 'Tout ce flouze pour un dossier.',
        language: 'fr',
      });
      expect(french.status).toBe('published');
      const english = await createPost(t.app, author, {
        body: 'All that flouze for one file.',
        language: 'en',
      });
      expect(english.status).toBe('held');
      // A comment takes its post's language when too short to tell.
      const open = await createPost(t.app, author, {
        body: 'A question about my work permit.',
        language: 'en',
      });
      expect((await comment(pro, open.id, 'Some flouze')).json().status).toBe('held');
      expect((await comment(pro, french.id, 'Du flouze')).json().status).toBe('published');
      const silencedInEnglish = await comment(
        pro,
        french.id,
        'Such a spammeur, this consultant, really unbelievable here',
      );
      expect(silencedInEnglish.json().status).toBe('published');
    });

    it('matches `*` anywhere in a term, on whole words', async () => {
      const held = await createPost(t.app, author, { body: 'Un PASSEPORT frauduleux circule.' });
      expect(held.status).toBe('held');
      expect((await postColumns(held.id)).held_word).toBe('*port frau*eux');
      expect((await createPost(t.app, author, { body: 'Un rapport frauduleux' })).status).toBe('held');
      expect(
        (await createPost(t.app, author, { body: 'Un passeport volé mais pas frauduleux' })).status,
      ).toBe('published');
    });

    it('takes the strongest action, and applies every censor and tag', async () => {
      const post = await createPost(t.app, author, {
        title: 'Urgent : passeport frauduleux',
        body: 'Une idiotie et une arnaque.',
      });
      expect(post.status).toBe('held');
      const row = await postColumns(post.id);
      expect(row).toMatchObject({
        status: 'held',
        held_word: '*port frau*eux',
        moderation_tags: ['urgence'],
      });
      expect(row.body_html).toBe('<p>Une **** et une arnaque.</p>');
    });

    it('silences: refused with AUTHOR_SILENCED, and the author cannot write for a day', async () => {
      const spammer = await person(t.app, t.database, 'candidate', { locale: 'fr' });
      const post = await createPost(t.app, author);
      const refused = await comment(spammer, post.id, 'Je suis un spammeur et fier de l’être.');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('AUTHOR_SILENCED');
      const [row] = (
        await t.database.pool.query('select silenced_until from users where id = $1', [spammer.userId])
      ).rows;
      expect(new Date(row.silenced_until).getTime() - clock.now().getTime()).toBe(24 * 3600_000);
      const next = await t.app.inject({
        method: 'POST',
        url: '/api/posts',
        headers: spammer.auth,
        payload: samplePost(),
      });
      expect(next.statusCode).toBe(403);
      expect(next.json().code).toBe('AUTHOR_SILENCED');
      expect((await comment(spammer, post.id, 'Bonjour')).json().code).toBe('AUTHOR_SILENCED');
      expect((await audits(spammer.userId)).map((entry) => entry.action)).toContain('user.silenced');
      clock.advance(24 * 3600_000 + 1000);
      for (const who of [spammer, admin, author, pro]) await logInAgain(t.app, who);
      expect((await comment(spammer, post.id, 'Bonjour à tous')).statusCode).toBe(201);
    });

    it('tests a text: the outcome, the matched rules, the censored text; admins only', async () => {
      const test = (payload: object, who: Person = admin) =>
        t.app.inject({ method: 'POST', url: '/api/admin/moderation/test', headers: who.auth, payload });
      const result = await test({
        text: 'Urgent : une idiotie, visa garanti, WhatsApp +1 514 555 0199',
        language: 'fr',
      });
      expect(result.statusCode, result.body).toBe(200);
      expect(result.json()).toMatchObject({
        outcome: 'held',
        language: 'fr',
        censoredText: 'Urgent : une ****, visa garanti, WhatsApp +1 514 555 0199',
        tags: ['urgence'],
      });
      const matches = result.json().matches as { source: string; rule: { word: string; action: string } }[];
      expect(matches.map((m) => [m.source, m.rule.word, m.rule.action])).toEqual(
        expect.arrayContaining([
          ['watched_word', 'urgent*', 'tag'],
          ['watched_word', 'idiotie', 'censor'],
          ['signal', 'guaranteed_visa', 'hold'],
          ['signal', 'phone_number', 'hold'],
        ]),
      );
      expect((await test({ text: 'Quel connard' })).json()).toMatchObject({
        outcome: 'blocked',
        matches: [{ source: 'profanity', rule: { action: 'block' } }],
      });
      expect((await test({ text: 'Un spammeur', language: 'fr' })).json().outcome).toBe('silenced');
      expect((await test({ text: 'Bonjour à tous' })).json()).toMatchObject({
        outcome: 'published',
        matches: [],
      });
      // With an author: a new member's link is held; a pro's phone number is not.
      const newcomer = await person(t.app, t.database, 'candidate', { trustLevel: 0 });
      const linked = await test({ text: 'Voir https://example.com', authorId: newcomer.userId });
      expect(linked.json()).toMatchObject({
        outcome: 'held',
        matches: [{ source: 'trust', rule: { word: 'link' } }],
      });
      expect((await test({ text: 'Appelez le (514) 555-0199', authorId: pro.userId })).json().outcome).toBe(
        'published',
      );
      expect((await test({ text: 'x', authorId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
        400,
      );
      expect((await test({ text: 'Bonjour' }, author)).statusCode).toBe(403);
      expect((await test({ text: 'Bonjour' }, pro)).statusCode).toBe(403);
    });
  });

  describe('CSV export and import', () => {
    const exportCsv = (who: Person = admin) =>
      t.app.inject({ method: 'GET', url: '/api/admin/watched-words.csv', headers: who.auth });
    const importCsv = (csv: string, asJson = false, who: Person = admin) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/watched-words/import',
        headers: { ...who.auth, 'content-type': asJson ? 'application/json' : 'text/csv' },
        payload: asJson ? JSON.stringify({ csv }) : csv,
      });
    const allWords = async () =>
      (
        await t.database.pool.query(
          'select word, locale, action, tag from watched_words order by word, locale',
        )
      ).rows;

    it('exports every rule as CSV and imports it back: added, updated, unchanged', async () => {
      const header = 'word,locale,action,tag\r\n';
      const first = await importCsv(
        `${header}visa express,fr,hold,\r\nfake job*,en,flag,\r\n"pré*approuvé",,tag,promesse\r\n`,
      );
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ added: 3, updated: 0, unchanged: 0 });
      const exported = await exportCsv();
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(exported.headers['content-disposition']).toMatch(
        /attachment; filename="watched-words-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      expect(exported.body.startsWith('\uFEFFword,locale,action,tag\r\n')).toBe(true);
      expect(exported.body).toContain('visa express,fr,hold,\r\n');
      expect(exported.body).toContain('pré*approuvé,,tag,promesse\r\n');
      const before = await allWords();
      // The same file again changes nothing; with one action changed, one row is updated.
      expect((await importCsv(exported.body, true)).json()).toEqual({
        added: 0,
        updated: 0,
        unchanged: before.length,
      });
      const changed = exported.body.replace('visa express,fr,hold,', 'visa express,fr,block,');
      expect((await importCsv(changed)).json()).toEqual({
        added: 0,
        updated: 1,
        unchanged: before.length - 1,
      });
      expect(await allWords()).toHaveLength(before.length);
      const audit = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'watched_words.imported'))
        .orderBy(desc(auditLog.id));
      expect(audit[0]?.after).toMatchObject({ rows: before.length, added: 0, updated: 1 });
    });

    it('refuses a file with bad rows, naming each (row, column, code), and stores nothing', async () => {
      const before = await allWords();
      const response = await importCsv(
        [
          'word,locale,action,tag',
          'correct,fr,hold,',
          'autre,fr,ban,',
          ',en,hold,',
          '\'=HYPERLINK("http://evil"),,block,',
          'étiquette,,tag,',
          'correct,fr,flag,',
          'trop,de,cellules,ici,encore',
          'mauvaise langue,de,hold,',
        ].join('\n'),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(
        response.json().errors.map((error: { path: string; code: string }) => [error.path, error.code]),
      ).toEqual([
        ['csv.3.action', 'invalid_action'],
        ['csv.4.word', 'required'],
        ['csv.5.word', 'invalid_word'],
        ['csv.6.tag', 'tag_mismatch'],
        ['csv.7.word', 'duplicate'],
        ['csv.8.row', 'columns'],
        ['csv.9.locale', 'invalid_locale'],
      ]);
      expect(await allWords()).toEqual(before);
      expect((await importCsv('mot,action\nx,hold')).json().errors[0]).toMatchObject({
        path: 'csv.1.row',
        code: 'columns',
      });
      const tooMany = `word,locale,action,tag\n${Array.from({ length: 5001 }, (_, i) => `mot${i},,hold,`).join('\n')}`;
      expect((await importCsv(tooMany)).json().errors[0].code).toBe('too_many_rows');
      expect((await importCsv(`word,locale,action,tag\n${'a'.repeat(1_100_000)}`)).statusCode).toBe(413);
    });

    it('escapes cells that a spreadsheet would run as formulas', () => {
      const csv = watchedWordsCsv([
        {
          id: '00000000-0000-4000-8000-000000000000',
          word: '=cmd',
          locale: null,
          action: 'tag',
          tag: '@SUM(A1)',
          createdBy: null,
          createdAt: new Date(),
          updatedAt: new Date(),
        },
      ]);
      expect(csv).toBe("\uFEFFword,locale,action,tag\r\n'=cmd,,tag,'@SUM(A1)\r\n");
    });

    it('is for admins only', async () => {
      expect((await exportCsv(author)).statusCode).toBe(403);
      expect((await exportCsv(pro)).statusCode).toBe(403);
      expect((await importCsv('word,locale,action,tag\n', false, author)).statusCode).toBe(403);
      expect((await importCsv('word,locale,action,tag\n', false, pro)).statusCode).toBe(403);
    });
  });
});

describe('watched words on reviews of pros', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('blocks, holds (hidden, out of the rating), flags and censors reviews; no trust rule', async () => {
    const admin = await person(t.app, t.database, 'admin');
    const candidate = await person(t.app, t.database, 'candidate', { trustLevel: 0 });
    const pro = await signedInPro(t, { firstName: 'Julien', lastName: 'Tremblay' });
    for (const [word, action] of [
      ['nul*', 'block'],
      ['arnaqueur', 'hold'],
      ['lent', 'flag'],
      ['idiot', 'censor'],
    ]) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/admin/watched-words',
        headers: admin.auth,
        payload: { word, action },
      });
      expect(created.statusCode).toBe(201);
    }
    const since = new Date(clock.now().getTime() - 31 * 24 * 3600_000);
    const dossiers = [
      await followedDossier(t, candidate, pro.userId, since),
      await followedDossier(t, candidate, pro.userId, since),
      await followedDossier(t, candidate, pro.userId, since),
    ];
    const review = (dossierId: string | undefined, body: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/pros/${pro.slug}/reviews`,
        headers: candidate.auth,
        payload: {
          dossierId,
          scores: { responsiveness: 4, feesClarity: 4, processExplanation: 4, overall: 4 },
          body,
          display: 'name',
        },
      });
    const row = async (id: string) =>
      (
        await t.database.pool.query(
          'select status, moderation_reason, needs_review_at, body from pro_reviews where id = $1',
          [id],
        )
      ).rows[0];
    const ratingCount = async () =>
      (await t.database.pool.query('select rating_count from pro_profiles where user_id = $1', [pro.userId]))
        .rows[0].rating_count;

    const blocked = await review(dossiers[0], 'Un conseiller vraiment NUL, à éviter absolument.');
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().code).toBe('CONTENT_BLOCKED');
    const held = await review(dossiers[0], 'Un arnaqueur, voyez https://exemple.com pour les preuves.');
    expect(held.statusCode, held.body).toBe(201);
    expect(await row(held.json().id)).toMatchObject({ status: 'hidden', moderation_reason: 'watched_word' });
    expect(await ratingCount()).toBe(0);
    const flagged = await review(dossiers[1], 'Un peu lent, et franchement idiot parfois, mais efficace.');
    expect(flagged.statusCode).toBe(201);
    const stored = await row(flagged.json().id);
    expect(stored).toMatchObject({
      status: 'published',
      moderation_reason: 'watched_word',
      body: 'Un peu lent, et franchement **** parfois, mais efficace.',
    });
    expect(stored.needs_review_at).not.toBeNull();
    expect(await ratingCount()).toBe(1);
    // A new member's link, and a phone number, publish a review: trust and signals are Inside's.
    const plain = await review(dossiers[2], 'Merci ! Joignable au (514) 555-0199, voir https://exemple.com.');
    expect(await row(plain.json().id)).toMatchObject({ status: 'published', moderation_reason: null });
  });
});
