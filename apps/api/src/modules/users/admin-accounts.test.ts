import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { users } from '../../db/schema';
import { createAdmin } from './admin-accounts.service';

describe('admin:create', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a verified admin who can log in', async () => {
    expect(
      await createAdmin(t.database.db, {
        email: 'Sophie@Capitune.ca',
        password: 'Érable-Boréal-Quai-42',
        firstName: 'Sophie',
        lastName: 'Gagnon',
        promote: false,
      }),
    ).toBe('created');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'sophie@capitune.ca', password: 'Érable-Boréal-Quai-42' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ role: 'admin', emailVerified: true });
  });

  it('refuses weak passwords and existing accounts unless asked to promote', async () => {
    await expect(
      createAdmin(t.database.db, {
        email: 'weak@capitune.ca',
        password: 'password12',
        firstName: 'A',
        lastName: 'B',
        promote: false,
      }),
    ).rejects.toThrow(/too weak/);
    const person = await signUpAndLogIn(t.app, t.database);
    await expect(
      createAdmin(t.database.db, {
        email: person.body.email,
        password: 'x',
        firstName: 'A',
        lastName: 'B',
        promote: false,
      }),
    ).rejects.toThrow(/--promote/);
    expect(
      await createAdmin(t.database.db, {
        email: person.body.email,
        password: '',
        firstName: 'A',
        lastName: 'B',
        promote: true,
      }),
    ).toBe('promoted');
    const [row] = await t.database.db
      .select({ role: users.role })
      .from(users)
      .where(eq(users.id, person.userId));
    expect(row?.role).toBe('admin');
  });
});
