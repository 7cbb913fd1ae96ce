import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { recordAudit } from '../audit';
import { type DecisionReversal, recordAutomatedDecision } from '../privacy';
import { HOUR } from './inside.shared';
import { effectiveTrust } from './moderation-rules';
import { raiseTrustLevel, recomputeTrustLevel, silenceUntil, trustRow } from './trust.queries';

/**
 * Trust levels of Inside members (0 new, 1 member, 2 trusted), and silences. The level is stored on the
 * user and recomputed when their content is approved (published, or released by an admin) and when an
 * admin upholds a flag by hiding their content (one level down). What each level may do is in
 * moderation-rules.ts (links, images and first posts of new members held) and inside.shared.ts (rates).
 */

/** How long a `silence` watched word keeps its author from posting and commenting. */
export const SILENCE_HOURS = 24;

/** A member's trust level as the rules apply it (pros and admins at least 1); null when gone. */
export async function trustLevelOf(db: Database, userId: string): Promise<number | null> {
  const row = await trustRow(db, userId);
  return row ? effectiveTrust(row) : null;
}

/** A member as the rules see them (the admins' test box); undefined when gone. */
export const ruleAuthorOf = (db: Database, userId: string) => trustRow(db, userId);

/**
 * The level recomputed; a change is an automated decision about the member (Law 25 s. 12.1), recorded
 * with what it was computed from, for them to read and to ask a person to review.
 */
async function recompute(db: Database, userId: string, now: Date, event: 'approved' | 'upheld') {
  const change = await recomputeTrustLevel(db, userId, now, event);
  if (!change || change.trust_level === change.previous_level) return change?.trust_level ?? null;
  await recordAutomatedDecision(db, {
    userId,
    kind: 'trust_level',
    subjectType: 'user',
    subjectId: userId,
    outcome: String(change.trust_level),
    factors: [
      ...(event === 'upheld' ? [{ code: 'content_hidden', params: {} }] : []),
      { code: 'account_age_days', params: { days: change.account_age_days } },
      { code: 'approved_texts', params: { count: change.approved_texts } },
      { code: 'upheld_flags', params: { count: change.upheld_flags, days: 90 } },
      { code: 'previous_level', params: { level: change.previous_level } },
    ],
    at: now,
  });
  return change.trust_level;
}

/** Content of this author was approved: their level may rise. */
export const contentApproved = (db: Database, authorId: string, now: Date) =>
  recompute(db, authorId, now, 'approved');

/** An admin hid content of this author (a flag upheld): their level drops one. */
export const flagUpheld = (db: Database, authorId: string, now: Date) =>
  recompute(db, authorId, now, 'upheld');

/**
 * A person reviewed a trust level decision and reversed it: the member is raised to level 1 at least
 * (a member again), the level the rules give anyone who was not new.
 */
export const reverseTrustLevel: DecisionReversal = async (_deps, tx, decision) => {
  await raiseTrustLevel(tx.db, decision.userId, 1);
  return undefined;
};

/** Refuses a silenced author (AUTHOR_SILENCED), saying until when. */
export function assertNotSilenced(author: { silencedUntil: Date | null }, now: Date) {
  if (author.silencedUntil && author.silencedUntil.getTime() > now.getTime()) {
    throw new AppError('AUTHOR_SILENCED', `You cannot post until ${author.silencedUntil.toISOString()}`, {
      retryAfterSeconds: Math.ceil((author.silencedUntil.getTime() - now.getTime()) / 1000),
    });
  }
}

/**
 * A `silence` watched word matched: the author is silenced for a day (written at once, outside the
 * refused write's transaction), and the text refused with AUTHOR_SILENCED.
 */
export async function silenceAuthor(deps: AppDeps, authorId: string, word: string): Promise<never> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + SILENCE_HOURS * HOUR);
  await withTransaction(deps.pool, async (tx) => {
    await silenceUntil(tx.db, authorId, until);
    await recordAudit(tx.db, {
      actorId: null,
      action: 'user.silenced',
      subjectType: 'user',
      subjectId: authorId,
      after: { until: until.toISOString(), word },
    });
  });
  throw new AppError('AUTHOR_SILENCED', `Contains a word that silences its author: "${word}"`, {
    retryAfterSeconds: SILENCE_HOURS * 3600,
  });
}
