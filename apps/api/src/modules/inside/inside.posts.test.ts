import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { XSS_PAYLOADS } from '../../../test/fixtures/xss-payloads';
import { createPost, type Person, person, resetRateLimits, samplePost } from '../../../test/inside-helpers';

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'a',
  'h2',
  'h3',
  'h4',
  'mark',
];

/** Asserts that sanitised HTML cannot run anything: only allowlisted tags and attributes, safe links. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  for (const [tag, name = '', attributes = ''] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
    expect(ALLOWED_TAGS, tag).toContain(name.toLowerCase());
    expect(attributes, tag).not.toMatch(/\son[a-z]+\s*=/i);
    const names = [...attributes.matchAll(/([^\s=/]+)\s*=\s*"[^"]*"/g)].map((match) => match[1]);
    for (const attribute of names) expect(['href', 'rel', 'target'], tag).toContain(attribute);
    expect(attributes.replace(/([^\s=/]+)\s*=\s*"[^"]*"/g, '').trim(), tag).toMatch(/^\/?$/);
    for (const href of attributes.matchAll(/href="([^"]*)"/g)) {
      expect(href[1], tag).toMatch(/^(https?:\/\/|mailto:)/);
    }
  }
}

describe('Inside posts', () => {
  let t: TestApp;
  let author: Person;
  let other: Person;
  let pro: Person;
  let admin: Person;
  let unverified: Person;

  beforeAll(async () => {
    t = await createTestApp();
    [author, other, pro, admin, unverified] = [
      await person(t.app, t.database),
      await person(t.app, t.database),
      await person(t.app, t.database, 'pro'),
      await person(t.app, t.database, 'admin'),
      await person(t.app, t.database, 'candidate', { verified: false }),
    ];
  });
  afterAll(() => t.close());

  it('publishes a post with sanitised HTML, the author’s role and a detected language', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/posts',
      headers: pro.auth,
      payload: samplePost({
        title: '  Délais de traitement du permis d’études  ',
        body: '## Bonjour\n\nVoici **mes conseils** pour le *permis d’études* : https://www.canada.ca/fr.html\n\n- un\n- deux',
        tags: ['#Études', 'permis-etudes', 'études'],
        category: 'study',
      }),
    });
    expect(response.statusCode).toBe(201);
    const post = response.json();
    expect(post).toMatchObject({
      title: 'Délais de traitement du permis d’études',
      category: 'study',
      tags: ['études', 'permis-etudes'],
      language: 'fr',
      status: 'published',
      likeCount: 0,
      commentCount: 0,
      likedByMe: false,
      canEdit: true,
      author: { id: pro.userId, role: 'pro', displayName: `${pro.firstName} ${pro.lastName[0]}.` },
    });
    expect(post.bodyHtml).toContain('<h2>Bonjour</h2>');
    expect(post.bodyHtml).toContain('<strong>mes conseils</strong>');
    expect(post.bodyHtml).toContain(
      '<a href="https://www.canada.ca/fr.html" rel="nofollow ugc noopener" target="_blank">',
    );
    expect(post.bodySource).toContain('## Bonjour');
    expect(post.excerpt).toMatch(/^Bonjour Voici mes conseils/);
    // The answer is the post as its author reads it afterwards.
    const read = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: pro.auth });
    expect(read.json()).toEqual(post);

    const english = await createPost(t.app, author, {
      title: 'How long does the PGWP take?',
      body: 'I applied for my post-graduation work permit in March and I am still waiting for an answer.',
    });
    expect(english.language).toBe('en');
    const chosen = await createPost(t.app, author, {
      title: 'Question',
      body: 'Hello everyone, how are you all doing today?',
      language: 'fr',
    });
    expect(chosen.language).toBe('fr');
  });

  it('limits posts per hour, new accounts harder; each answer is the post as its author reads it', async () => {
    await resetRateLimits(t.database);
    const newcomer = await person(t.app, t.database, 'candidate', { createdAt: new Date() });
    const long = 'Un très long message sur mon parcours 🇨🇦 vers la résidence permanente. '.repeat(12);
    for (let n = 0; n < 3; n++) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/posts',
        headers: newcomer.auth,
        payload: samplePost({ title: `Mon parcours ${n}`, body: long }),
      });
      expect(created.statusCode).toBe(201);
      const read = await t.app.inject({
        method: 'GET',
        url: `/api/posts/${created.json().id}`,
        headers: newcomer.auth,
      });
      expect(read.json()).toEqual(created.json());
    }
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/posts',
      headers: newcomer.auth,
      payload: samplePost({ title: 'Un de trop' }),
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // An established account has a higher limit.
    await createPost(t.app, author, { title: 'Encore un' });
  });

  it('lets anyone read published posts; others see no source and cannot edit', async () => {
    const post = await createPost(t.app, author);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toMatchObject({ bodySource: null, canEdit: false, likedByMe: false });
    const feed = await t.app.inject({ method: 'GET', url: '/api/posts' });
    expect(feed.statusCode).toBe(200);
    expect(feed.json().items.map((item: { id: string }) => item.id)).toContain(post.id);
    const byOther = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: other.auth });
    expect(byOther.json()).toMatchObject({ bodySource: null, canEdit: false });
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/posts/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    const notUuid = await t.app.inject({ method: 'GET', url: '/api/posts/not-a-uuid' });
    expect(notUuid.statusCode).toBe(400);
  });

  it('refuses writing to anonymous (401) and unverified (403) users', async () => {
    const post = await createPost(t.app, author);
    const attempts = [
      { method: 'POST' as const, url: '/api/posts', payload: samplePost() },
      { method: 'PATCH' as const, url: `/api/posts/${post.id}`, payload: { title: 'Nouveau titre' } },
      { method: 'DELETE' as const, url: `/api/posts/${post.id}` },
      { method: 'POST' as const, url: `/api/posts/${post.id}/comments`, payload: { body: 'Merci !' } },
      { method: 'PUT' as const, url: `/api/posts/${post.id}/like` },
      { method: 'DELETE' as const, url: `/api/posts/${post.id}/like` },
      {
        method: 'POST' as const,
        url: '/api/flags',
        payload: { targetType: 'post', targetId: post.id, reason: 'spam' },
      },
    ];
    for (const attempt of attempts) {
      const anonymous = await t.app.inject(attempt);
      expect(anonymous.statusCode, `${attempt.method} ${attempt.url}`).toBe(401);
      const notVerified = await t.app.inject({ ...attempt, headers: unverified.auth });
      expect(notVerified.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      expect(notVerified.json().code).toBe('EMAIL_NOT_VERIFIED');
    }
  });

  it('lets only the author edit and delete (403 for others, admins included)', async () => {
    const post = await createPost(t.app, author);
    for (const who of [other, pro, admin]) {
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/api/posts/${post.id}`,
        headers: who.auth,
        payload: { title: 'Pris en otage' },
      });
      expect(edit.statusCode).toBe(403);
      const remove = await t.app.inject({
        method: 'DELETE',
        url: `/api/posts/${post.id}`,
        headers: who.auth,
      });
      expect(remove.statusCode).toBe(403);
    }
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      headers: author.auth,
      payload: { body: 'Texte **corrigé** après la réponse de l’IRCC pour mon dossier.', tags: ['ircc'] },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ title: post.title, tags: ['ircc'] });
    expect(edit.json().bodyHtml).toContain('<strong>corrigé</strong>');
    expect(edit.json().editedAt).not.toBeNull();

    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/posts/${post.id}`,
      headers: author.auth,
    });
    expect(remove.statusCode).toBe(204);
    for (const who of [author, other, admin]) {
      const gone = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: who.auth });
      expect(gone.statusCode).toBe(404);
    }
    const feed = await t.app.inject({ method: 'GET', url: '/api/posts?limit=50', headers: author.auth });
    expect(feed.json().items.map((item: { id: string }) => item.id)).not.toContain(post.id);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/posts/${post.id}`,
      headers: author.auth,
    });
    expect(again.statusCode).toBe(404);
  });

  it('answers bad input with 400 and field errors', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...samplePost(), title: 'a' }, 'body.title'],
      [{ ...samplePost(), title: 'x'.repeat(201) }, 'body.title'],
      [{ ...samplePost(), body: '   ' }, 'body.body'],
      [{ ...samplePost(), category: 'gossip' }, 'body.category'],
      [{ ...samplePost(), tags: ['<script>'] }, 'body.tags.0'],
      [{ ...samplePost(), tags: ['a', 'bb', 'cc', 'dd', 'ee', 'ff'] }, 'body.tags'],
      [{ ...samplePost(), language: 'de' }, 'body.language'],
      [{ ...samplePost(), extra: true }, 'body'],
    ];
    for (const [payload, path] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/posts',
        headers: author.auth,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    const post = await createPost(t.app, author);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      headers: author.auth,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const feed = await t.app.inject({ method: 'GET', url: '/api/posts?sort=hot&limit=500&category=x' });
    expect(feed.statusCode).toBe(400);
    expect(
      feed
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['query.category', 'query.limit', 'query.sort']);
    for (const cursor of ['garbage', 'eyJ4IjoxfQ']) {
      for (const sort of ['new', 'top']) {
        const bad = await t.app.inject({ method: 'GET', url: `/api/posts?sort=${sort}&cursor=${cursor}` });
        expect(bad.statusCode).toBe(400);
      }
    }
  });

  it('renders every XSS payload inert, in titles, bodies, tags and comments', async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30);
    const post = await createPost(t.app, author, { title: 'Cible des commentaires' });
    for (const [index, payload] of XSS_PAYLOADS.entries()) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/posts',
        headers: other.auth,
        payload: samplePost({
          title: `XSS ${index} ${payload}`.slice(0, 200),
          body: `Texte ${payload}\n\n${payload}`,
        }),
      });
      // Plain-text titles come back exactly as written (JSON text, for the web to escape), never as HTML.
      expect(created.statusCode, payload).toBe(201);
      const body = created.json();
      expect(body.title).toBe(`XSS ${index} ${payload}`.slice(0, 200).trim());
      expectInert(body.bodyHtml);

      const comment = await t.app.inject({
        method: 'POST',
        url: `/api/posts/${post.id}/comments`,
        headers: other.auth,
        payload: { body: payload },
      });
      expect(comment.statusCode, payload).toBe(201);
      expectInert(comment.json().bodyHtml);

      // A tag is a word: markup is refused outright.
      const tagged = await t.app.inject({
        method: 'POST',
        url: '/api/posts',
        headers: other.auth,
        payload: samplePost({ tags: [payload] }),
      });
      expect(tagged.statusCode, payload).toBe(400);
      await resetRateLimits(t.database);
    }
    // The search highlights (the only other HTML) escape the titles and bodies.
    const found = await t.app.inject({ method: 'GET', url: '/api/posts?q=XSS&limit=50' });
    expect(found.statusCode).toBe(200);
    expect(found.json().items.length).toBeGreaterThan(10);
    for (const item of found.json().items) {
      expectInert(item.highlight.titleHtml);
      expectInert(item.highlight.excerptHtml);
      expect(item.highlight.titleHtml.replace(/<\/?mark>/g, '')).not.toMatch(/</);
    }
  });
  it('documents every Inside route in the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    const expected: Record<string, string[]> = {
      '/api/posts': ['get', 'post'],
      '/api/posts/{id}': ['get', 'patch', 'delete'],
      '/api/posts/{id}/comments': ['get', 'post'],
      '/api/comments/{id}': ['patch', 'delete'],
      '/api/posts/{id}/like': ['put', 'delete'],
      '/api/comments/{id}/like': ['put', 'delete'],
      '/api/flags': ['post'],
      '/api/admin/moderation/queue': ['get'],
      '/api/admin/moderation/{targetType}/{id}/{action}': ['post'],
      '/api/admin/watched-words': ['get', 'post'],
      '/api/admin/watched-words/{id}': ['patch', 'delete'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
  });
});
