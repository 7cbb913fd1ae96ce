import type { TLoginResponse, TRegisterBody, TSession } from '@capitune/contracts';
import Bowser from 'bowser';
import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { emailTokens, organisations, rateLimits, refreshTokens, sessions, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../lib/password';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  type AuthUser,
  hashToken,
  randomToken,
  signAccessToken,
  successorRefreshToken,
} from '../../lib/tokens';
import { withTransaction } from '../../platform/db/transaction';
import { hitRateLimit, resetRateLimit, startCooldown } from '../../platform/rate-limit';
import { BUS_CHANNEL } from '../../platform/realtime/event-bus';
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
/**
 * Failed logins are counted per email and source address (decision 009), in windows of an hour. From
 * this many failures, each further try from that address waits: 5 s, 10 s…
 */
const SLOW_DOWN_AFTER_FAILURES = 3;
/** Failures that lock the email for that address alone, and for how long; the owner is told once an hour. */
const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
/**
 * Failures for one email from all addresses together in an hour, beyond which every address that has
 * failed is refused until the hour ends: a distributed guess gets one try per new address. An address
 * that has not failed still has its password checked, so the owner can always log in.
 */
const FAILURES_PER_EMAIL_CEILING = 50;
/** A refresh token presented again within this grace (a retried refresh) gets the same successor. */
export const RETRIED_REFRESH_GRACE_MS = 20_000;

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

/** A single-use email token that can still be used (locked in a transaction): INVALID_TOKEN or TOKEN_EXPIRED otherwise. */
async function usableEmailToken(
  db: AppDeps['db'],
  token: string,
  purpose: 'verify_email' | 'reset_password',
  now: Date,
  options: { lock: boolean },
) {
  const query = db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashToken(token)), eq(emailTokens.purpose, purpose)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row || row.usedAt) throw new AppError('INVALID_TOKEN');
  if (row.expiresAt <= now) throw new AppError('TOKEN_EXPIRED');
  return row;
}

/** Finds and spends a single-use email token in the transaction: INVALID_TOKEN or TOKEN_EXPIRED otherwise. */
async function consumeEmailToken(
  db: AppDeps['db'],
  token: string,
  purpose: 'verify_email' | 'reset_password',
  now: Date,
): Promise<string> {
  const row = await usableEmailToken(db, token, purpose, now, { lock: true });
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
 * Where failed logins come from. An IPv6 host usually holds a whole /64, so its addresses count as one;
 * otherwise each guess could come from a new address.
 */
export function loginSource(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** The counters of one login attempt's email and source, in `rate_limits`. */
function loginKeys(email: string, ip: string | undefined) {
  const pair = `${email}|${loginSource(ip)}`;
  return {
    failures: `login-failures:${pair}`,
    cooldown: `login-cooldown:${pair}`,
    lock: `login-lock:${pair}`,
    emailFailures: `login-failures:${email}`,
    lockNotice: `login-lock-notice:${email}`,
  };
}

/** Forgets an email's failed logins and lockouts, from every address. */
async function forgetFailedLogins(db: AppDeps['db'], email: string): Promise<void> {
  const perAddress = ['login-failures:', 'login-cooldown:', 'login-lock:'].map(
    (prefix) => sql`starts_with(${rateLimits.key}, ${`${prefix}${email}|`})`,
  );
  await db.delete(rateLimits).where(or(eq(rateLimits.key, `login-failures:${email}`), ...perAddress));
}

/**
 * Checks the password. Failures are counted per email and source address: that address is slowed
 * down after three and locked out for 15 minutes after five (the owner is emailed), while the right
 * password from any address that has not failed still opens a session. A global ceiling per email
 * stops a guess spread over many addresses. Unknown emails are counted and answered the same way;
 * a wrong password, an unknown email and a suspended account with a wrong password all answer
 * `INVALID_CREDENTIALS`.
 */
export async function login(
  deps: AppDeps,
  credentials: { email: string; password: string },
  client: ClientContext,
): Promise<SignedIn> {
  const { db, clock } = deps;
  const now = clock.now();
  const keys = loginKeys(credentials.email, client.ip);
  const counters = new Map(
    (
      await db
        .select()
        .from(rateLimits)
        .where(
          and(
            inArray(rateLimits.key, [keys.lock, keys.cooldown, keys.failures, keys.emailFailures]),
            gt(rateLimits.resetAt, now),
          ),
        )
    ).map((row) => [row.key, row]),
  );
  const secondsLeft = (key: string) => {
    const counter = counters.get(key);
    return counter ? Math.max(1, Math.ceil((counter.resetAt.getTime() - now.getTime()) / 1000)) : 0;
  };
  // Refused before the password is read: the answer says nothing about it.
  if (counters.has(keys.lock)) {
    throw new AppError('ACCOUNT_LOCKED', undefined, { retryAfterSeconds: secondsLeft(keys.lock) });
  }
  if (counters.has(keys.cooldown)) {
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: secondsLeft(keys.cooldown) });
  }
  const emailFailures = counters.get(keys.emailFailures)?.hits ?? 0;
  if (emailFailures >= FAILURES_PER_EMAIL_CEILING && counters.has(keys.failures)) {
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: secondsLeft(keys.emailFailures) });
  }

  const [user] = await db.select().from(users).where(eq(users.email, credentials.email));
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), credentials.password);

  if (!user || !valid) {
    await recordFailedLogin(deps, keys, user, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status === 'suspended') throw new AppError('ACCOUNT_SUSPENDED');
  if (counters.has(keys.failures)) await resetRateLimit(db, keys.failures);
  return startSession(deps, user, client);
}

async function recordFailedLogin(
  deps: AppDeps,
  keys: ReturnType<typeof loginKeys>,
  user: UserRow | undefined,
  now: Date,
): Promise<void> {
  const { db } = deps;
  const window = { limit: 0, windowMs: HOUR };
  await hitRateLimit(db, keys.emailFailures, window, now);
  const failures = await hitRateLimit(db, keys.failures, window, now);
  if (failures.hits >= LOCK_AFTER_FAILURES) {
    await startCooldown(db, keys.lock, LOCK_MINUTES * 60_000, now);
    if (!user) return;
    // One notice an hour, however many addresses get locked out.
    const notice = await hitRateLimit(db, keys.lockNotice, { limit: 1, windowMs: HOUR }, now);
    if (!notice.allowed) return;
    await withTransaction(deps.pool, (tx) =>
      deps.outbox.enqueue(tx, accountLockedMessage(user, LOCK_MINUTES, link(deps, '/forgot-password'))),
    );
  } else if (failures.hits >= SLOW_DOWN_AFTER_FAILURES) {
    const delay = 5_000 * 2 ** (failures.hits - SLOW_DOWN_AFTER_FAILURES);
    await startCooldown(db, keys.cooldown, delay, now);
  }
}

/**
 * Exchanges a refresh token for a new pair. A token already exchanged means someone kept a copy:
 * the whole session (the token family) is revoked and both holders must log in again. The one
 * exception is a refresh retried within {@link RETRIED_REFRESH_GRACE_MS} (its answer was lost, or two
 * were sent at once) while its successor is still unused: it gets that same successor again.
 */
export async function refresh(deps: AppDeps, refreshToken: string, client: ClientContext): Promise<SignedIn> {
  const now = deps.clock.now();
  const nextToken = successorRefreshToken(deps.config.jwtSecret, refreshToken);
  const outcome = await withTransaction(deps.pool, async (tx) => {
    const [found] = await tx.db
      .select({ token: refreshTokens, session: sessions, user: users })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(refreshTokens.tokenHash, hashToken(refreshToken)))
      // The token's row is locked too: a simultaneous refresh with it waits here, then reads it exchanged.
      .for('update', { of: [refreshTokens, sessions] });
    if (!found || found.session.revokedAt || found.session.expiresAt <= now)
      return { ok: false as const, error: 'SESSION_EXPIRED' as const };
    const end = async (reason: string) => {
      await tx.db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(eq(sessions.id, found.session.id));
      await revoked(deps, tx.client, found.user.id, [found.session.id]);
    };
    const retried = found.token.usedAt !== null;
    if (retried && !(await successorUnusedWithinGrace(tx.db, found.token, nextToken, now))) {
      await end('refresh_token_reused');
      return { ok: false as const, error: 'REFRESH_TOKEN_REUSED' as const };
    }
    if (found.user.status === 'suspended') {
      await end('suspended');
      return { ok: false as const, error: 'ACCOUNT_SUSPENDED' as const };
    }
    if (retried) return { ok: true as const, user: found.user, sessionId: found.session.id };
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

/** Whether an exchanged token was exchanged within the grace, for a successor still unused. */
async function successorUnusedWithinGrace(
  db: AppDeps['db'],
  token: typeof refreshTokens.$inferSelect,
  successor: string,
  now: Date,
): Promise<boolean> {
  if (!token.usedAt || now.getTime() - token.usedAt.getTime() > RETRIED_REFRESH_GRACE_MS) return false;
  const [row] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.tokenHash, hashToken(successor)),
        eq(refreshTokens.sessionId, token.sessionId),
        isNull(refreshTokens.usedAt),
      ),
    );
  return row !== undefined;
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

/**
 * Tells every instance, this one included, that these sessions ended: their access tokens are refused
 * and their sockets closed (decision 009). Within a transaction, sent when it commits.
 */
async function revoked(
  deps: AppDeps,
  client: Parameters<AppDeps['bus']['publish']>[1],
  userId: string,
  sessionIds: string[],
) {
  await deps.bus.publish({ type: 'sessions_revoked', userId, sessionIds }, client);
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

/** Whether a reset link can still be used, so the page can say so before a new password is typed. */
export async function checkResetToken(deps: AppDeps, token: string): Promise<void> {
  await usableEmailToken(deps.db, token, 'reset_password', deps.clock.now(), { lock: false });
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
    const ended = await tx.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'password_reset' })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (ended.length > 0)
      await revoked(
        deps,
        tx.client,
        userId,
        ended.map((session) => session.id),
      );
    // The owner may have been the one locked out: a new password lifts the lockouts.
    await forgetFailedLogins(tx.db, user.email.toLowerCase());
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
 * Ends every open session of a user (suspension, an admin's decision): their refresh and access tokens
 * stop working on every instance once the transaction commits. Returns how many ended.
 */
export async function revokeAllSessions(
  db: AppDeps['db'],
  userId: string,
  reason: string,
  now: Date,
): Promise<number> {
  // The same notice as `revoked()` publishes, sent by the statement itself: delivered on commit.
  const result = await db.execute<{ ended: number }>(sql`
    with ended as (
      update sessions set revoked_at = ${now}, revoked_reason = ${reason}
      where user_id = ${userId} and revoked_at is null
      returning id)
    select count(*)::int as ended,
      pg_notify(${BUS_CHANNEL}, json_build_object(
        'type', 'sessions_revoked', 'userId', ${userId}::text, 'sessionIds', json_agg(id))::text)
    from ended
    having count(*) > 0`);
  return result.rows[0]?.ended ?? 0;
}
