import type { TLoginResponse, TRegisterBody, TSession } from '@capitune/contracts';
import Bowser from 'bowser';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import { emailTokens, organisations, refreshTokens, sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../lib/password';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AuthUser,
  hashToken,
  randomToken,
  signAccessToken,
} from '../../lib/tokens';
import { withTransaction } from '../../platform/db/transaction';
import { cooldownRemaining, hitRateLimit, resetRateLimit, startCooldown } from '../../platform/rate-limit';
import { isLicenceClaimViolation, licenceClaimedBy, openVerificationFile, refuseLicenceClaim } from '../pros';
import { getMe } from '../users/users.service';
import {
  accountExistsMessage,
  accountLockedMessage,
  passwordChangedMessage,
  resetPasswordMessage,
  verifyEmailMessage,
} from './auth.emails';

const HOUR = 60 * 60 * 1000;
const VERIFY_EMAIL_TTL = 24 * HOUR;
const RESET_PASSWORD_TTL = HOUR;
export const SESSION_TTL = 30 * 24 * HOUR;
/** Consecutive failed logins that lock an account, and for how long. */
const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
/** From this many failures for one email (existing or not), each try waits: 5 s, 10 s, 20 s… up to 60 s. */
const SLOW_DOWN_AFTER_FAILURES = 3;

export interface ClientContext {
  ip: string | undefined;
  userAgent: string | undefined;
}

export interface SignedIn extends TLoginResponse {
  refreshToken: string;
}

type UserRow = typeof users.$inferSelect;

/** Equal work for unknown emails: a login with an unknown email costs one argon2 verification too. */
let dummyHash: Promise<string> | undefined;
const timingDummyHash = () => {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
};

function assertStrongPassword(
  password: string,
  user: Pick<UserRow, 'email' | 'firstName' | 'lastName' | 'locale'>,
  field: string,
) {
  const strength = checkPasswordStrength(password, user.locale, [user.email, user.firstName, user.lastName]);
  if (!strength.ok) {
    throw new AppError('PASSWORD_TOO_WEAK', strength.reason, {
      fieldErrors: [{ path: field, message: strength.reason ?? 'Too weak', code: 'too_weak' }],
    });
  }
}

const link = (deps: AppDeps, path: string, token?: string) =>
  `${deps.config.publicUrl}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/**
 * Creates the account and sends the verification email. An email that already has an account gets the
 * same answer, and its owner gets a notice instead: the response never tells whether an email is known.
 * The one exception: a pro's licence that another pro holds is refused (409 LICENCE_ALREADY_CLAIMED) — a
 * licence is public register data, and the answer names nobody — and the holder's file records a conflict.
 */
export async function register(
  deps: AppDeps,
  body: TRegisterBody,
  client: Partial<ClientContext> = {},
): Promise<void> {
  assertStrongPassword(body.password, body, 'body.password');
  // Hashed for a duplicate too, so both paths take the same time.
  const passwordHash = await hashPassword(body.password);
  const now = deps.clock.now();
  // A pro's claim of a licence, refused when another pro holds it. The conflict is written in its own
  // statement, before or after the sign-up's transaction: it stays although the sign-up does not.
  const claim =
    body.role === 'pro'
      ? {
          declaration: body,
          claimant: {
            userId: null,
            name: `${body.firstName} ${body.lastName}`,
            email: body.email,
            organisationName: body.organisationName,
            ip: client.ip,
          },
        }
      : null;
  if (claim) {
    const holder = await licenceClaimedBy(deps.db, claim.declaration);
    // The holder signing up again is only a known email: the notice below, not a conflict.
    if (holder && holder.email.toLowerCase() !== body.email.toLowerCase()) {
      throw await refuseLicenceClaim(deps, claim.declaration, claim.claimant);
    }
  }
  try {
    await withTransaction(deps.pool, async (tx) => {
      const [created] = await tx.db
        .insert(users)
        .values({
          email: body.email,
          passwordHash,
          role: body.role,
          firstName: body.firstName,
          lastName: body.lastName,
          locale: body.locale,
          // The browser's zone at sign-up, so reminders and message times are right from the start.
          ...(body.timeZone ? { timeZone: body.timeZone } : {}),
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: users.email })
        .returning();

      if (!created) {
        const [owner] = await tx.db.select().from(users).where(eq(users.email, body.email));
        if (owner) {
          await deps.outbox.enqueue(
            tx,
            accountExistsMessage(owner, link(deps, '/login'), link(deps, '/forgot-password')),
          );
        }
        return;
      }
      if (body.role === 'pro') {
        const [organisation] = await tx.db
          .insert(organisations)
          .values({ name: body.organisationName, createdAt: now })
          .returning({ id: organisations.id });
        await tx.db.update(users).set({ organisationId: organisation?.id }).where(eq(users.id, created.id));
        // The verification file (pending) and the public profile, with the declared licence.
        await openVerificationFile(tx.db, created, body, now);
      }
      const token = await createEmailToken(tx.db, created.id, 'verify_email', VERIFY_EMAIL_TTL, now);
      await deps.outbox.enqueue(tx, verifyEmailMessage(created, link(deps, '/verify-email', token)));
    });
  } catch (error) {
    // Claimed by another sign-up between the check and the insert.
    if (claim && isLicenceClaimViolation(error)) {
      throw await refuseLicenceClaim(deps, claim.declaration, claim.claimant);
    }
    throw error;
  }
}

async function createEmailToken(
  db: AppDeps['db'],
  userId: string,
  purpose: 'verify_email' | 'reset_password',
  ttl: number,
  now: Date,
): Promise<string> {
  const token = randomToken();
  await db.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + ttl),
    createdAt: now,
  });
  return token;
}

/** Finds and spends a single-use email token in the transaction: INVALID_TOKEN or TOKEN_EXPIRED otherwise. */
async function consumeEmailToken(
  db: AppDeps['db'],
  token: string,
  purpose: 'verify_email' | 'reset_password',
  now: Date,
): Promise<string> {
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose)))
    .for('update');
  if (!row || row.usedAt) throw new AppError('INVALID_TOKEN');
  if (row.expiresAt <= now) throw new AppError('TOKEN_EXPIRED');
  await db.update(emailTokens).set({ usedAt: now }).where(eq(emailTokens.id, row.id));
  return row.userId;
}

export async function verifyEmail(deps: AppDeps, token: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const userId = await consumeEmailToken(tx.db, token, 'verify_email', now);
    await tx.db
      .update(users)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
  });
}

/** A new verification link for a signed-in user whose email is not verified yet; nothing otherwise. */
export async function resendVerification(deps: AppDeps, userId: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const [user] = await tx.db.select().from(users).where(eq(users.id, userId));
    if (!user || user.emailVerifiedAt) return;
    const token = await createEmailToken(tx.db, user.id, 'verify_email', VERIFY_EMAIL_TTL, now);
    await deps.outbox.enqueue(tx, verifyEmailMessage(user, link(deps, '/verify-email', token)));
  });
}

function deviceLabel(userAgent: string | undefined): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = [parsed.os.name, parsed.os.versionName].filter(Boolean).join(' ');
  return [browser, system].filter(Boolean).join(' · ') || 'Unknown device';
}

async function startSession(deps: AppDeps, user: UserRow, client: ClientContext): Promise<SignedIn> {
  const now = deps.clock.now();
  const refreshToken = randomToken();
  const session = await withTransaction(deps.pool, async (tx) => {
    const [created] = await tx.db
      .insert(sessions)
      .values({
        userId: user.id,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        ip: client.ip ?? null,
        createdAt: now,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + SESSION_TTL),
      })
      .returning({ id: sessions.id });
    if (!created) throw new Error('session insert returned nothing');
    await tx.db
      .insert(refreshTokens)
      .values({ sessionId: created.id, tokenHash: hashToken(refreshToken), createdAt: now });
    return created;
  });
  return issueTokens(deps, user, session.id, refreshToken);
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
  };
  const accessToken = await signAccessToken(authUser, deps.config.jwtSecret, deps.clock.now());
  return {
    accessToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    user: await getMe(deps.db, user.id, deps.clock.now()),
  };
}

/**
 * Checks the password. A wrong one counts against the email (slowing every further try down after
 * three) and against the account (locked after five in a row, with an email to its owner). The answers
 * for a wrong password, an unknown email, a locked or suspended account with a wrong password are all
 * the same `INVALID_CREDENTIALS`.
 */
export async function login(
  deps: AppDeps,
  credentials: { email: string; password: string },
  client: ClientContext,
): Promise<SignedIn> {
  const { db, clock } = deps;
  const now = clock.now();
  const failuresKey = `login-failures:${credentials.email}`;
  const cooldownKey = `login-cooldown:${credentials.email}`;
  const wait = await cooldownRemaining(db, cooldownKey, now);
  if (wait > 0) throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: wait });

  const [user] = await db.select().from(users).where(eq(users.email, credentials.email));
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), credentials.password);

  if (!user || !valid) {
    const failures = await hitRateLimit(db, failuresKey, { limit: 0, windowMs: HOUR }, now);
    if (failures.hits >= SLOW_DOWN_AFTER_FAILURES) {
      const delay = Math.min(60_000, 5_000 * 2 ** (failures.hits - SLOW_DOWN_AFTER_FAILURES));
      await startCooldown(db, cooldownKey, delay, now);
    }
    if (user) await recordFailedLogin(deps, user, now);
    throw new AppError('INVALID_CREDENTIALS');
  }

  if (user.status === 'suspended') throw new AppError('ACCOUNT_SUSPENDED');
  if (user.lockedUntil && user.lockedUntil > now) {
    const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('ACCOUNT_LOCKED', undefined, { retryAfterSeconds: seconds });
  }
  await resetRateLimit(db, failuresKey);
  if (user.failedLoginCount > 0 || user.lockedUntil) {
    await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
  }
  return startSession(deps, user, client);
}

async function recordFailedLogin(deps: AppDeps, user: UserRow, now: Date): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const [updated] = await tx.db
      .update(users)
      .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLoginCount: users.failedLoginCount });
    if (!updated || updated.failedLoginCount < LOCK_AFTER_FAILURES) return;
    await tx.db
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) })
      .where(eq(users.id, user.id));
    await deps.outbox.enqueue(tx, accountLockedMessage(user, LOCK_MINUTES, link(deps, '/forgot-password')));
  });
}

/**
 * Exchanges a refresh token for a new pair. A token already exchanged means someone kept a copy:
 * the whole session (the token family) is revoked and both holders must log in again.
 */
export async function refresh(deps: AppDeps, refreshToken: string, client: ClientContext): Promise<SignedIn> {
  const now = deps.clock.now();
  const nextToken = randomToken();
  const outcome = await withTransaction(deps.pool, async (tx) => {
    const [found] = await tx.db
      .select({ token: refreshTokens, session: sessions, user: users })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(refreshTokens.tokenHash, hashToken(refreshToken)))
      .for('update', { of: sessions });
    if (!found || found.session.revokedAt || found.session.expiresAt <= now)
      return { ok: false as const, error: 'SESSION_EXPIRED' as const };
    if (found.token.usedAt) {
      await tx.db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: 'refresh_token_reused' })
        .where(eq(sessions.id, found.session.id));
      await revoked(deps, tx.client, found.user.id, [found.session.id]);
      return { ok: false as const, error: 'REFRESH_TOKEN_REUSED' as const };
    }
    if (found.user.status === 'suspended') {
      await tx.db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: 'suspended' })
        .where(eq(sessions.id, found.session.id));
      await revoked(deps, tx.client, found.user.id, [found.session.id]);
      return { ok: false as const, error: 'ACCOUNT_SUSPENDED' as const };
    }
    await tx.db.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, found.token.id));
    await tx.db
      .insert(refreshTokens)
      .values({ sessionId: found.session.id, tokenHash: hashToken(nextToken), createdAt: now });
    await tx.db
      .update(sessions)
      .set({
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + SESSION_TTL),
        ip: client.ip ?? found.session.ip,
        userAgent: client.userAgent?.slice(0, 500) ?? found.session.userAgent,
      })
      .where(eq(sessions.id, found.session.id));
    return { ok: true as const, user: found.user, sessionId: found.session.id };
  });
  // The revocation above is committed before the error is thrown.
  if (!outcome.ok) throw new AppError(outcome.error);
  return issueTokens(deps, outcome.user, outcome.sessionId, nextToken);
}

/** Ends the session that the refresh token belongs to. Unknown tokens are ignored. */
export async function logout(deps: AppDeps, refreshToken: string): Promise<void> {
  const now = deps.clock.now();
  const ended = await deps.db.execute<{ id: string; user_id: string }>(sql`
    update sessions set revoked_at = ${now}, revoked_reason = 'logout'
    where revoked_at is null and id = (select session_id from refresh_tokens where token_hash = ${hashToken(refreshToken)})
    returning id, user_id`);
  const [session] = ended.rows;
  if (session) await revoked(deps, undefined, session.user_id, [session.id]);
}

/** Tells every instance to close the sockets of these sessions at once. */
async function revoked(
  deps: AppDeps,
  client: Parameters<AppDeps['events']['publish']>[1],
  userId: string,
  sessionIds: string[] | 'all',
) {
  await deps.events.publish({ type: 'sessions_revoked', userId, sessionIds }, client);
}

export async function listSessions(deps: AppDeps, user: AuthUser): Promise<TSession[]> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastUsedAt))
    .limit(100);
  return rows.map((session) => ({
    id: session.id,
    device: deviceLabel(session.userAgent ?? undefined),
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    current: session.id === user.sessionId,
  }));
}

/** Ends one of the user's own sessions; another user's session id is a 404, as if it did not exist. */
export async function endSession(deps: AppDeps, user: AuthUser, sessionId: string): Promise<void> {
  const ended = await deps.db
    .update(sessions)
    .set({ revokedAt: deps.clock.now(), revokedReason: 'ended_by_user' })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (ended.length === 0) throw new AppError('NOT_FOUND', 'No such active session');
  await revoked(deps, undefined, user.id, [sessionId]);
}

/** Always answers the same; only an existing, active account gets a link. */
export async function forgotPassword(deps: AppDeps, email: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const [user] = await tx.db.select().from(users).where(eq(users.email, email));
    if (user?.status !== 'active') return;
    const token = await createEmailToken(tx.db, user.id, 'reset_password', RESET_PASSWORD_TTL, now);
    await deps.outbox.enqueue(tx, resetPasswordMessage(user, link(deps, '/reset-password', token)));
  });
}

/** Sets the new password, spends every reset link of the user and ends all their sessions. */
export async function resetPassword(deps: AppDeps, token: string, password: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const userId = await consumeEmailToken(tx.db, token, 'reset_password', now);
    const [user] = await tx.db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('INVALID_TOKEN');
    assertStrongPassword(password, user, 'body.password');
    await tx.db
      .update(users)
      .set({
        passwordHash: await hashPassword(password),
        failedLoginCount: 0,
        lockedUntil: null,
        // Following a link sent to the address proves it, like the verification link.
        emailVerifiedAt: user.emailVerifiedAt ?? now,
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    await tx.db
      .update(emailTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(emailTokens.userId, userId),
          eq(emailTokens.purpose, 'reset_password'),
          isNull(emailTokens.usedAt),
        ),
      );
    await tx.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'password_reset' })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    await revoked(deps, tx.client, userId, 'all');
    await deps.outbox.enqueue(tx, passwordChangedMessage(user, link(deps, '/forgot-password')));
  });
}

/** Changes the password of a signed-in user, who stays signed in here; their other sessions end. */
export async function changePassword(
  deps: AppDeps,
  authUser: AuthUser,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const now = deps.clock.now();
  const [user] = await deps.db.select().from(users).where(eq(users.id, authUser.id));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('WRONG_PASSWORD', undefined, {
      fieldErrors: [
        {
          path: 'body.currentPassword',
          message: 'The current password is not right',
          code: 'wrong_password',
        },
      ],
    });
  }
  assertStrongPassword(newPassword, user, 'body.newPassword');
  const passwordHash = await hashPassword(newPassword);
  await withTransaction(deps.pool, async (tx) => {
    await tx.db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, user.id));
    const ended = await tx.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'password_changed' })
      .where(
        and(
          eq(sessions.userId, user.id),
          isNull(sessions.revokedAt),
          sql`${sessions.id} <> ${authUser.sessionId}`,
        ),
      )
      .returning({ id: sessions.id });
    if (ended.length > 0)
      await revoked(
        deps,
        tx.client,
        user.id,
        ended.map((session) => session.id),
      );
    await deps.outbox.enqueue(tx, passwordChangedMessage(user, link(deps, '/forgot-password')));
  });
}

/**
 * Ends every open session of a user (suspension, an admin's decision): their refresh tokens stop
 * working at once; an access token already issued lives out its short life. Returns how many ended.
 */
export async function revokeAllSessions(
  db: AppDeps['db'],
  userId: string,
  reason: string,
  now: Date,
): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}
