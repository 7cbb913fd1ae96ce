import { type TSession, type TSignInFactor, ZSignInFactor } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, InvariantError } from '../../lib/errors';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AuthUser,
  hashToken,
  randomToken,
  signAccessToken,
  successorRefreshToken,
} from '../../lib/tokens';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { countryOfAddress } from '../../platform/geo/country-of-address';
import { endAllSessions } from '../../platform/session-registry';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { cancelDeletionOnSignIn } from '../privacy';
import { getMe } from '../users';
import {
  hasUnusedToken,
  insertSession,
  markEmailTokenUsed,
  openSessionsOf,
  type RefreshTokenRow,
  refreshTokenForUpdate,
  revokeOwnSession,
  revokeSession,
  revokeSessionOfToken,
  rotateRefreshToken,
  type UserRow,
} from './auth.queries';
import {
  type ClientContext,
  deviceName,
  HOUR,
  isSuspended,
  type SignedIn,
  usableEmailToken,
} from './auth.shared';
import { deviceOf, noticeSignIn } from './sign-in-alerts.service';
import { twoFactorPolicy } from './two-factor-policy.service';

export const SESSION_TTL = 30 * 24 * HOUR;
/** A refresh token presented again within this grace (a retried refresh) gets the same successor. */
export const RETRIED_REFRESH_GRACE_MS = 20_000;

/**
 * How a sign-in was proven: the factor that completed it, and whether it counts as a fresh proof of
 * identity (a second factor or a passkey: the step-up window opens; a password alone does not).
 */
export interface SignInProof {
  factor: TSignInFactor;
  reauthenticated: boolean;
}

/**
 * Opens a session (a family of refresh tokens) for a user whose identity was just proven, noting how it
 * was proven and the country of the address. The device is recorded, and an unusual sign-in (a new
 * device or country) emailed to the owner, in the same transaction. The answer carries the device
 * cookie to write.
 */
export async function startSession(
  deps: AppDeps,
  user: UserRow,
  client: ClientContext,
  proof: SignInProof = { factor: 'password', reauthenticated: false },
): Promise<SignedIn> {
  const now = deps.clock.now();
  const refreshToken = randomToken();
  const country = countryOfAddress(client.ip);
  const device = deviceOf(client);
  let deletionCancelled = false;
  const session = await withTransaction(deps.pool, async (tx) => {
    // Signing in during a deletion's grace cancels it (every way of signing in comes here).
    deletionCancelled = await cancelDeletionOnSignIn(deps, tx, user.id, client.ip);
    const opened = await insertSession(
      tx.db,
      {
        userId: user.id,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        ip: client.ip ?? null,
        now,
        expiresAt: new Date(now.getTime() + SESSION_TTL),
        factor: proof.factor,
        reauthenticatedAt: proof.reauthenticated ? now : null,
        country,
      },
      hashToken(refreshToken),
    );
    await noticeSignIn(deps, tx, {
      user,
      sessionId: opened.id,
      client,
      deviceHash: device.hash,
      country,
      factor: proof.factor,
      now,
    });
    return opened;
  });
  return {
    ...(await issueTokens(deps, user, session.id, refreshToken)),
    deviceToken: device.token,
    ...(deletionCancelled ? { deletionCancelled } : {}),
  };
}

async function issueTokens(
  deps: AppDeps,
  user: UserRow,
  sessionId: string,
  refreshToken: string,
): Promise<SignedIn> {
  const authUser: AuthUser = {
    id: user.id,
    role: user.role,
    sessionId,
    emailVerified: user.emailVerifiedAt !== null,
    twoFactorSetupRequired: (await twoFactorPolicy(deps, user.id)).setupRequiredNow,
  };
  const accessToken = await signAccessToken(authUser, deps.config.jwtSecret, deps.clock.now());
  return {
    accessToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    user: await getMe(deps.db, user.id, deps.clock.now()),
  };
}

type RefreshOutcome =
  | { ok: true; user: UserRow; sessionId: string }
  | { ok: false; error: 'SESSION_EXPIRED' | 'REFRESH_TOKEN_REUSED' | 'ACCOUNT_SUSPENDED' };

/**
 * Exchanges a refresh token for a new pair. A token already exchanged means someone kept a copy:
 * the whole session (the token family) is revoked and both holders must log in again. The one
 * exception is a refresh retried within {@link RETRIED_REFRESH_GRACE_MS} (its answer was lost, or two
 * were sent at once) while its successor is still unused: it gets that same successor again.
 */
export async function refresh(deps: AppDeps, refreshToken: string, client: ClientContext): Promise<SignedIn> {
  const nextToken = successorRefreshToken(deps.config.jwtSecret, refreshToken);
  const outcome = await withTransaction(deps.pool, (tx) =>
    exchangeRefreshToken(deps, tx, refreshToken, nextToken, client),
  );
  // The revocation is committed before the error is thrown.
  if (!outcome.ok) throw new AppError(outcome.error);
  return issueTokens(deps, outcome.user, outcome.sessionId, nextToken);
}

async function exchangeRefreshToken(
  deps: AppDeps,
  tx: Transaction,
  refreshToken: string,
  nextToken: string,
  client: ClientContext,
): Promise<RefreshOutcome> {
  const now = deps.clock.now();
  const found = await refreshTokenForUpdate(tx.db, hashToken(refreshToken));
  if (!found || found.session.revokedAt || found.session.expiresAt <= now)
    return { ok: false, error: 'SESSION_EXPIRED' };
  const end = async (reason: string) => {
    await revokeSession(tx.db, found.session.id, reason, now);
    await revoked(deps, tx.client, found.user.id, [found.session.id]);
  };
  const retried = found.token.usedAt !== null;
  if (retried && !(await successorUnusedWithinGrace(tx.db, found.token, nextToken, now))) {
    await end('refresh_token_reused');
    return { ok: false, error: 'REFRESH_TOKEN_REUSED' };
  }
  if (isSuspended(found.user, now)) {
    await end('suspended');
    return { ok: false, error: 'ACCOUNT_SUSPENDED' };
  }
  if (!retried) {
    await rotateRefreshToken(tx.db, {
      tokenId: found.token.id,
      sessionId: found.session.id,
      successorHash: hashToken(nextToken),
      now,
      expiresAt: new Date(now.getTime() + SESSION_TTL),
      ip: client.ip ?? found.session.ip,
      userAgent: client.userAgent?.slice(0, 500) ?? found.session.userAgent,
    });
  }
  return { ok: true, user: found.user, sessionId: found.session.id };
}

/** Whether an exchanged token was exchanged within the grace, for a successor still unused. */
async function successorUnusedWithinGrace(
  db: Database,
  token: RefreshTokenRow,
  successor: string,
  now: Date,
): Promise<boolean> {
  if (!token.usedAt || now.getTime() - token.usedAt.getTime() > RETRIED_REFRESH_GRACE_MS) return false;
  return hasUnusedToken(db, token.sessionId, hashToken(successor));
}

/** Ends the session that the refresh token belongs to. Unknown tokens are ignored. */
export async function logout(deps: AppDeps, refreshToken: string): Promise<void> {
  const session = await revokeSessionOfToken(deps.db, hashToken(refreshToken), deps.clock.now());
  if (session) await revoked(deps, undefined, session.user_id, [session.id]);
}

/**
 * Tells every instance, this one included, that these sessions ended: their access tokens are refused
 * and their sockets closed (decision 009). Within a transaction, sent when it commits.
 */
export async function revoked(
  deps: AppDeps,
  client: Transaction['client'] | undefined,
  userId: string,
  sessionIds: string[],
) {
  if (sessionIds.length === 0) return;
  await deps.bus.publish({ type: 'sessions_revoked', userId, sessionIds }, client);
}

/** The caller's open sessions, `currentSessionId` marked as the one asking. */
export async function listSessions(
  deps: AppDeps,
  caller: Caller,
  currentSessionId: string,
): Promise<TSession[]> {
  const rows = await openSessionsOf(deps.db, caller.id, deps.clock.now());
  return rows.map((session) => ({
    id: session.id,
    device: deviceName(session.userAgent) ?? 'Unknown device',
    ip: session.ip,
    factor: ZSignInFactor.safeParse(session.factor).data ?? null,
    country: session.country,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    current: session.id === currentSessionId,
  }));
}

/** Ends one of the caller's own sessions; another user's session id is a 404, as if it did not exist. */
export async function endSession(deps: AppDeps, caller: Caller, sessionId: string): Promise<void> {
  if (!(await revokeOwnSession(deps.db, caller.id, sessionId, deps.clock.now())))
    throw new AppError('NOT_FOUND', 'No such active session');
  await revoked(deps, undefined, caller.id, [sessionId]);
}

/**
 * Ends the session a sign-in alert speaks of, with the link in that email: no sign-in needed, as the
 * person may have lost it to whoever signed in. The link works once; the session may have ended
 * already (the answer is the same). Audited.
 */
export async function endSessionByLink(deps: AppDeps, token: string, ip: string | undefined): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const emailed = await usableEmailToken(tx.db, token, 'end_session', now, { lock: true });
    if (!emailed.sessionId) throw new InvariantError('An end-session link names no session');
    await markEmailTokenUsed(tx.db, emailed.id, now);
    const ended = await revokeOwnSession(tx.db, emailed.userId, emailed.sessionId, now, 'ended_from_alert');
    if (ended) await revoked(deps, tx.client, emailed.userId, [emailed.sessionId]);
    await recordAudit(tx.db, {
      actorId: emailed.userId,
      action: 'session.ended_from_alert',
      subjectType: 'session',
      subjectId: emailed.sessionId,
      after: { wasOpen: ended },
      ip: ip ?? null,
    });
  });
}

/**
 * Ends every open session of a user (suspension, an admin's decision): their refresh and access tokens
 * stop working on every instance once the transaction commits (the notice is published by the same
 * statement). Returns how many ended.
 */
export async function revokeAllSessions(
  deps: Pick<AppDeps, 'bus'>,
  db: Database,
  userId: string,
  reason: string,
  now: Date,
): Promise<number> {
  return endAllSessions(deps.bus, db, userId, reason, now);
}
