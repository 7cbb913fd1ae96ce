import { randomUUID } from 'node:crypto';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { refreshCookie, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { uniqueLicence } from '../../../test/pro-helpers';
import { SoftwareAuthenticator } from '../../../test/webauthn-authenticator';
import { auditLog, passkeys, users, webauthnChallenges } from '../../db/schema';

/** The test app's PUBLIC_URL: the relying party is its host, answers come from its origin. */
const ORIGIN = 'http://capitune.test';
const RP_ID = 'capitune.test';

type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;
type Auth = { authorization: string };

describe('passkeys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: { auth?: Auth; payload?: object } = {},
  ) =>
    t.app.inject({
      method,
      url,
      ...(options.auth ? { headers: options.auth } : {}),
      ...(options.payload ? { payload: options.payload } : {}),
    });

  /** Proves the person again with their password (they have no factor yet): the step-up window opens. */
  async function stepUp(person: Person) {
    const response = await inject('POST', '/api/auth/step-up', {
      auth: person.auth,
      payload: { method: 'password', password: STRONG_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  async function registrationOptions(auth: Auth) {
    const response = await inject('POST', '/api/me/passkeys/options', { auth });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as PublicKeyCredentialCreationOptionsJSON;
  }

  /** Creates a passkey on the authenticator and registers it under `name`. */
  async function addPasskey(auth: Auth, authenticator: SoftwareAuthenticator, name: string) {
    const credential = authenticator.register(await registrationOptions(auth));
    const response = await inject('POST', '/api/me/passkeys', { auth, payload: { name, credential } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; name: string; backedUp: boolean; lastUsedAt: string | null };
  }

  async function passkeysOf(auth: Auth) {
    const response = await inject('GET', '/api/me/passkeys', { auth });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: { id: string; name: string; lastUsedAt: string | null }[] }).items;
  }

  async function signInOptions() {
    const response = await inject('POST', '/api/auth/passkey/options');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { challengeId: string; options: PublicKeyCredentialRequestOptionsJSON };
  }

  /** A person with one passkey on their own authenticator, ready to sign in with it. */
  async function personWithPasskey(overrides: Partial<Record<string, unknown>> = {}) {
    const person = await signUpAndLogIn(t.app, t.database, overrides);
    await stepUp(person);
    const authenticator = new SoftwareAuthenticator(ORIGIN);
    const passkey = await addPasskey(person.auth, authenticator, 'Téléphone');
    return { person, authenticator, passkey };
  }

  const userHandleOf = (userId: string) =>
    Buffer.from(userId.replaceAll('-', ''), 'hex').toString('base64url');

  it('answers 401 to anonymous requests on every passkey route of the account', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes = [
      ['POST', '/api/me/passkeys/options', undefined],
      [
        'POST',
        '/api/me/passkeys',
        {
          name: 'Clé',
          credential: { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'x' } },
        },
      ],
      ['GET', '/api/me/passkeys', undefined],
      ['PATCH', `/api/me/passkeys/${id}`, { name: 'Clé' }],
      ['DELETE', `/api/me/passkeys/${id}`, undefined],
    ] as const;
    for (const [method, url, payload] of routes) {
      const response = await inject(method, url, payload ? { payload } : {});
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('asks for a fresh step-up before a passkey is added or removed', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    // A password sign-in alone does not open the window.
    const options = await inject('POST', '/api/me/passkeys/options', { auth: person.auth });
    expect(options.statusCode).toBe(401);
    expect(options.json().code).toBe('STEP_UP_REQUIRED');
    expect(options.json().methods).toContain('password');

    const other = await personWithPasskey();
    const credential = new SoftwareAuthenticator(ORIGIN).register(
      await registrationOptions(other.person.auth),
    );
    const added = await inject('POST', '/api/me/passkeys', {
      auth: person.auth,
      payload: { name: 'Clé', credential },
    });
    expect(added.statusCode).toBe(401);
    expect(added.json().code).toBe('STEP_UP_REQUIRED');
    const removed = await inject('DELETE', `/api/me/passkeys/${other.passkey.id}`, { auth: person.auth });
    expect(removed.statusCode).toBe(401);
    expect(removed.json().code).toBe('STEP_UP_REQUIRED');
    expect(await passkeysOf(person.auth)).toEqual([]);
  });

  it('registers two named discoverable passkeys, lists and renames them', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await stepUp(person);
    const options = await registrationOptions(person.auth);
    expect(options.rp).toEqual({ id: RP_ID, name: 'CAPITUNE' });
    expect(options.user.id).toBe(userHandleOf(person.userId));
    expect(options.user.name).toBe(person.body.email);
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'preferred',
    });
    expect(options.excludeCredentials).toEqual([]);
    const [stored] = await t.database.db
      .select()
      .from(webauthnChallenges)
      .where(eq(webauthnChallenges.challenge, options.challenge));
    expect(stored).toMatchObject({ purpose: 'register', userId: person.userId, usedAt: null });
    expect(stored && stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(5 * 60_000);

    const phone = new SoftwareAuthenticator(ORIGIN, { synced: true });
    const first = await inject('POST', '/api/me/passkeys', {
      auth: person.auth,
      payload: { name: '  iPhone  ', credential: phone.register(options) },
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ name: 'iPhone', backedUp: true, lastUsedAt: null });

    // The second registration excludes the first credential, so the same authenticator is not used twice.
    const secondOptions = await registrationOptions(person.auth);
    expect(secondOptions.excludeCredentials?.map((credential) => credential.id)).toEqual([
      [...phone.credentials.keys()][0],
    ]);
    expect(() => phone.register(secondOptions)).toThrow(/InvalidStateError/);
    const key = new SoftwareAuthenticator(ORIGIN);
    const second = await inject('POST', '/api/me/passkeys', {
      auth: person.auth,
      payload: { name: 'Clé USB', credential: key.register(secondOptions) },
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ name: 'Clé USB', backedUp: false });

    expect((await passkeysOf(person.auth)).map((passkey) => passkey.name)).toEqual(['iPhone', 'Clé USB']);
    const renamed = await inject('PATCH', `/api/me/passkeys/${second.json().id}`, {
      auth: person.auth,
      payload: { name: 'YubiKey du bureau' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('YubiKey du bureau');
    expect((await passkeysOf(person.auth)).map((passkey) => passkey.name)).toEqual([
      'iPhone',
      'YubiKey du bureau',
    ]);
    const blank = await inject('PATCH', `/api/me/passkeys/${second.json().id}`, {
      auth: person.auth,
      payload: { name: '   ' },
    });
    expect(blank.statusCode).toBe(400);

    const audited = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, person.userId), eq(auditLog.action, 'passkey.added')));
    expect(audited).toHaveLength(2);
  });

  it('refuses a registration that does not verify (400) and a credential registered already (409)', async () => {
    const { person, authenticator } = await personWithPasskey();
    const [heldId] = [...authenticator.credentials.keys()];

    const wrongOrigin = authenticator.register(await registrationOptions(person.auth), {
      origin: 'http://capitune.test.evil.example',
      credentialId: heldId,
    });
    const fromElsewhere = new SoftwareAuthenticator('https://evil.example').register(
      await registrationOptions(person.auth),
    );
    const unknownChallenge = new SoftwareAuthenticator(ORIGIN).register({
      ...(await registrationOptions(person.auth)),
      challenge: Buffer.from('a challenge the API never gave').toString('base64url'),
    });
    const garbage = {
      id: 'AA',
      rawId: 'AA',
      type: 'public-key',
      response: { clientDataJSON: 'bm90IGpzb24' },
    };
    for (const credential of [wrongOrigin, fromElsewhere, unknownChallenge, garbage]) {
      const response = await inject('POST', '/api/me/passkeys', {
        auth: person.auth,
        payload: { name: 'Clé', credential },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().code).toBe('PASSKEY_REGISTRATION_FAILED');
    }

    // A used challenge does not register a second time.
    const options = await registrationOptions(person.auth);
    const credential = new SoftwareAuthenticator(ORIGIN).register(options);
    const once = await inject('POST', '/api/me/passkeys', {
      auth: person.auth,
      payload: { name: 'A', credential },
    });
    expect(once.statusCode).toBe(201);
    const twice = await inject('POST', '/api/me/passkeys', {
      auth: person.auth,
      payload: { name: 'B', credential },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().code).toBe('PASSKEY_REGISTRATION_FAILED');

    // The authenticator answering with a credential it registered already (its exclusion ignored).
    const again = authenticator.register(await registrationOptions(person.auth), { credentialId: heldId });
    const conflict = await inject('POST', '/api/me/passkeys', {
      auth: person.auth,
      payload: { name: 'Encore', credential: again },
    });
    expect(conflict.statusCode, conflict.body).toBe(409);
    expect(conflict.json().code).toBe('CONFLICT');
    expect(await passkeysOf(person.auth)).toHaveLength(2);
  });

  it('treats another user’s passkey as unknown: 404 to rename or remove it', async () => {
    const owner = await personWithPasskey();
    const stranger = await signUpAndLogIn(t.app, t.database);
    await stepUp(stranger);
    const renamed = await inject('PATCH', `/api/me/passkeys/${owner.passkey.id}`, {
      auth: stranger.auth,
      payload: { name: 'À moi' },
    });
    expect(renamed.statusCode).toBe(404);
    const removed = await inject('DELETE', `/api/me/passkeys/${owner.passkey.id}`, { auth: stranger.auth });
    expect(removed.statusCode).toBe(404);
    expect(removed.json().code).toBe('NOT_FOUND');
    expect((await passkeysOf(owner.person.auth)).map((passkey) => passkey.name)).toEqual(['Téléphone']);
  });

  it('lets a candidate remove their last passkey, and a pro only while another strong factor remains', async () => {
    const candidate = await personWithPasskey();
    const removed = await inject('DELETE', `/api/me/passkeys/${candidate.passkey.id}`, {
      auth: candidate.person.auth,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await passkeysOf(candidate.person.auth)).toEqual([]);
    const audited = await t.database.db
      .select({ before: auditLog.before })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, candidate.person.userId), eq(auditLog.action, 'passkey.removed')));
    expect(audited).toEqual([{ before: { passkeyId: candidate.passkey.id, name: 'Téléphone' } }]);

    const pro = await personWithPasskey({
      role: 'pro',
      licenceNumber: uniqueLicence(),
      organisationName: 'Cabinet Tremblay',
    });
    const spare = await addPasskey(pro.person.auth, new SoftwareAuthenticator(ORIGIN), 'Clé de secours');
    const first = await inject('DELETE', `/api/me/passkeys/${pro.passkey.id}`, { auth: pro.person.auth });
    expect(first.statusCode, first.body).toBe(204);
    const last = await inject('DELETE', `/api/me/passkeys/${spare.id}`, { auth: pro.person.auth });
    expect(last.statusCode, last.body).toBe(409);
    expect(last.json().code).toBe('LAST_FACTOR_REQUIRED');
    expect((await passkeysOf(pro.person.auth)).map((passkey) => passkey.id)).toEqual([spare.id]);
  });

  it('signs in with a passkey alone, as a fresh proof of identity', async () => {
    const { person, authenticator } = await personWithPasskey();
    const { challengeId, options } = await signInOptions();
    expect(options.rpId).toBe(RP_ID);
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe('required');

    const response = await inject('POST', '/api/auth/passkey', {
      payload: { challengeId, credential: authenticator.authenticate(options) },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user.id).toBe(person.userId);
    expect(refreshCookie(response)).toBeTruthy();
    expect(response.headers['cache-control']).toBe('no-store');
    const auth = { authorization: `Bearer ${response.json().accessToken}` };

    const sessions = await inject('GET', '/api/me/sessions', { auth });
    const current = sessions.json().items.find((session: { current: boolean }) => session.current);
    expect(current.factor).toBe('passkey');
    const [passkey] = await passkeysOf(auth);
    expect(passkey?.lastUsedAt).not.toBeNull();
    const [row] = await t.database.db.select().from(passkeys).where(eq(passkeys.userId, person.userId));
    expect(row?.signCount).toBe(1);
    // The step-up window is open: adding another passkey needs no new proof.
    expect((await inject('POST', '/api/me/passkeys/options', { auth })).statusCode).toBe(200);
  });

  it('refuses a wrong origin, a used or expired challenge, an unknown or unverified passkey, a counter going back', async () => {
    const { person, authenticator } = await personWithPasskey();
    async function answered(
      answer: (options: PublicKeyCredentialRequestOptionsJSON) => object,
      beforeAnswer?: (challengeId: string) => Promise<unknown>,
    ) {
      const { challengeId, options } = await signInOptions();
      await beforeAnswer?.(challengeId);
      return inject('POST', '/api/auth/passkey', { payload: { challengeId, credential: answer(options) } });
    }
    function expectRefused(response: Awaited<ReturnType<typeof answered>>) {
      expect(response.statusCode, response.body).toBe(401);
      expect(response.json().code).toBe('SECOND_FACTOR_INVALID');
      expect(refreshCookie(response)).toBeUndefined();
    }

    expectRefused(
      await answered((options) => authenticator.authenticate(options, { origin: 'https://evil.example' })),
    );
    // Alone, the passkey must be unlocked (biometrics, PIN), not merely touched.
    expectRefused(await answered((options) => authenticator.authenticate(options, { userVerified: false })));
    const expire = (challengeId: string) =>
      t.database.db
        .update(webauthnChallenges)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(webauthnChallenges.id, challengeId));
    expectRefused(await answered((options) => authenticator.authenticate(options), expire));
    // The authenticator must keep the passkey for its owner's account (the user handle is not signed).
    expectRefused(
      await answered((options) => {
        const answer = authenticator.authenticate(options);
        return { ...answer, response: { ...answer.response, userHandle: userHandleOf(randomUUID()) } };
      }),
    );
    // Bytes that are no WebAuthn answer at all, for a registered passkey.
    const [heldId = ''] = [...authenticator.credentials.keys()];
    expectRefused(
      await answered(() => ({
        id: heldId,
        rawId: heldId,
        type: 'public-key',
        response: { clientDataJSON: 'bm90IGpzb24', authenticatorData: 'AA', signature: 'AA' },
      })),
    );
    // A passkey this site never registered.
    const unregistered = new SoftwareAuthenticator(ORIGIN);
    unregistered.register(await registrationOptions(person.auth));
    expectRefused(await answered((options) => unregistered.authenticate(options)));

    // The same answer again, to its own challenge or to a new one.
    const { challengeId, options } = await signInOptions();
    const answer = authenticator.authenticate(options);
    const accepted = await inject('POST', '/api/auth/passkey', {
      payload: { challengeId, credential: answer },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expectRefused(
      await inject('POST', '/api/auth/passkey', { payload: { challengeId, credential: answer } }),
    );
    expectRefused(await answered(() => answer));

    // Once the key said 10, a copy of it saying 5 is refused; the key itself goes on.
    expect((await answered((next) => authenticator.authenticate(next, { counter: 10 }))).statusCode).toBe(
      200,
    );
    expectRefused(await answered((next) => authenticator.authenticate(next, { counter: 5 })));
    expectRefused(await answered((next) => authenticator.authenticate(next, { counter: 10 })));
    expect((await answered((next) => authenticator.authenticate(next, { counter: 11 }))).statusCode).toBe(
      200,
    );
    const [row] = await t.database.db.select().from(passkeys).where(eq(passkeys.userId, person.userId));
    expect(row?.signCount).toBe(11);
  });

  it('answers 403 to a suspended account that signs in with its passkey', async () => {
    const { person, authenticator } = await personWithPasskey();
    await t.database.db.update(users).set({ status: 'suspended' }).where(eq(users.id, person.userId));
    const { challengeId, options } = await signInOptions();
    const response = await inject('POST', '/api/auth/passkey', {
      payload: { challengeId, credential: authenticator.authenticate(options) },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('ACCOUNT_SUSPENDED');
    expect(refreshCookie(response)).toBeUndefined();
  });

  it('as a second factor, accepts only the user’s own passkey, once, for the purpose it was asked for', async () => {
    const alice = await personWithPasskey();
    const bob = await personWithPasskey();
    const [bobCredential] = [...bob.authenticator.credentials.keys()];
    const [alicePasskey] = await t.database.db
      .select()
      .from(passkeys)
      .where(eq(passkeys.userId, alice.person.userId));

    /** A password sign-in of Alice's, waiting for its second factor, and the passkey options for it. */
    async function waitingSignIn() {
      const login = await inject('POST', '/api/auth/login', {
        payload: { email: alice.person.body.email, password: STRONG_PASSWORD },
      });
      expect(login.json()).toMatchObject({ status: 'second_factor_required' });
      expect(login.json().methods).toContain('passkey');
      const { challengeId } = login.json() as { challengeId: string };
      const started = await inject('POST', '/api/auth/second-factor/start', {
        payload: { challengeId, method: 'passkey' },
      });
      expect(started.statusCode, started.body).toBe(200);
      const { options } = started.json() as { options: PublicKeyCredentialRequestOptionsJSON };
      return { challengeId, options };
    }
    const complete = (challengeId: string, credential: object) =>
      inject('POST', '/api/auth/second-factor', { payload: { challengeId, method: 'passkey', credential } });

    const first = await waitingSignIn();
    expect(first.options.allowCredentials?.map((credential) => credential.id)).toEqual([
      alicePasskey?.credentialId,
    ]);
    // Bob's authenticator answers Alice's challenge with Bob's passkey.
    const fromBob = await complete(
      first.challengeId,
      bob.authenticator.authenticate(first.options, { credentialId: bobCredential }),
    );
    expect(fromBob.statusCode, fromBob.body).toBe(401);
    expect(fromBob.json().code).toBe('SECOND_FACTOR_INVALID');

    const second = await waitingSignIn();
    const answer = alice.authenticator.authenticate(second.options);
    const signedIn = await complete(second.challengeId, answer);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().user.id).toBe(alice.person.userId);
    // The same answer does not complete another sign-in.
    const replayed = await complete((await waitingSignIn()).challengeId, answer);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('SECOND_FACTOR_INVALID');

    // A challenge handed out for a step-up does not complete a sign-in; it does step up.
    const stepUpOptions = async () => {
      const started = await inject('POST', '/api/auth/step-up/start', {
        auth: alice.person.auth,
        payload: { method: 'passkey' },
      });
      expect(started.statusCode, started.body).toBe(200);
      return (started.json() as { options: PublicKeyCredentialRequestOptionsJSON }).options;
    };
    const forStepUp = alice.authenticator.authenticate(await stepUpOptions());
    const crossed = await complete((await waitingSignIn()).challengeId, forStepUp);
    expect(crossed.statusCode).toBe(401);
    const steppedUp = await inject('POST', '/api/auth/step-up', {
      auth: alice.person.auth,
      payload: { method: 'passkey', credential: alice.authenticator.authenticate(await stepUpOptions()) },
    });
    expect(steppedUp.statusCode, steppedUp.body).toBe(200);
  });
});
