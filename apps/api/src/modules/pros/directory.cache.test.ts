import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn, stepUp } from '../../../test/auth-helpers';
import { signedInPro } from '../../../test/directory-helpers';
import { makeAdmin } from '../../../test/dossier-helpers';
import { proVerifications } from '../../db/schema';

/**
 * Directory pages are kept per instance (platform/read-cache.ts). Two instances on one database, as
 * behind a load balancer: a change made through one shows in the pages the other serves.
 */
describe('the directory kept per instance', () => {
  let one: TestApp;
  let two: TestApp;
  let pro: Awaited<ReturnType<typeof signedInPro>>;
  let admin: Awaited<ReturnType<typeof signUpAndLogIn>>;

  type Page = { items: { id: string; headline: { fr: string }; firstName: string }[] };
  const list = async (t: TestApp): Promise<Page> => {
    const response = await t.app.inject({ method: 'GET', url: '/api/pros?language=fr' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  const cardOf = async (t: TestApp) => (await list(t)).items.find((item) => item.id === pro.userId);

  beforeAll(async () => {
    one = await createTestApp();
    two = await createTestApp({ sameDatabaseAs: one });
    pro = await signedInPro(one, { firstName: 'Maude', lastName: 'Lavoie' });
    admin = await signUpAndLogIn(one.app, one.database);
    // Made an admin after signing up: the next login's token carries the role.
    await makeAdmin(one.database, admin.userId);
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  const profile = (bio: string) => ({
    bio: { fr: bio, en: '' },
    languages: ['fr'],
    provinces: ['QC'],
    city: 'Québec',
    remote: true,
    inPerson: false,
    acceptingClients: true,
    programs: [],
  });

  it('shows a profile change made through the other instance', async () => {
    const put = (bio: string) =>
      one.app.inject({ method: 'PUT', url: '/api/me/pro-profile', headers: pro.auth, payload: profile(bio) });
    expect((await put('Première version.')).statusCode).toBe(200);
    expect((await cardOf(two))?.headline.fr).toBe('Première version.');

    expect((await put('Seconde version.')).statusCode).toBe(200);
    await vi.waitFor(async () => expect((await cardOf(two))?.headline.fr).toBe('Seconde version.'));
    expect((await cardOf(one))?.headline.fr).toBe('Seconde version.');
  });

  it('drops a pro suspended through the other instance', async () => {
    expect(await cardOf(two)).toBeDefined();
    const [file] = await one.database.db
      .select({ id: proVerifications.id })
      .from(proVerifications)
      .where(eq(proVerifications.userId, pro.userId));
    const login = await one.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.body.email, password: admin.body.password },
    });
    await stepUp(one.app, login.json().accessToken, admin.body.password);
    const decided = await one.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${file?.id}/decision`,
      headers: { authorization: `Bearer ${login.json().accessToken}` },
      payload: { decision: 'suspend', reason: 'Le CICC a suspendu ce permis.' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await vi.waitFor(async () => expect(await cardOf(two)).toBeUndefined());
    expect(await cardOf(one)).toBeUndefined();
  });
});
