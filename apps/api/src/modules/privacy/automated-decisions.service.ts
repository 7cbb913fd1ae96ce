import type {
  TAutomatedDecision,
  TAutomatedDecisionKind,
  TDecisionFactor,
  ZAutomatedDecisionsPage,
  ZReviewAnswerBody,
  ZReviewRequest,
  ZReviewRequestsPage,
} from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, InvariantError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import { decisionReviewedEmail } from './automated-decisions.emails';
import {
  type DecisionRow,
  decisionForUpdate,
  decisionsOf,
  insertDecision,
  personOf,
  type ReviewRequestRow,
  setReviewAnswer,
  setReviewRequested,
  waitingReviews,
} from './automated-decisions.queries';

/**
 * Decisions the product takes about a person by automation alone (Law 25 s. 12.1): one record and one
 * review for every feature. The feature that decides records the decision with its main factors
 * (`recordAutomatedDecision`); the person lists them, reads the factors, and asks a person to look
 * again; an admin answers, upholding or reversing. A reversal is undone by the feature that decided,
 * through the handler it registered (`useDecisionReversal`): privacy depends on no feature.
 */

/** Where the person reads their automated decisions in the web app. */
export const DECISIONS_PAGE = '/profile/privacy';

export interface AutomatedDecisionInput {
  userId: string;
  kind: TAutomatedDecisionKind;
  /** `post`, `comment`, `user` (a trust level)… */
  subjectType: string;
  subjectId: string | null;
  /** `held`, or a trust level (`0`, `1`, `2`). */
  outcome: string;
  factors: TDecisionFactor[];
  at: Date;
}

/** Records an automated decision, in the caller's transaction (or on its own); returns its id. */
export function recordAutomatedDecision(db: Database, decision: AutomatedDecisionInput): Promise<string> {
  const { at, ...rest } = decision;
  return insertDecision(db, { ...rest, createdAt: at });
}

/** What a reversal is given: the decision, who reversed it and why. */
export interface ReversedDecision {
  id: string;
  userId: string;
  kind: TAutomatedDecisionKind;
  subjectType: string;
  subjectId: string | null;
  outcome: string;
  reviewer: Caller;
  note: string;
}

/**
 * Undoes a reversed decision in the review's transaction (publishes held content, restores a level);
 * may give back what to do once it is committed (caches to forget).
 */
export type DecisionReversal = (
  deps: AppDeps,
  tx: Transaction,
  decision: ReversedDecision,
) => Promise<(() => Promise<void>) | undefined>;

const reversals = new Map<TAutomatedDecisionKind, DecisionReversal>();

/**
 * The feature that takes decisions of this kind says how one is undone (app.ts registers them): the
 * features depend on privacy, never the reverse.
 */
export function useDecisionReversal(kind: TAutomatedDecisionKind, reversal: DecisionReversal): void {
  reversals.set(kind, reversal);
}

function reviewOf(row: DecisionRow): TAutomatedDecision['review'] {
  if (row.reviewOutcome === 'upheld' || row.reviewOutcome === 'reversed') return row.reviewOutcome;
  return row.reviewRequestedAt ? 'requested' : 'none';
}

function toDecision(row: DecisionRow): TAutomatedDecision {
  return {
    id: row.id,
    kind: row.kind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    outcome: row.outcome,
    factors: row.factors.map((factor) => ({ code: factor.code, params: factor.params ?? {} })),
    createdAt: row.createdAt.toISOString(),
    review: reviewOf(row),
    reviewRequestedAt: row.reviewRequestedAt?.toISOString() ?? null,
    reviewNote: row.reviewNote,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  };
}

function toReviewRequest(row: ReviewRequestRow): z.infer<typeof ZReviewRequest> {
  return {
    ...toDecision(row),
    person: {
      id: row.person.id,
      name: `${row.person.firstName} ${row.person.lastName}`,
      email: row.person.email,
    },
    message: row.reviewMessage,
  };
}

/** The person's automated decisions, newest first. */
export async function listMyDecisions(
  deps: AppDeps,
  caller: Caller,
  page: { cursor?: string | undefined; limit: number },
): Promise<z.infer<typeof ZAutomatedDecisionsPage>> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await decisionsOf(deps.db, caller.id, after, page.limit);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toDecision),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/**
 * The person asks a human to review one of their decisions, once (409 REVIEW_ALREADY_REQUESTED after).
 * Someone else's decision is 404, as a missing one. Audited.
 */
export async function requestReview(
  deps: AppDeps,
  caller: Caller,
  id: string,
  message: string,
): Promise<TAutomatedDecision> {
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const row = await decisionForUpdate(tx.db, id);
    if (!row || row.userId !== caller.id) throw new AppError('NOT_FOUND', 'No such decision');
    if (row.reviewRequestedAt) throw new AppError('REVIEW_ALREADY_REQUESTED');
    const updated = await setReviewRequested(tx.db, id, message, now);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'privacy.review_requested',
      subjectType: 'automated_decision',
      subjectId: id,
      after: { kind: row.kind, subjectType: row.subjectType, subjectId: row.subjectId },
      ip: caller.ip ?? null,
    });
    return toDecision(updated);
  });
}

/** Admins: the reviews waiting for a person, oldest request first. */
export async function listReviewRequests(
  deps: AppDeps,
  caller: Caller,
  page: { cursor?: string | undefined; limit: number },
): Promise<z.infer<typeof ZReviewRequestsPage>> {
  requireRole(caller, 'admin');
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await waitingReviews(deps.db, after, page.limit);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toReviewRequest),
    nextCursor:
      rows.length > page.limit && last?.reviewRequestedAt
        ? encodeCursor({ at: last.reviewRequestedAt, id: last.id })
        : null,
  };
}

/**
 * An admin's answer to a review request: `upheld` keeps the decision, `reversed` undoes it through the
 * feature that took it (held content published, a trust level restored). The person is told in the
 * app and by email, in their language; the answer is audited. 404 for a decision nobody asked to
 * review, 409 CONFLICT for one already answered.
 */
export async function answerReview(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: z.infer<typeof ZReviewAnswerBody>,
): Promise<TAutomatedDecision> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  let afterCommit: (() => Promise<void>) | undefined;
  const answered = await withTransaction(deps.pool, async (tx) => {
    const row = await decisionForUpdate(tx.db, id);
    if (!row?.reviewRequestedAt) throw new AppError('NOT_FOUND', 'No review was asked for this decision');
    if (row.reviewedAt) throw new AppError('CONFLICT', 'This review was already answered');
    if (body.outcome === 'reversed') {
      const reversal = reversals.get(row.kind);
      if (!reversal) throw new InvariantError(`no reversal registered for ${row.kind} decisions`);
      afterCommit = await reversal(deps, tx, {
        id: row.id,
        userId: row.userId,
        kind: row.kind,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        outcome: row.outcome,
        reviewer: caller,
        note: body.note,
      });
    }
    const updated = await setReviewAnswer(tx.db, id, { by: caller.id, ...body, now });
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'privacy.review_answered',
      subjectType: 'automated_decision',
      subjectId: id,
      before: { kind: row.kind, outcome: row.outcome },
      after: { review: body.outcome, note: body.note, userId: row.userId },
      ip: caller.ip ?? null,
    });
    await tellPerson(deps, tx, updated, body);
    return updated;
  });
  await afterCommit?.();
  return toDecision(answered);
}

/** The answer, in the app (as the preferences say) and always by email: the person asked for it. */
async function tellPerson(
  deps: AppDeps,
  tx: Transaction,
  row: DecisionRow,
  answer: z.infer<typeof ZReviewAnswerBody>,
): Promise<void> {
  await notify(deps, tx, {
    userId: row.userId,
    type: 'automated_decision_reviewed',
    params: {
      decisionId: row.id,
      kind: row.kind,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      review: answer.outcome,
      note: answer.note,
    },
    link: DECISIONS_PAGE,
  });
  const person = await personOf(tx.db, row.userId);
  if (!person) return;
  await deps.outbox.enqueue(
    tx,
    decisionReviewedEmail(person, {
      kind: row.kind,
      outcome: answer.outcome,
      note: answer.note,
      url: `${deps.config.publicUrl}${DECISIONS_PAGE}`,
    }),
  );
}
