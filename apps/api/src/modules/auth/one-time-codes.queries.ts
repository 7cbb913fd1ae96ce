import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { oneTimeCodes } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** Every statement about the six-digit codes sent by email or SMS. */

export type OneTimeCodeRow = typeof oneTimeCodes.$inferSelect;

/** What a code is for: one user, one channel, one purpose, and the sign-in or session it belongs to. */
export interface CodeTarget {
  userId: string;
  channel: 'email' | 'sms';
  purpose: 'sign_in' | 'step_up' | 'sms_setup';
  signInChallengeId?: string | undefined;
  sessionId?: string | undefined;
}

/** A wrong try past this many kills the code. */
export const MAX_WRONG_TRIES = 5;

const sameTarget = (target: CodeTarget) =>
  and(
    eq(oneTimeCodes.userId, target.userId),
    eq(oneTimeCodes.channel, target.channel),
    eq(oneTimeCodes.purpose, target.purpose),
    sql`${oneTimeCodes.signInChallengeId} is not distinct from ${target.signInChallengeId ?? null}`,
    sql`${oneTimeCodes.sessionId} is not distinct from ${target.sessionId ?? null}`,
  );

/**
 * Removes the codes a new one replaces (the target's earlier ones, used or not) and the user's expired
 * ones: a person has a handful of rows at most.
 */
export async function deleteReplacedCodes(db: Database, target: CodeTarget, now: Date): Promise<void> {
  await db
    .delete(oneTimeCodes)
    .where(
      and(eq(oneTimeCodes.userId, target.userId), or(sameTarget(target), lt(oneTimeCodes.expiresAt, now))),
    );
}

export async function insertCode(
  db: Database,
  code: CodeTarget & { phone: string | null; codeHash: string; expiresAt: Date; now: Date },
): Promise<void> {
  await db.insert(oneTimeCodes).values({
    userId: code.userId,
    channel: code.channel,
    purpose: code.purpose,
    signInChallengeId: code.signInChallengeId ?? null,
    sessionId: code.sessionId ?? null,
    phone: code.phone,
    codeHash: code.codeHash,
    expiresAt: code.expiresAt,
    createdAt: code.now,
  });
}

/** The target's newest code that can still be tried, locked until the transaction ends (two tries at once wait). */
export async function liveCodeForUpdate(
  db: Database,
  target: CodeTarget,
  now: Date,
): Promise<OneTimeCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(
      and(
        sameTarget(target),
        isNull(oneTimeCodes.usedAt),
        gt(oneTimeCodes.expiresAt, now),
        lt(oneTimeCodes.failedAttempts, MAX_WRONG_TRIES),
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function markCodeUsed(db: Database, id: string, now: Date): Promise<void> {
  await db.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, id));
}

export async function countWrongTry(db: Database, id: string): Promise<void> {
  await db
    .update(oneTimeCodes)
    .set({ failedAttempts: sql`${oneTimeCodes.failedAttempts} + 1` })
    .where(eq(oneTimeCodes.id, id));
}
