import type { TAutomatedDecisionKind, TDecisionFactor } from '@capitune/contracts';
import { and, desc, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm';
import { automatedDecisions, users } from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';

/** Every statement on automated decisions and the human reviews people ask for. */

export type DecisionRow = typeof automatedDecisions.$inferSelect;

export interface NewDecision {
  userId: string;
  kind: TAutomatedDecisionKind;
  subjectType: string;
  subjectId: string | null;
  outcome: string;
  factors: TDecisionFactor[];
  createdAt: Date;
}

export async function insertDecision(db: Database, decision: NewDecision): Promise<string> {
  const rows = await db.insert(automatedDecisions).values(decision).returning({ id: automatedDecisions.id });
  return returnedRow(rows, 'automated decision insert').id;
}

/**
 * A page of the person's decisions, newest first (`automated_decisions_user_idx`, keyset on
 * created_at and id), one row more than `limit` to tell whether another page follows.
 */
export async function decisionsOf(
  db: Database,
  userId: string,
  after: Cursor | null,
  limit: number,
): Promise<DecisionRow[]> {
  return db
    .select()
    .from(automatedDecisions)
    .where(
      and(
        eq(automatedDecisions.userId, userId),
        after
          ? sql`(${automatedDecisions.createdAt}, ${automatedDecisions.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(automatedDecisions.createdAt), desc(automatedDecisions.id))
    .limit(limit + 1);
}

/** One decision, locked for the transaction (a review asked and answered once). */
export async function decisionForUpdate(db: Database, id: string): Promise<DecisionRow | undefined> {
  const [row] = await db.select().from(automatedDecisions).where(eq(automatedDecisions.id, id)).for('update');
  return row;
}

export async function setReviewRequested(
  db: Database,
  id: string,
  message: string,
  now: Date,
): Promise<DecisionRow> {
  const rows = await db
    .update(automatedDecisions)
    .set({ reviewRequestedAt: now, reviewMessage: message })
    .where(eq(automatedDecisions.id, id))
    .returning();
  return returnedRow(rows, 'review request');
}

export async function setReviewAnswer(
  db: Database,
  id: string,
  answer: { by: string; outcome: 'upheld' | 'reversed'; note: string; now: Date },
): Promise<DecisionRow> {
  const rows = await db
    .update(automatedDecisions)
    .set({
      reviewedAt: answer.now,
      reviewedBy: answer.by,
      reviewOutcome: answer.outcome,
      reviewNote: answer.note,
    })
    .where(eq(automatedDecisions.id, id))
    .returning();
  return returnedRow(rows, 'review answer');
}

export type ReviewRequestRow = DecisionRow & {
  person: { id: string; firstName: string; lastName: string; email: string };
};

/**
 * The reviews waiting for a person, oldest request first (`automated_decisions_review_idx`, keyset on
 * review_requested_at and id), with who asked, one row more than `limit`.
 */
export async function waitingReviews(
  db: Database,
  after: Cursor | null,
  limit: number,
): Promise<ReviewRequestRow[]> {
  return db
    .select({
      ...getTableColumns(automatedDecisions),
      person: { id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email },
    })
    .from(automatedDecisions)
    .innerJoin(users, eq(users.id, automatedDecisions.userId))
    .where(
      and(
        isNotNull(automatedDecisions.reviewRequestedAt),
        isNull(automatedDecisions.reviewedAt),
        after
          ? sql`(${automatedDecisions.reviewRequestedAt}, ${automatedDecisions.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(automatedDecisions.reviewRequestedAt, automatedDecisions.id)
    .limit(limit + 1);
}

/** Whom the answer to a review is written to: their address, name and language. */
export async function personOf(db: Database, userId: string) {
  const [row] = await db
    .select({ email: users.email, firstName: users.firstName, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}
