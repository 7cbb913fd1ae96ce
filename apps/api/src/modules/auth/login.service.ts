import type { TSecondFactorRequired } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { hashToken, randomToken } from '../../lib/tokens';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { hitRateLimit, resetRateLimit, startCooldown } from '../../platform/rate-limit';
import { accountLockedMessage } from './auth.emails';
import { deleteLoginCounters, liveCounters, type UserRow, userByEmail } from './auth.queries';
import { type ClientContext, HOUR, isSuspended, link, type SignedIn } from './auth.shared';
import { insertSignInChallenge } from './factors.queries';
import { startSession } from './sessions.service';
import { factorState, hasFactor, secondFactorMethods } from './two-factor-policy.service';

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
/** How long a sign-in whose password was right waits for its second factor. */
export const SIGN_IN_CHALLENGE_TTL_MS = 10 * 60_000;

/** Equal work for unknown emails: a login with an unknown email costs one argon2 verification too. */
let dummyHash: Promise<string> | undefined;
const timingDummyHash = () => {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
};

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

type LoginKeys = ReturnType<typeof loginKeys>;

/** Forgets an email's failed logins and lockouts, from every address. */
export async function forgetFailedLogins(db: Database, email: string): Promise<void> {
  const perAddress = ['login-failures:', 'login-cooldown:', 'login-lock:'].map(
    (prefix) => `${prefix}${email}|`,
  );
  await deleteLoginCounters(db, `login-failures:${email}`, perAddress);
}

/**
 * Refuses a login before its password is read, while its source is locked out or cooling down, or
 * when the email's failures reached the ceiling and this source failed too: the answer says nothing
 * about the password. The counters of the attempt, for what follows.
 */
async function admitLogin(db: Database, keys: LoginKeys, now: Date) {
  const counters = new Map(
    (await liveCounters(db, [keys.lock, keys.cooldown, keys.failures, keys.emailFailures], now)).map(
      (row) => [row.key, row],
    ),
  );
  const secondsLeft = (key: string) => {
    const counter = counters.get(key);
    return counter ? Math.max(1, Math.ceil((counter.resetAt.getTime() - now.getTime()) / 1000)) : 0;
  };
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
  return counters;
}

/**
 * Checks the password. Failures are counted per email and source address: that address is slowed
 * down after three and locked out for 15 minutes after five (the owner is emailed), while the right
 * password from any address that has not failed still opens a session. A global ceiling per email
 * stops a guess spread over many addresses. Unknown emails are counted and answered the same way;
 * a wrong password, an unknown email and a suspended account with a wrong password all answer
 * `INVALID_CREDENTIALS`.
 *
 * An account with a second factor gets a sign-in waiting for it instead of a session; its failures
 * are forgotten only once that factor is given (a known password alone does not reset the count of
 * wrong codes).
 */
export async function login(
  deps: AppDeps,
  credentials: { email: string; password: string },
  client: ClientContext,
): Promise<SignedIn | TSecondFactorRequired> {
  const { db, clock } = deps;
  const now = clock.now();
  const keys = loginKeys(credentials.email, client.ip);
  const counters = await admitLogin(db, keys, now);

  const user = await userByEmail(db, credentials.email);
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), credentials.password);

  if (!user || !valid) {
    await recordFailedLogin(deps, keys, user, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (isSuspended(user, now)) throw new AppError('ACCOUNT_SUSPENDED');
  const factors = await factorState(db, user.id);
  if (hasFactor(factors)) {
    return awaitSecondFactor(deps, user, secondFactorMethods(factors, deps.sms.available), client, now);
  }
  if (counters.has(keys.failures)) await resetRateLimit(db, keys.failures);
  return startSession(deps, user, client, { factor: 'password', reauthenticated: false });
}

/** A sign-in waiting for a second factor: the client holds a random token, only its hash is kept. */
async function awaitSecondFactor(
  deps: AppDeps,
  user: UserRow,
  methods: TSecondFactorRequired['methods'],
  client: ClientContext,
  now: Date,
): Promise<TSecondFactorRequired> {
  const token = randomToken();
  await insertSignInChallenge(deps.db, {
    tokenHash: hashToken(token),
    userId: user.id,
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    expiresAt: new Date(now.getTime() + SIGN_IN_CHALLENGE_TTL_MS),
    now,
  });
  return { status: 'second_factor_required', challengeId: token, methods };
}

/**
 * Refuses a second factor or a step-up while this account's logins from this source are locked out or
 * cooling down, as a login would be: ACCOUNT_LOCKED or RATE_LIMITED.
 */
export async function admitProof(deps: AppDeps, email: string, ip: string | undefined): Promise<void> {
  await admitLogin(deps.db, loginKeys(email.toLowerCase(), ip), deps.clock.now());
}

/** A wrong second factor or step-up proof counts as a failed login of the account from this source. */
export async function countFailedProof(deps: AppDeps, user: UserRow, ip: string | undefined): Promise<void> {
  await recordFailedLogin(deps, loginKeys(user.email.toLowerCase(), ip), user, deps.clock.now());
}

/** A proof given: this source's failed logins of the account are forgotten, as after a right password. */
export async function forgetFailedProofs(
  deps: AppDeps,
  email: string,
  ip: string | undefined,
): Promise<void> {
  await resetRateLimit(deps.db, loginKeys(email.toLowerCase(), ip).failures);
}

async function recordFailedLogin(
  deps: AppDeps,
  keys: LoginKeys,
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
