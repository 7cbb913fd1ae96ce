import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { registration } from '../../../test/auth-helpers';
import {
  emailTokens,
  licenceConflicts,
  organisations,
  proProfiles,
  proVerifications,
  users,
} from '../../db/schema';

describe('registration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a pro in a new organisation, with a pending verification file and a public profile', async () => {
    const body = registration({
      role: 'pro',
      firstName: 'Émile',
      lastName: 'Côté',
      licenceNumber: 'r 712 345',
      licenceClass: 'L2',
      organisationName: 'Cabinet Boréal Immigration',
    });
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(response.statusCode).toBe(201);
    const [row] = await t.database.db
      .select({ id: users.id, role: users.role, organisation: organisations.name })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.email, body.email));
    expect(row).toMatchObject({ role: 'pro', organisation: 'Cabinet Boréal Immigration' });
    const [file] = await t.database.db
      .select()
      .from(proVerifications)
      .where(eq(proVerifications.userId, row?.id ?? ''));
    expect(file).toMatchObject({
      profession: 'rcic',
      regulator: 'cicc',
      licenceNumber: 'R712345',
      licenceClass: 'L2',
      status: 'pending',
      submittedAt: null,
    });
    const [profile] = await t.database.db
      .select({ slug: proProfiles.slug })
      .from(proProfiles)
      .where(eq(proProfiles.userId, row?.id ?? ''));
    expect(profile?.slug).toMatch(/^emile-cote-[0-9a-f]{6}$/);
    const stored = await t.database.db.select().from(users).where(eq(users.email, body.email));
    expect(stored[0]?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const tokens = await t.database.db
      .select()
      .from(emailTokens)
      .where(eq(emailTokens.userId, stored[0]?.id ?? ''));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a licence in the wrong format for its regulator, or a regulator of another profession', async () => {
    const cases = [
      [{ regulator: 'cicc', licenceNumber: '712345' }, 'body.licenceNumber', 'licence_format'],
      [{ regulator: 'cicc', licenceNumber: 'R71234' }, 'body.licenceNumber', 'licence_format'],
      [
        { profession: 'lawyer', regulator: 'barreau_qc', licenceNumber: 'R712345' },
        'body.licenceNumber',
        'licence_format',
      ],
      [
        { profession: 'lawyer', regulator: 'lso', licenceNumber: '123456' },
        'body.licenceNumber',
        'licence_format',
      ],
      [
        { profession: 'notary', regulator: 'cicc', licenceNumber: 'R712345' },
        'body.regulator',
        'regulator_mismatch',
      ],
    ] as const;
    for (const [fields, path, code] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: registration({ role: 'pro', organisationName: 'Cabinet', ...fields }),
      });
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(response.json().errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, code })]),
      );
    }
    const lawyer = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({
        role: 'pro',
        profession: 'lawyer',
        regulator: 'barreau_qc',
        licenceNumber: '123456-7',
        organisationName: 'Étude Lavoie',
      }),
    });
    expect(lawyer.statusCode).toBe(201);
  });

  it('refuses a licence another pro holds (409, naming nobody) and records the conflict on the holder’s file', async () => {
    const holder = registration({ role: 'pro', licenceNumber: 'R700999', organisationName: 'Cabinet Vrai' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: holder })).statusCode,
    ).toBe(201);
    const impostor = registration({
      role: 'pro',
      firstName: holder.firstName,
      lastName: holder.lastName,
      licenceNumber: 'R 700 999',
      organisationName: 'Cabinet Vrai',
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: impostor,
      remoteAddress: '203.0.113.9',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'LICENCE_ALREADY_CLAIMED',
      errors: [{ path: 'body.licenceNumber', code: 'licence_already_claimed' }],
    });
    expect(refused.body).not.toContain(holder.email);
    // No account for the impostor, but the conflict stays, on the holder's file.
    expect(await t.database.db.select().from(users).where(eq(users.email, impostor.email))).toHaveLength(0);
    const [holderRow] = await t.database.db.select().from(users).where(eq(users.email, holder.email));
    const [file] = await t.database.db
      .select()
      .from(proVerifications)
      .where(eq(proVerifications.userId, holderRow?.id ?? ''));
    const conflicts = await t.database.db
      .select()
      .from(licenceConflicts)
      .where(eq(licenceConflicts.verificationId, file?.id ?? ''));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      claimantUserId: null,
      claimantEmail: impostor.email,
      organisationName: 'Cabinet Vrai',
      regulator: 'cicc',
      licenceNumber: 'R700999',
      ip: '203.0.113.9',
      resolvedAt: null,
    });

    // The holder signing up again is only a known email: the same 201, a notice, no conflict.
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: holder });
    expect(again.statusCode).toBe(201);
    expect(
      await t.database.db
        .select()
        .from(licenceConflicts)
        .where(eq(licenceConflicts.verificationId, file?.id ?? '')),
    ).toHaveLength(1);

    // The same number at another regulator is another licence.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({
        role: 'pro',
        profession: 'lawyer',
        regulator: 'lsbc',
        licenceNumber: '700999',
        organisationName: 'Law Office',
      }),
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('lets only one of two simultaneous sign-ups with the same licence through', async () => {
    const bodies = [1, 2].map((n) =>
      registration({ role: 'pro', licenceNumber: 'R700555', organisationName: `Cabinet ${n}` }),
    );
    const responses = await Promise.all(
      bodies.map((payload, index) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload,
          remoteAddress: `198.51.100.${index + 1}`,
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    const files = await t.database.db
      .select()
      .from(proVerifications)
      .where(eq(proVerifications.licenceNumber, 'R700555'));
    expect(files).toHaveLength(1);
    expect(
      await t.database.db
        .select()
        .from(licenceConflicts)
        .where(eq(licenceConflicts.verificationId, files[0]?.id ?? '')),
    ).toHaveLength(1);
  });

  it('keeps the time zone given at sign-up, and refuses an unknown one', async () => {
    const body = registration({ timeZone: 'Africa/Dakar' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body })).statusCode,
    ).toBe(201);
    const [row] = await t.database.db
      .select({ timeZone: users.timeZone })
      .from(users)
      .where(eq(users.email, body.email));
    expect(row?.timeZone).toBe('Africa/Dakar');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ timeZone: 'Mars/Olympus' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.timeZone');
  });

  it('requires the licence number and firm of a pro', async () => {
    const body = { ...registration({ role: 'pro' }) };
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(response.statusCode).toBe(400);
    const paths = response.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.licenceNumber', 'body.organisationName']));
  });

  it('never lets anyone sign up as an admin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ role: 'admin' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(await t.database.db.select().from(users).where(eq(users.role, 'admin'))).toHaveLength(0);
  });

  it('refuses a weak or common password with the reason, in the person’s language', async () => {
    const fr = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password: 'motdepasse123' }),
    });
    expect(fr.statusCode).toBe(400);
    const problem = fr.json();
    expect(problem.code).toBe('PASSWORD_TOO_WEAK');
    expect(problem.errors[0]).toMatchObject({ path: 'body.password', code: 'too_weak' });
    expect(problem.detail).toMatch(/[a-zà-ÿ]/i);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password: 'qwertyuiop12', locale: 'en' }),
    });
    expect(en.json().code).toBe('PASSWORD_TOO_WEAK');
    expect(en.json().detail).not.toBe(problem.detail);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({ password: 'Xy7#kq' }),
    });
    expect(short.json().errors[0]).toMatchObject({ path: 'body.password', code: 'too_small' });
  });

  it('a password made of the person’s own name is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({
        firstName: 'Marguerite',
        lastName: 'Beauchemin',
        password: 'MargueriteBeauchemin',
      }),
    });
    expect(response.json().code).toBe('PASSWORD_TOO_WEAK');
  });
});
