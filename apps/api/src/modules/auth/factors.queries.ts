import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
  organisations,
  passkeys,
  recoveryCodes,
  sessions,
  signInChallenges,
  totpFactors,
  users,
} from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';

/**
 * Every statement about second factors: the authenticator (TOTP), recovery codes, sign-ins waiting for
 * a second factor, the step-up time of a session, and what an account has set up (for the policy).
 */

// What an account has

/**
 * The factors an account has and what decides its policy, in one statement: read at every sign-in,
 * token renewal and step-up check.
 */
export async function factorStateOf(db: Database, userId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      userId: users.id,
      email: users.email,
      role: users.role,
      status: users.status,
      createdAt: users.createdAt,
      graceEndsAt: users.twoFactorGraceEndsAt,
      emailFactorEnabledAt: users.emailFactorEnabledAt,
      smsPhone: users.smsFactorPhone,
      smsConfirmedAt: users.smsFactorConfirmedAt,
      firmRequiresTwoFactor: sql<boolean>`coalesce(${organisations.requireTwoFactor}, false)`,
      totpConfirmedAt: totpFactors.confirmedAt,
      passkeys:
        sql<number>`(select count(*) from ${passkeys} where ${passkeys.userId} = ${users.id})`.mapWith(
          Number,
        ),
      recoveryCodesLeft: sql<number>`(select count(*) from ${recoveryCodes}
        where ${recoveryCodes.userId} = ${users.id} and ${recoveryCodes.usedAt} is null)`.mapWith(Number),
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(totpFactors, eq(totpFactors.userId, users.id))
    .where(eq(users.id, userId));
  // Locked (in a transaction) while a factor is removed: two removals at once cannot both pass the
  // "one must remain" check. `no key update` still lets sessions and codes that reference the user in.
  const [row] = options.lock ? await query.for('no key update', { of: users }) : await query;
  return row;
}

export type FactorState = NonNullable<Awaited<ReturnType<typeof factorStateOf>>>;

// The authenticator

export async function totpFactorOf(db: Database, userId: string) {
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId));
  return row;
}

/**
 * A new secret waiting for its first code, replacing one still unconfirmed. Nothing when a confirmed
 * authenticator is there (it is removed first).
 */
export async function savePendingTotp(
  db: Database,
  userId: string,
  secretEncrypted: string,
  now: Date,
): Promise<boolean> {
  const saved = await db
    .insert(totpFactors)
    .values({ userId, secretEncrypted, createdAt: now })
    .onConflictDoUpdate({
      target: totpFactors.userId,
      set: { secretEncrypted, createdAt: now, lastUsedStep: null },
      setWhere: isNull(totpFactors.confirmedAt),
    })
    .returning({ userId: totpFactors.userId });
  return saved.length > 0;
}

/**
 * Confirms the pending authenticator whose code was checked (the same secret: a setup started again
 * meanwhile replaced it), with the step of that code: whether it was still pending.
 */
export async function confirmTotp(
  db: Database,
  pending: { userId: string; secretEncrypted: string },
  step: number,
  now: Date,
): Promise<boolean> {
  const confirmed = await db
    .update(totpFactors)
    .set({ confirmedAt: now, lastUsedStep: step })
    .where(
      and(
        eq(totpFactors.userId, pending.userId),
        eq(totpFactors.secretEncrypted, pending.secretEncrypted),
        isNull(totpFactors.confirmedAt),
      ),
    )
    .returning({ userId: totpFactors.userId });
  return confirmed.length > 0;
}

/**
 * Spends a time step of a confirmed authenticator, in one statement: refused when that step or a later
 * one was accepted already (a replayed code, or two requests racing with the same code).
 */
export async function spendTotpStep(db: Database, userId: string, step: number): Promise<boolean> {
  const spent = await db
    .update(totpFactors)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(totpFactors.userId, userId),
        isNotNull(totpFactors.confirmedAt),
        or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step)),
      ),
    )
    .returning({ userId: totpFactors.userId });
  return spent.length > 0;
}

/** Removes the authenticator, confirmed or not: whether a confirmed one was removed. */
export async function deleteTotp(db: Database, userId: string): Promise<boolean> {
  const removed = await db
    .delete(totpFactors)
    .where(eq(totpFactors.userId, userId))
    .returning({ confirmedAt: totpFactors.confirmedAt });
  return removed.some((row) => row.confirmedAt !== null);
}

// Recovery codes

/** The user's codes are replaced by these (hashes): the old ones, used or not, stop working. */
export async function replaceRecoveryCodes(
  db: Database,
  userId: string,
  codeHashes: string[],
  now: Date,
): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
}

export async function countUnusedRecoveryCodes(db: Database, userId: string): Promise<number> {
  return db.$count(recoveryCodes, and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
}

/** Spends one unused code of this user: whether there was one. */
export async function spendRecoveryCode(
  db: Database,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}

// Sign-ins waiting for a second factor

export async function insertSignInChallenge(
  db: Database,
  challenge: {
    tokenHash: string;
    userId: string;
    ip: string | null;
    userAgent: string | null;
    expiresAt: Date;
    now: Date;
  },
): Promise<{ id: string }> {
  const rows = await db
    .insert(signInChallenges)
    .values({
      tokenHash: challenge.tokenHash,
      userId: challenge.userId,
      ip: challenge.ip,
      userAgent: challenge.userAgent,
      expiresAt: challenge.expiresAt,
      createdAt: challenge.now,
    })
    .returning({ id: signInChallenges.id });
  return returnedRow(rows, 'sign-in challenge insert');
}

/** The waiting sign-in of this token while it can still be completed: unexpired, not completed, tries left. */
export async function openSignInChallenge(db: Database, tokenHash: string, now: Date, maxAttempts: number) {
  const [row] = await db
    .select()
    .from(signInChallenges)
    .where(
      and(
        eq(signInChallenges.tokenHash, tokenHash),
        isNull(signInChallenges.completedAt),
        gt(signInChallenges.expiresAt, now),
        lt(signInChallenges.failedAttempts, maxAttempts),
      ),
    );
  return row;
}

/**
 * Counts a try on a waiting sign-in before its answer is checked, so that simultaneous guesses cannot
 * exceed the limit: whether a try was left. A right answer gives the try back when it completes.
 */
export async function takeChallengeAttempt(
  db: Database,
  id: string,
  now: Date,
  maxAttempts: number,
): Promise<boolean> {
  const taken = await db
    .update(signInChallenges)
    .set({ failedAttempts: sql`${signInChallenges.failedAttempts} + 1` })
    .where(
      and(
        eq(signInChallenges.id, id),
        isNull(signInChallenges.completedAt),
        gt(signInChallenges.expiresAt, now),
        lt(signInChallenges.failedAttempts, maxAttempts),
      ),
    )
    .returning({ id: signInChallenges.id });
  return taken.length > 0;
}

/** Completes a waiting sign-in, once: whether this call completed it. */
export async function completeSignInChallenge(db: Database, id: string, now: Date): Promise<boolean> {
  const completed = await db
    .update(signInChallenges)
    .set({ completedAt: now, failedAttempts: sql`${signInChallenges.failedAttempts} - 1` })
    .where(and(eq(signInChallenges.id, id), isNull(signInChallenges.completedAt)))
    .returning({ id: signInChallenges.id });
  return completed.length > 0;
}

// Step-up

/** A fresh proof of identity in this session (a second factor at sign-in, a step-up). */
export async function markReauthenticated(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ reauthenticatedAt: now }).where(eq(sessions.id, sessionId));
}

/** When this open session of this user last proved its identity (null: never since it was opened). */
export async function reauthenticatedAtOf(
  db: Database,
  sessionId: string,
  userId: string,
): Promise<Date | null> {
  const [row] = await db
    .select({ reauthenticatedAt: sessions.reauthenticatedAt })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  return row?.reauthenticatedAt ?? null;
}
