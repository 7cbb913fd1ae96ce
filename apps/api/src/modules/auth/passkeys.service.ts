import type { TPasskey, TWebAuthnOptions, TWebAuthnResponse } from '@capitune/contracts';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { COSEALG, decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { userById } from './auth.queries';
import { type ClientContext, isSuspended, type SignedIn } from './auth.shared';
import {
  deletePasskey,
  hasConfirmedTotp,
  insertChallenge,
  insertPasskey,
  type PasskeyRow,
  passkeyByCredentialId,
  passkeyIdsLockingUser,
  passkeysOf,
  recordPasskeyUse,
  renamePasskey as renamePasskeyRow,
  spendChallengeById,
  spendChallengeOf,
  type WebAuthnPurpose,
} from './passkeys.queries';
import { startSession } from './sessions.service';
import { requireStepUp } from './step-up.service';
import { policyNeedsStrongFactor } from './two-factor-policy.service';

export { countPasskeys } from './passkeys.queries';

/** How long a browser has to answer a WebAuthn challenge; each challenge is spent by its first answer. */
const CHALLENGE_TTL_MS = 5 * 60_000;
const RP_NAME = 'CAPITUNE';
/**
 * The key algorithms accepted, most preferred first: those of every platform and security key today.
 * Post-quantum ML-DSA, which the library offers where the runtime has it, is experimental in Node.
 */
const ALGORITHMS = [COSEALG.EdDSA, COSEALG.ES256, COSEALG.RS256];

/** A passkey answering for an account already known: a sign-in's second factor, or a step-up. */
export type PasskeyAssertionPurpose = 'second_factor' | 'step_up';

/** The WebAuthn user handle of an account: the 16 bytes of its id, so nothing personal is in the passkey. */
const userHandleOf = (userId: string) => new Uint8Array(Buffer.from(userId.replaceAll('-', ''), 'hex'));
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

const toPasskey = (row: PasskeyRow): TPasskey => ({
  id: row.id,
  name: row.name,
  backedUp: row.backedUp,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

async function handOutChallenge(
  deps: AppDeps,
  purpose: WebAuthnPurpose,
  userId: string | null,
  challenge: string,
): Promise<string> {
  const now = deps.clock.now();
  return insertChallenge(deps.db, {
    purpose,
    userId,
    challenge,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    now,
  });
}

/** The challenge a browser's answer says it signed, or undefined when its client data cannot be read. */
function answeredChallenge(credential: TWebAuthnResponse): string | undefined {
  try {
    return decodeClientDataJSON(credential.response.clientDataJSON).challenge;
  } catch {
    return undefined;
  }
}

// Registration

/** Options for the browser to create a discoverable passkey of the caller (after a fresh step-up). */
export async function passkeyRegistrationOptions(deps: AppDeps, caller: Caller): Promise<TWebAuthnOptions> {
  await requireStepUp(deps, caller);
  const user = await userById(deps.db, caller.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const existing = await passkeysOf(deps.db, caller.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: deps.config.webauthn.rpId,
    userName: user.email,
    userID: userHandleOf(user.id),
    userDisplayName: `${user.firstName} ${user.lastName}`,
    timeout: CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
    // Discoverable, so that it can sign in alone, without an email first.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  await handOutChallenge(deps, 'register', caller.id, options.challenge);
  return { ...options };
}

/**
 * Registers the passkey the browser created from `passkeyRegistrationOptions`, under the caller's name
 * for it. A response that does not verify (wrong origin, challenge unknown, used or expired, bad
 * attestation) is 400 PASSKEY_REGISTRATION_FAILED; a credential registered already is 409 CONFLICT.
 */
export async function registerPasskey(
  deps: AppDeps,
  caller: Caller,
  body: { name: string; credential: TWebAuthnResponse },
): Promise<TPasskey> {
  await requireStepUp(deps, caller);
  const now = deps.clock.now();
  const challenge = answeredChallenge(body.credential);
  const spent =
    challenge !== undefined &&
    (await spendChallengeOf(deps.db, { userId: caller.id, purpose: 'register', challenge, now }));
  if (!spent) throw new AppError('PASSKEY_REGISTRATION_FAILED');
  const registration = await verifyRegistrationResponse({
    response: body.credential as unknown as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: deps.config.webauthn.origin,
    expectedRPID: deps.config.webauthn.rpId,
    // Asked as 'preferred': a security key without a PIN may still be registered.
    requireUserVerification: false,
    supportedAlgorithmIDs: ALGORITHMS,
  }).catch(() => undefined);
  if (!registration?.verified) throw new AppError('PASSKEY_REGISTRATION_FAILED');
  const { credential, credentialDeviceType, credentialBackedUp } = registration.registrationInfo;

  const created = await withTransaction(deps.pool, async (tx) => {
    const row = await insertPasskey(tx.db, {
      userId: caller.id,
      credentialId: credential.id,
      publicKey: base64url(credential.publicKey),
      signCount: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name: body.name,
      now,
    });
    if (!row) throw new AppError('CONFLICT', 'This passkey is registered already');
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'passkey.added',
      subjectType: 'user',
      subjectId: caller.id,
      after: { passkeyId: row.id, name: row.name },
      ip: caller.ip ?? null,
    });
    return row;
  });
  return toPasskey(created);
}

// The caller's passkeys

export async function listPasskeys(deps: AppDeps, caller: Caller): Promise<TPasskey[]> {
  return (await passkeysOf(deps.db, caller.id)).map(toPasskey);
}

/** Renames one of the caller's passkeys; another's (or none) is a 404. */
export async function renamePasskey(
  deps: AppDeps,
  caller: Caller,
  id: string,
  name: string,
): Promise<TPasskey> {
  const row = await renamePasskeyRow(deps.db, caller.id, id, name);
  if (!row) throw new AppError('NOT_FOUND', 'No such passkey');
  return toPasskey(row);
}

/**
 * Removes one of the caller's passkeys (after a fresh step-up). An account that must keep a strong
 * factor cannot remove its last passkey unless its authenticator app is set up: 409 LAST_FACTOR_REQUIRED.
 */
export async function removePasskey(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  await requireStepUp(deps, caller);
  const mustKeepStrongFactor = await policyNeedsStrongFactor(deps, caller.id);
  await withTransaction(deps.pool, async (tx) => {
    const ids = await passkeyIdsLockingUser(tx.db, caller.id);
    if (!ids.includes(id)) throw new AppError('NOT_FOUND', 'No such passkey');
    if (mustKeepStrongFactor && ids.length === 1 && !(await hasConfirmedTotp(tx.db, caller.id)))
      throw new AppError('LAST_FACTOR_REQUIRED');
    const removed = await deletePasskey(tx.db, caller.id, id);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'passkey.removed',
      subjectType: 'user',
      subjectId: caller.id,
      before: { passkeyId: removed.id, name: removed.name },
      ip: caller.ip ?? null,
    });
  });
}

// Assertions

/**
 * Checks a browser's answer against a stored passkey and records its use. The challenge must already be
 * spent by the caller. The signature counter must move forward unless it is always zero (synced
 * passkeys); a counter going back means a cloned key, and the answer is refused.
 */
async function checkAssertion(
  deps: AppDeps,
  passkey: PasskeyRow,
  credential: TWebAuthnResponse,
  challenge: string,
  options: { requireUserVerification: boolean },
): Promise<boolean> {
  const response = credential as unknown as AuthenticationResponseJSON;
  // The account the authenticator keeps the passkey for, when it says: it must be the passkey's owner.
  const handle = response.response?.userHandle;
  if (handle && handle !== base64url(userHandleOf(passkey.userId))) return false;
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: deps.config.webauthn.origin,
    expectedRPID: deps.config.webauthn.rpId,
    credential: {
      id: passkey.credentialId,
      publicKey: bytesOf(passkey.publicKey),
      counter: passkey.signCount,
      transports: passkey.transports,
    },
    requireUserVerification: options.requireUserVerification,
  }).catch(() => undefined);
  if (!result?.verified) return false;
  return recordPasskeyUse(deps.db, {
    id: passkey.id,
    checkedCount: passkey.signCount,
    newCount: result.authenticationInfo.newCounter,
    backedUp: result.authenticationInfo.credentialBackedUp,
    now: deps.clock.now(),
  });
}

/** Options for the browser to answer with one of this user's passkeys (a second factor or a step-up). */
export async function passkeyAssertionOptions(
  deps: AppDeps,
  purpose: PasskeyAssertionPurpose,
  userId: string,
): Promise<TWebAuthnOptions> {
  const owned = await passkeysOf(deps.db, userId);
  const options = await generateAuthenticationOptions({
    rpID: deps.config.webauthn.rpId,
    allowCredentials: owned.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
  });
  await handOutChallenge(deps, purpose, userId, options.challenge);
  return { ...options };
}

/**
 * Whether the browser's answer proves this user: one of their own passkeys signed a challenge handed
 * to them for this purpose, unused and unexpired (it is spent now, whatever the outcome).
 */
export async function verifyPasskeyAssertion(
  deps: AppDeps,
  purpose: PasskeyAssertionPurpose,
  userId: string,
  credential: TWebAuthnResponse,
): Promise<boolean> {
  const challenge = answeredChallenge(credential);
  if (challenge === undefined) return false;
  const spent = await spendChallengeOf(deps.db, { userId, purpose, challenge, now: deps.clock.now() });
  if (!spent) return false;
  const passkey = await passkeyByCredentialId(deps.db, credential.id);
  if (!passkey || passkey.userId !== userId) return false;
  return checkAssertion(deps, passkey, credential, challenge, { requireUserVerification: false });
}

// Sign-in with a passkey alone

/** A challenge for any passkey of this site: the browser offers the person the ones it has. */
export async function passkeySignInOptions(
  deps: AppDeps,
): Promise<{ challengeId: string; options: TWebAuthnOptions }> {
  const options = await generateAuthenticationOptions({
    rpID: deps.config.webauthn.rpId,
    allowCredentials: [],
    // The passkey is the only proof: the person must unlock it (biometrics, PIN).
    userVerification: 'required',
    timeout: CHALLENGE_TTL_MS,
  });
  const challengeId = await handOutChallenge(deps, 'sign_in', null, options.challenge);
  return { challengeId, options: { ...options } };
}

/**
 * Opens a session for the owner of the passkey that answered the challenge `challengeId`: a fresh proof
 * (the step-up window opens). An unknown passkey, a bad signature, a challenge used or expired: 401
 * SECOND_FACTOR_INVALID, alike. A suspended account: 403 ACCOUNT_SUSPENDED.
 */
export async function signInWithPasskey(
  deps: AppDeps,
  body: { challengeId: string; credential: TWebAuthnResponse },
  client: ClientContext,
): Promise<SignedIn> {
  const challenge = await spendChallengeById(deps.db, body.challengeId, 'sign_in', deps.clock.now());
  if (challenge === undefined) throw new AppError('SECOND_FACTOR_INVALID');
  const passkey = await passkeyByCredentialId(deps.db, body.credential.id);
  if (!passkey) throw new AppError('SECOND_FACTOR_INVALID');
  if (!(await checkAssertion(deps, passkey, body.credential, challenge, { requireUserVerification: true })))
    throw new AppError('SECOND_FACTOR_INVALID');
  const user = await userById(deps.db, passkey.userId);
  if (!user) throw new AppError('SECOND_FACTOR_INVALID');
  if (isSuspended(user, deps.clock.now())) throw new AppError('ACCOUNT_SUSPENDED');
  return startSession(deps, user, client, { factor: 'passkey', reauthenticated: true });
}
