import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { type DirectoryPro, insertPro, signedInPro } from '../../../test/directory-helpers';
import { makeAdmin } from '../../../test/dossier-helpers';
import { events, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

type Card = { id: string; slug: string; verified: boolean; rating: { score: number | null; count: number } };

describe('the public directory', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  const pros: Record<string, DirectoryPro> = {};
  let candidate: Awaited<ReturnType<typeof signUpAndLogIn>>;

  const list = async (query = '', headers: Record<string, string> = {}) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/pros${query ? `?${query}` : ''}`,
      headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Card[]; nextCursor: string | null };
  };
  const ids = (page: { items: Card[] }) => page.items.map((item) => item.id);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const at = (days: number) => new Date(clock.now().getTime() - days * 86_400_000);
    pros.amelie = await insertPro(t, {
      firstName: 'Amélie',
      lastName: 'Bouchard',
      firm: 'Bouchard Immigration',
      languages: ['fr', 'en'],
      provinces: ['QC'],
      programs: ['express_entry_fsw', 'quebec_skilled_worker'],
      city: 'Montréal',
      inPerson: true,
      ratingCount: 10,
      ratingSum: 48,
      verifiedSince: at(100),
      bio: { fr: 'Travailleurs qualifiés et PEQ.', en: 'Skilled workers and PEQ.' },
    });
    pros.raj = await insertPro(t, {
      firstName: 'Raj',
      lastName: 'Patel',
      firm: 'Patel Law',
      profession: 'lawyer',
      regulator: 'lso',
      licenceClass: null,
      languages: ['en', 'hi', 'pa'],
      provinces: ['ON'],
      programs: ['express_entry_cec'],
      city: 'Toronto',
      acceptingClients: false,
      ratingCount: 3,
      ratingSum: 15,
      verifiedSince: at(10),
    });
    pros.lucia = await insertPro(t, {
      firstName: 'Lucía',
      lastName: 'García',
      firm: 'Cabinet Amélie Conseil',
      languages: ['es', 'fr'],
      provinces: ['QC', 'ON'],
      licenceClass: 'L3',
      verifiedSince: at(50),
    });
    pros.noah = await insertPro(t, {
      firstName: 'Noah',
      lastName: 'Chen',
      languages: ['en', 'zh'],
      provinces: ['BC'],
      city: 'Vancouver',
      ratingCount: 2,
      ratingSum: 4,
      verifiedSince: at(5),
      bio: { fr: 'Conseils à Vancouver pour Amélie et les autres.', en: '' },
    });
    // Not listed: pending, suspended, past the renewal date (grace), suspended account.
    pros.pending = await insertPro(t, { firstName: 'Paul', lastName: 'Pending', status: 'pending' });
    pros.suspended = await insertPro(t, { firstName: 'Sam', lastName: 'Suspended', status: 'suspended' });
    pros.grace = await insertPro(t, { firstName: 'Gina', lastName: 'Grace', renewalDate: '2026-11-20' });
    pros.inactive = await insertPro(t, {
      firstName: 'Ian',
      lastName: 'Inactive',
      accountStatus: 'suspended',
    });
    candidate = await signUpAndLogIn(t.app, t.database, { firstName: 'Amina', lastName: 'Diallo' });
  });
  afterAll(() => t.close());

  it('lists verified pros only, to anyone, a token or not', async () => {
    const anonymous = await list();
    expect(new Set(ids(anonymous))).toEqual(
      new Set([pros.amelie, pros.raj, pros.lucia, pros.noah].map((p) => p?.id)),
    );
    expect(anonymous.items.every((item) => item.verified)).toBe(true);
    expect(await list('', candidate.auth)).toEqual(anonymous);
    // A broken token is not a reason to refuse a public page.
    expect(await list('', { authorization: 'Bearer not-a-token' })).toEqual(anonymous);
    const amelie = anonymous.items.find((item) => item.id === pros.amelie?.id);
    expect(amelie).toMatchObject({
      slug: pros.amelie?.slug,
      firstName: 'Amélie',
      organisation: { name: 'Bouchard Immigration' },
      profession: 'rcic',
      regulator: 'cicc',
      licenceClass: 'L2',
      languages: ['fr', 'en'],
      provinces: ['QC'],
      city: 'Montréal',
      inPerson: true,
      acceptingClients: true,
      programs: ['express_entry_fsw', 'quebec_skilled_worker'],
      rating: { score: 4.5, average: 4.8, count: 10 },
      headline: { fr: 'Travailleurs qualifiés et PEQ.', en: 'Skilled workers and PEQ.' },
      photoUrl: null,
    });
  });

  it('filters by language, province, program, regulator, class, rating, clients, mode and city', async () => {
    const one = async (query: string) => new Set(ids(await list(query)));
    const set = (...names: string[]) => new Set(names.map((name) => pros[name]?.id));
    expect(await one('language=fr')).toEqual(set('amelie', 'lucia'));
    expect(await one('language=pa')).toEqual(set('raj'));
    expect(await one('province=ON')).toEqual(set('raj', 'lucia'));
    expect(await one('program=quebec_skilled_worker')).toEqual(set('amelie'));
    expect(await one('regulator=lso')).toEqual(set('raj'));
    expect(await one('licenceClass=L3')).toEqual(set('lucia'));
    // Raj: (20 + 15) / 8 = 4.4; Amélie (20 + 48) / 15 = 4.5; Noah below; Lucía has no reviews.
    expect(await one('minRating=4.4')).toEqual(set('amelie', 'raj'));
    expect(await one('minRating=4.5')).toEqual(set('amelie'));
    expect(await one('accepting=false')).toEqual(set('raj'));
    expect(await one('accepting=true&province=ON')).toEqual(set('lucia'));
    expect(await one('mode=in_person')).toEqual(set('amelie'));
    expect(await one('mode=remote&language=zh')).toEqual(set('noah'));
    expect(await one('city=montreal')).toEqual(set('amelie'));
    expect(await one('language=fr&province=QC&program=express_entry_fsw')).toEqual(set('amelie'));

    for (const bad of [
      'language=xx',
      'province=ZZ',
      'minRating=9',
      'sort=paid',
      'limit=500',
      'accepting=yes',
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/pros?${bad}` });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('ranks a text query by name, then firm, then city or bio', async () => {
    const page = await list(`q=${encodeURIComponent('amelie')}`);
    // Amélie by name, Lucía by her firm's name, Noah by his bio; accents and case ignored.
    expect(ids(page)).toEqual([pros.amelie?.id, pros.lucia?.id, pros.noah?.id]);
    expect(ids(await list('q=PATEL'))).toEqual([pros.raj?.id]);
    expect(ids(await list('q=100%25'))).toEqual([]);
  });

  it('sorts by rating and by newest, page by page with strict cursors', async () => {
    // Bayesian: Amélie 4.53, Raj 4.375, Lucía 4 (the prior), Noah (20 + 4) / 7 = 3.43.
    const byRating = [pros.amelie, pros.raj, pros.lucia, pros.noah].map((p) => p?.id);
    expect(ids(await list('sort=rating'))).toEqual(byRating);
    expect(ids(await list())).toEqual(byRating);
    const newest = [pros.noah, pros.raj, pros.lucia, pros.amelie].map((p) => p?.id);
    expect(ids(await list('sort=newest'))).toEqual(newest);

    for (const [sort, expected] of [
      ['rating', byRating],
      ['newest', newest],
      ['relevance', byRating],
    ] as const) {
      const first = await list(`sort=${sort}&limit=3`);
      expect(first.nextCursor).not.toBeNull();
      const second = await list(`sort=${sort}&limit=3&cursor=${first.nextCursor}`);
      expect([...ids(first), ...ids(second)]).toEqual(expected);
      expect(second.nextCursor).toBeNull();
    }
    // Page 2 of a filtered list.
    const filtered = await list('language=fr&limit=1');
    const rest = await list(`language=fr&limit=1&cursor=${filtered.nextCursor}`);
    expect([...ids(filtered), ...ids(rest)]).toEqual([pros.amelie?.id, pros.lucia?.id]);

    const newestCursor = (await list('sort=newest&limit=1')).nextCursor;
    const ratingCursor = (await list('sort=rating&limit=1')).nextCursor;
    for (const cursor of [
      'nonsense',
      Buffer.from('["s",null,1,2]').toString('base64url'),
      Buffer.from('["s",null,-1,2,"00000000-0000-0000-0000-000000000000"]').toString('base64url'),
      Buffer.from('["n","yesterday","00000000-0000-0000-0000-000000000000"]').toString('base64url'),
      newestCursor,
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/pros?sort=rating&cursor=${cursor}` });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
    }
    const wrong = await t.app.inject({ method: 'GET', url: `/api/pros?sort=newest&cursor=${ratingCursor}` });
    expect(wrong.statusCode).toBe(400);
  });
});

describe('public profiles', () => {
  let t: TestApp;
  let pro: Awaited<ReturnType<typeof signedInPro>>;
  let pending: Awaited<ReturnType<typeof signedInPro>>;
  let candidate: Awaited<ReturnType<typeof signUpAndLogIn>>;
  let admin: { auth: Record<string, string> };

  beforeAll(async () => {
    t = await createTestApp();
    pro = await signedInPro(t, { firstName: 'Julien', lastName: 'Tremblay' });
    pending = await signedInPro(t, { verified: false, firstName: 'Paul', lastName: 'Attente' });
    candidate = await signUpAndLogIn(t.app, t.database);
    const person = await signUpAndLogIn(t.app, t.database, { firstName: 'Sophie', lastName: 'Gagnon' });
    await makeAdmin(t.database, person.userId);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: person.body.password },
    });
    admin = { auth: { authorization: `Bearer ${login.json().accessToken}` } };
    const now = Date.now();
    const webinar = (title: string, startsIn: number, status: 'scheduled' | 'draft') => ({
      hostId: pro.userId,
      title,
      language: 'fr' as const,
      category: 'express_entry' as const,
      startsAt: new Date(now + startsIn),
      endsAt: new Date(now + startsIn + 3_600_000),
      timeZone: 'America/Toronto',
      status,
    });
    await t.database.db
      .insert(events)
      .values([
        webinar('Entrée express : les bases', 86_400_000, 'scheduled'),
        webinar('Brouillon', 2 * 86_400_000, 'draft'),
        webinar('Passé', -2 * 86_400_000, 'scheduled'),
      ]);
  });
  afterAll(() => t.close());

  const get = (slug: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/pros/${slug}`, headers });

  it('shows a verified pro to everyone, with the register link, dates and upcoming webinars', async () => {
    const response = await get(pro.slug);
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile).toMatchObject({
      id: pro.userId,
      slug: pro.slug,
      verified: true,
      regulator: 'cicc',
      registerUrl: 'https://register.college-ic.ca/Public-Register-EN/RCIC_Search.aspx',
      testimonials: [],
      rating: { score: null, average: null, count: 0 },
      upcomingWebinars: [{ title: 'Entrée express : les bases', startsAt: expect.any(String) }],
    });
    expect(profile.verifiedSince).toEqual(expect.any(String));
    expect(profile.lastCheckedAt).toEqual(expect.any(String));
    expect(profile.licenceNumber).toMatch(/^R\d{6}$/);
  });

  it('hides a pro who is not verified from everyone but themself and admins', async () => {
    expect((await get(pending.slug)).statusCode).toBe(404);
    expect((await get(pending.slug, candidate.auth)).statusCode).toBe(404);
    expect((await get(pending.slug, pro.auth)).statusCode).toBe(404);
    const own = await get(pending.slug, pending.auth);
    expect(own.statusCode).toBe(200);
    expect(own.json().verified).toBe(false);
    expect((await get(pending.slug, admin.auth)).json().verified).toBe(false);
    expect((await get('nobody-000000')).statusCode).toBe(404);
    // A suspended account is hidden whatever its licence.
    await t.database.db.update(users).set({ status: 'suspended' }).where(eq(users.id, pro.userId));
    expect((await get(pro.slug)).statusCode).toBe(404);
    await t.database.db.update(users).set({ status: 'active' }).where(eq(users.id, pro.userId));
    expect((await get('Not_A_Slug')).statusCode).toBe(400);
    const directory = (await t.app.inject({ method: 'GET', url: '/api/pros' })).json();
    expect(directory.items.map((item: Card) => item.id)).toEqual([pro.userId]);
  });

  it('answers 404 for the photo of a pro who has none', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}/photo` })).statusCode).toBe(404);
  });
});

describe('page titles of the directory and profiles in the served HTML', () => {
  let t: TestApp;
  let dir: string;
  let pro: DirectoryPro;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'capitune-web-'));
    await writeFile(
      path.join(dir, 'index.html'),
      `<!doctype html>\n<html lang="fr">\n<head>\n<title>CAPITUNE — Accueil</title>\n<meta\n  name="description"\n  content="La page d’accueil."\n/>\n</head><body><div id="root"></div></body></html>`,
    );
    t = await createTestApp({ env: { WEB_DIST_DIR: dir } });
    pro = await insertPro(t, {
      firstName: 'Amélie',
      lastName: 'Bouchard <script>',
      firm: 'Bouchard & Fils',
      bio: {
        fr: 'Je vous accompagne pour le PEQ "et" l’Entrée express.',
        en: 'I help with PEQ and Express Entry.',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const page = (url: string, language?: string) =>
    t.app.inject({ method: 'GET', url, headers: language ? { 'accept-language': language } : {} });

  it('gives /pros its own title and description, in French unless English is preferred', async () => {
    const fr = await page('/pros');
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toMatch(/text\/html/);
    expect(fr.body).toContain('<title>Professionnels de l’immigration vérifiés · CAPITUNE</title>');
    expect(fr.body).toContain('<html lang="fr">');
    expect(fr.body).toMatch(/<meta name="description" content="Trouvez un consultant[^"]*" \/>/);
    expect(fr.body).not.toContain('La page d’accueil');
    const en = await page('/pros/', 'en-CA,en;q=0.9,fr;q=0.8');
    expect(en.body).toContain('<title>Verified immigration professionals · CAPITUNE</title>');
    expect(en.body).toContain('<html lang="en">');
    expect(en.headers.vary).toMatch(/accept-language/i);
    expect((await page('/pros', 'fr-CA,en;q=0.5')).body).toContain('<html lang="fr">');
  });

  it('gives a listed profile its name and bio, escaped', async () => {
    const fr = await page(`/pros/${pro.slug}`);
    expect(fr.body).toContain(
      '<title>Amélie Bouchard &lt;script&gt;, consultant·e réglementé·e en immigration (CRIC), permis vérifié · CAPITUNE</title>',
    );
    expect(fr.body).toContain(
      '<meta name="description" content="Je vous accompagne pour le PEQ &quot;et&quot; l’Entrée express." />',
    );
    expect(fr.body).not.toContain('<script>');
    const en = await page(`/pros/${pro.slug}`, 'en');
    expect(en.body).toContain('regulated immigration consultant (RCIC), licence verified · CAPITUNE</title>');
    expect(en.body).toContain('content="I help with PEQ and Express Entry."');
  });

  it('leaves other pages, unknown profiles and the API alone', async () => {
    for (const url of ['/', '/inside', '/pros/nobody-000000', '/pros/x/y']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<title>CAPITUNE — Accueil</title>');
    }
    expect((await page('/api/pros')).json().items).toHaveLength(1);
  });
});
