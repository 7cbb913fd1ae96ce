import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { signedInPro } from '../../../test/directory-helpers';
import { makeAdmin, multipart, pdfBytes, pngBytes } from '../../../test/dossier-helpers';
import { proProfiles } from '../../db/schema';

describe('the pro’s own public profile', () => {
  let t: TestApp;
  let pro: Awaited<ReturnType<typeof signedInPro>>;
  let candidate: Awaited<ReturnType<typeof signUpAndLogIn>>;
  let admin: { auth: Record<string, string> };

  const profile = {
    bio: { fr: 'J’accompagne les travailleurs qualifiés depuis dix ans.', en: '' },
    languages: ['fr', 'en', 'es'],
    provinces: ['QC', 'ON'],
    city: 'Montréal',
    remote: true,
    inPerson: true,
    acceptingClients: true,
    programs: ['express_entry_fsw', 'quebec_skilled_worker'],
  };

  beforeAll(async () => {
    t = await createTestApp();
    pro = await signedInPro(t, { firstName: 'Julien', lastName: 'Tremblay' });
    candidate = await signUpAndLogIn(t.app, t.database);
    const person = await signUpAndLogIn(t.app, t.database, { firstName: 'Sophie', lastName: 'Gagnon' });
    await makeAdmin(t.database, person.userId);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.body.email, password: person.body.password },
    });
    admin = { auth: { authorization: `Bearer ${login.json().accessToken}` } };
  });
  afterAll(() => t.close());

  it('is read and written by the pro only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/pro-profile' })).statusCode).toBe(401);
    for (const who of [candidate, admin]) {
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/me/pro-profile', headers: who.auth })).statusCode,
      ).toBe(403);
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/me/pro-profile',
        headers: who.auth,
        payload: profile,
      });
      expect(put.statusCode).toBe(403);
    }
    const mine = await t.app.inject({ method: 'GET', url: '/api/me/pro-profile', headers: pro.auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ slug: pro.slug, photoUrl: null });

    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/me/pro-profile',
      headers: pro.auth,
      payload: profile,
    });
    expect(saved.statusCode).toBe(200);
    // Listed in the directory: the test's pro was verified and listed as a pro would choose.
    expect(saved.json()).toEqual({
      ...profile,
      slug: pro.slug,
      photoUrl: null,
      complete: true,
      listed: true,
    });
    const shown = (await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}` })).json();
    expect(shown).toMatchObject({
      bio: profile.bio,
      languages: profile.languages,
      programs: profile.programs,
    });
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/pros?program=quebec_skilled_worker&language=es' })
    ).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([pro.userId]);

    // An empty profile is not complete.
    const bare = await t.app.inject({
      method: 'PUT',
      url: '/api/me/pro-profile',
      headers: pro.auth,
      payload: { ...profile, bio: { fr: '', en: '' }, provinces: [] },
    });
    expect(bare.json().complete).toBe(false);
  });

  it('refuses specialties outside the catalogue and bad values', async () => {
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/me/pro-profile',
      headers: pro.auth,
      payload: { ...profile, programs: ['express_entry_fsw', 'golden_visa'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ path: 'body.programs.1', code: 'unknown_program' }),
    ]);
    for (const bad of [
      { ...profile, languages: [] },
      { ...profile, languages: ['klingon'] },
      { ...profile, provinces: ['XX'] },
      { ...profile, extra: true },
    ]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/me/pro-profile',
        headers: pro.auth,
        payload: bad,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('takes a photo checked by its bytes, serves it publicly with cache headers, replaces the old one', async () => {
    const upload = (
      who: { auth: Record<string, string> } | null,
      file?: { name: string; content: Buffer },
    ) => {
      const body = multipart({}, file);
      return t.app.inject({
        method: 'PUT',
        url: '/api/me/pro-profile/photo',
        headers: { ...(who?.auth ?? {}), ...body.headers },
        payload: body.payload,
      });
    };
    expect((await upload(null, { name: 'me.png', content: pngBytes })).statusCode).toBe(401);
    expect((await upload(candidate, { name: 'me.png', content: pngBytes })).statusCode).toBe(403);
    const pdf = await upload(pro, { name: 'me.png', content: pdfBytes() });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const huge = Buffer.concat([pngBytes, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await upload(pro, { name: 'me.png', content: huge });
    expect(tooLarge.statusCode).toBe(413);
    const none = await upload(pro);
    expect(none.statusCode).toBe(400);
    const notMultipart = await t.app.inject({
      method: 'PUT',
      url: '/api/me/pro-profile/photo',
      headers: pro.auth,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);

    const first = await upload(pro, { name: 'me.png', content: pngBytes });
    expect(first.statusCode).toBe(200);
    const sha = createHash('sha256').update(pngBytes).digest('hex');
    expect(first.json().photoUrl).toBe(`/api/pros/${pro.slug}/photo?v=${sha.slice(0, 12)}`);
    const [row] = await t.database.db
      .select({ photo: proProfiles.photo })
      .from(proProfiles)
      .where(eq(proProfiles.userId, pro.userId));
    const firstKey = row?.photo?.key as string;
    expect(await t.storage.exists(firstKey)).toBe(true);

    const served = await t.app.inject({ method: 'GET', url: first.json().photoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=86400');
    expect(served.rawPayload.equals(pngBytes)).toBe(true);
    const again = await t.app.inject({
      method: 'GET',
      url: first.json().photoUrl,
      headers: { 'if-none-match': served.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    // The directory card carries it.
    const card = (await t.app.inject({ method: 'GET', url: '/api/pros' })).json().items[0];
    expect(card.photoUrl).toBe(first.json().photoUrl);

    // A WebP replaces it; the old file is gone.
    const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
    const second = await upload(pro, { name: 'me.webp', content: webp });
    expect(second.statusCode).toBe(200);
    expect(second.json().photoUrl).not.toBe(first.json().photoUrl);
    expect(await t.storage.exists(firstKey)).toBe(false);
    const servedWebp = await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}/photo` });
    expect(servedWebp.headers['content-type']).toBe('image/webp');
  });
});
