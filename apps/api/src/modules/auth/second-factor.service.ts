import type {
  TFactorStart,
  TSecondFactorBody,
  TSecondFactorMethod,
  TStepUpBody,
  TStepUpMethod,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { verifyPassword } from '../../lib/password';
import { hashToken } from '../../lib/tokens';
import type { Caller } from '../access';
import { type UserRow, userById } from './auth.queries';
import { type ClientContext, isSuspended, type SignedIn } from './auth.shared';
import {
  completeSignInChallenge,
  markReauthenticated,
  openSignInChallenge,
  takeChallengeAttempt,
} from './factors.queries';
import { admitProof, countFailedProof, forgetFailedProofs } from './login.service';
import { checkOneTimeCode, sendOneTimeCode } from './one-time-codes.service';
import { passkeyAssertionOptions, verifyPasskeyAssertion } from './passkeys.service';
import { useRecoveryCode } from './recovery-codes.service';
import { startSession } from './sessions.service';
import { verifyTotpCode } from './totp.service';
import {
  factorState,
  STEP_UP_WINDOW_MS,
  secondFactorMethods,
  stepUpMethods,
} from './two-factor-policy.service';

/**
 * Proving it is you with a second factor: to complete a sign-in whose password was right, or to step
 * up within a session before a sensitive action. A wrong, replayed or foreign proof answers
 * SECOND_FACTOR_INVALID without saying which part was wrong, and counts as a failed login of the
 * account from that address (the login limits then slow down and lock out that address).
 */

/** Wrong answers that end a waiting sign-in: later answers get SECOND_FACTOR_EXPIRED. */
export const SIGN_IN_CHALLENGE_ATTEMPTS = 5;

type Proof = Exclude<TStepUpBody, { method: 'password' }>;
/** What a proof is for: the waiting sign-in it completes, or the session stepping up. */
type ProofPurpose = { signInChallengeId: string } | { sessionId: string };

/** Checks a proof and spends it (codes are single use): false when wrong, replayed or not this user's. */
async function proofHolds(deps: AppDeps, userId: string, proof: Proof, purpose: ProofPurpose) {
  switch (proof.method) {
    case 'totp':
      return verifyTotpCode(deps, userId, proof.code);
    case 'recovery_code':
      return useRecoveryCode(deps, userId, proof.code);
    case 'passkey':
      return verifyPasskeyAssertion(
        deps,
        'signInChallengeId' in purpose ? 'second_factor' : 'step_up',
        userId,
        proof.credential,
      );
    case 'email':
    case 'sms':
      return checkOneTimeCode(deps, { userId, channel: proof.method, ...codePurpose(purpose) }, proof.code);
  }
}

const codePurpose = (purpose: ProofPurpose) =>
  'signInChallengeId' in purpose
    ? { purpose: 'sign_in' as const, signInChallengeId: purpose.signInChallengeId }
    : { purpose: 'step_up' as const, sessionId: purpose.sessionId };

/** Sends the email or SMS code, or gives the passkey's options, for a method the account offers. */
async function startFactor(
  deps: AppDeps,
  userId: string,
  method: 'passkey' | 'email' | 'sms',
  offered: readonly (TSecondFactorMethod | TStepUpMethod)[],
  purpose: ProofPurpose,
): Promise<TFactorStart> {
  if (!offered.includes(method)) {
    throw fieldError(
      'body.method',
      'method_unavailable',
      'This way of confirming is not set up for this account',
    );
  }
  if (method === 'passkey') {
    const kind = 'signInChallengeId' in purpose ? 'second_factor' : 'step_up';
    return { method, options: await passkeyAssertionOptions(deps, kind, userId) };
  }
  const { sentTo } = await sendOneTimeCode(deps, { userId, channel: method, ...codePurpose(purpose) });
  return { method, sentTo };
}

// Completing a sign-in

/** The user of a sign-in that can still be completed: SECOND_FACTOR_EXPIRED or ACCOUNT_SUSPENDED otherwise. */
async function waitingSignIn(deps: AppDeps, challengeToken: string) {
  const challenge = await openSignInChallenge(
    deps.db,
    hashToken(challengeToken),
    deps.clock.now(),
    SIGN_IN_CHALLENGE_ATTEMPTS,
  );
  const user = challenge ? await userById(deps.db, challenge.userId) : undefined;
  if (!challenge || !user) throw new AppError('SECOND_FACTOR_EXPIRED');
  if (isSuspended(user, deps.clock.now())) throw new AppError('ACCOUNT_SUSPENDED');
  return { challenge, user };
}

/** `POST /api/auth/second-factor/start`: sends the code or gives the passkey options for a waiting sign-in. */
export async function startSecondFactor(
  deps: AppDeps,
  challengeToken: string,
  method: 'passkey' | 'email' | 'sms',
): Promise<TFactorStart> {
  const { challenge, user } = await waitingSignIn(deps, challengeToken);
  const offered = secondFactorMethods(await factorState(deps.db, user.id), deps.sms.available);
  return startFactor(deps, user.id, method, offered, { signInChallengeId: challenge.id });
}

/**
 * `POST /api/auth/second-factor`: the second factor of a waiting sign-in, which opens the session. Each
 * answer takes one of the sign-in's five tries before it is checked, so simultaneous guesses get no more.
 */
export async function completeSecondFactor(
  deps: AppDeps,
  body: TSecondFactorBody,
  client: ClientContext,
): Promise<SignedIn> {
  const now = deps.clock.now();
  const { challenge, user } = await waitingSignIn(deps, body.challengeId);
  await admitProof(deps, user.email, client.ip);
  if (!(await takeChallengeAttempt(deps.db, challenge.id, now, SIGN_IN_CHALLENGE_ATTEMPTS))) {
    throw new AppError('SECOND_FACTOR_EXPIRED');
  }
  const { challengeId: _, ...proof } = body;
  const offered = secondFactorMethods(await factorState(deps.db, user.id), deps.sms.available);
  const proven =
    offered.includes(proof.method) &&
    (await proofHolds(deps, user.id, proof, { signInChallengeId: challenge.id }));
  if (!proven) return refuseProof(deps, user, client.ip);
  if (!(await completeSignInChallenge(deps.db, challenge.id, now)))
    throw new AppError('SECOND_FACTOR_EXPIRED');
  await forgetFailedProofs(deps, user.email, client.ip);
  return startSession(deps, user, client, { factor: proof.method, reauthenticated: true });
}

async function refuseProof(deps: AppDeps, user: UserRow, ip: string | undefined): Promise<never> {
  await countFailedProof(deps, user, ip);
  throw new AppError('SECOND_FACTOR_INVALID');
}

// Stepping up

async function stepUpCaller(deps: AppDeps, caller: Caller) {
  const user = await userById(deps.db, caller.id);
  if (!user || !caller.sessionId) throw new AppError('UNAUTHENTICATED');
  return { user, sessionId: caller.sessionId };
}

/** `POST /api/auth/step-up/start`: sends the code or gives the passkey options for a step-up. */
export async function startStepUp(
  deps: AppDeps,
  caller: Caller,
  method: 'passkey' | 'email' | 'sms',
): Promise<TFactorStart> {
  const { user, sessionId } = await stepUpCaller(deps, caller);
  const offered = stepUpMethods(await factorState(deps.db, user.id), deps.sms.available);
  return startFactor(deps, user.id, method, offered, { sessionId });
}

/**
 * `POST /api/auth/step-up`: a fresh proof opens sensitive actions in this session for 10 minutes. The
 * password is a proof only for an account without any second factor.
 */
export async function stepUp(
  deps: AppDeps,
  caller: Caller,
  body: TStepUpBody,
): Promise<{ validUntil: string }> {
  const { user, sessionId } = await stepUpCaller(deps, caller);
  await admitProof(deps, user.email, caller.ip);
  const offered = stepUpMethods(await factorState(deps.db, user.id), deps.sms.available);
  const proven =
    offered.includes(body.method) &&
    (body.method === 'password'
      ? await verifyPassword(user.passwordHash, body.password)
      : await proofHolds(deps, user.id, body, { sessionId }));
  if (!proven) return refuseProof(deps, user, caller.ip);
  const now = deps.clock.now();
  await markReauthenticated(deps.db, sessionId, now);
  await forgetFailedProofs(deps, user.email, caller.ip);
  return { validUntil: new Date(now.getTime() + STEP_UP_WINDOW_MS).toISOString() };
}
