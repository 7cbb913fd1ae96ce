import type {
  TBatchAction,
  TBatchParams,
  TBatchStatus,
  TNotificationPreferences,
  TUserFilter,
} from '@capitune/contracts';
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { adminBatches, adminBatchTargets, users } from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import type { Transaction } from '../../platform/db/transaction';
import { userFilterConditions } from './users.queries';

/** The statements of batch operations: the frozen selection, its progress, the batches' pages. */

/** `banned` is read from `banned_at`; a banned member is also `suspended` in `status`. */
const personStatus = sql<
  'active' | 'suspended' | 'banned'
>`case when ${users.bannedAt} is not null then 'banned' else ${users.status}::text end`;

/** The user list's filter (`userFilterConditions`) as one condition on `users u`. */
function filterCondition(filter: TUserFilter): SQL {
  const conditions = userFilterConditions({
    ...filter,
    signedUpFrom: filter.signedUpFrom ? new Date(filter.signedUpFrom) : undefined,
    signedUpTo: filter.signedUpTo ? new Date(filter.signedUpTo) : undefined,
  });
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
}

export async function insertBatch(
  db: Database,
  batch: { action: TBatchAction; params: TBatchParams; createdBy: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(adminBatches)
    .values({
      action: batch.action,
      params: batch.params,
      targetCount: 0,
      createdBy: batch.createdBy,
      createdAt: batch.now,
    })
    .returning({ id: adminBatches.id });
  if (!row) throw new Error('admin_batches insert returned nothing');
  return row.id;
}

/**
 * Freezes the selection: every member matching the filter (or named by id), in the user list's order
 * (newest first), numbered, in one statement. Returns how many.
 */
export async function insertTargets(
  db: Database,
  batchId: string,
  selection: { filter: TUserFilter } | { userIds: string[] },
): Promise<number> {
  const where =
    'filter' in selection ? filterCondition(selection.filter) : anyOf(sql`u.id`, selection.userIds);
  const result = await db.execute(sql`
    insert into admin_batch_targets (batch_id, user_id, position)
    select ${batchId}, u.id, row_number() over (order by u.created_at desc, u.id desc)
      from users u
     where ${where}`);
  return result.rowCount ?? 0;
}

export async function setTargetCount(db: Database, batchId: string, count: number): Promise<void> {
  await db.update(adminBatches).set({ targetCount: count }).where(eq(adminBatches.id, batchId));
}

const batchColumns = {
  id: adminBatches.id,
  action: adminBatches.action,
  // The ids given (up to 10,000) are counted, not read: pages show the count.
  params: sql<TBatchParams>`${adminBatches.params} - 'userIds'`,
  userIdCount: sql<number | null>`jsonb_array_length(${adminBatches.params} -> 'userIds')`,
  status: adminBatches.status,
  targetCount: adminBatches.targetCount,
  processedCount: adminBatches.processedCount,
  skippedCount: adminBatches.skippedCount,
  undoneCount: adminBatches.undoneCount,
  createdBy: adminBatches.createdBy,
  creatorName: sql<string>`${users.firstName} || ' ' || ${users.lastName}`,
  createdAt: adminBatches.createdAt,
  confirmedAt: adminBatches.confirmedAt,
  startedAt: adminBatches.startedAt,
  finishedAt: adminBatches.finishedAt,
  undoneAt: adminBatches.undoneAt,
  error: adminBatches.error,
};

export type BatchRow = NonNullable<Awaited<ReturnType<typeof batchById>>>;

export async function batchById(db: Database, id: string) {
  const [row] = await db
    .select(batchColumns)
    .from(adminBatches)
    .innerJoin(users, eq(users.id, adminBatches.createdBy))
    .where(eq(adminBatches.id, id));
  return row;
}

/** Newest first, after the cursor's (created_at, id). */
export async function batchPage(db: Database, after: Cursor | null, limit: number) {
  return db
    .select(batchColumns)
    .from(adminBatches)
    .innerJoin(users, eq(users.id, adminBatches.createdBy))
    .where(
      after
        ? or(
            lt(adminBatches.createdAt, after.at),
            and(eq(adminBatches.createdAt, after.at), lt(adminBatches.id, after.id)),
          )
        : undefined,
    )
    .orderBy(desc(adminBatches.createdAt), desc(adminBatches.id))
    .limit(limit);
}

/** The batch's row, locked until the transaction ends: one chunk, one confirmation, one undo at a time. */
export async function lockBatch(tx: Transaction, id: string) {
  const [row] = await tx.db
    .select({
      id: adminBatches.id,
      action: adminBatches.action,
      params: adminBatches.params,
      status: adminBatches.status,
      targetCount: adminBatches.targetCount,
      createdAt: adminBatches.createdAt,
      finishedAt: adminBatches.finishedAt,
    })
    .from(adminBatches)
    .where(eq(adminBatches.id, id))
    .for('update');
  return row;
}

export async function updateBatch(
  db: Database,
  id: string,
  set: Partial<{
    status: TBatchStatus;
    confirmedAt: Date;
    startedAt: Date;
    finishedAt: Date | null;
    undoneAt: Date;
    undoneBy: string;
    error: string | null;
  }>,
): Promise<void> {
  await db.update(adminBatches).set(set).where(eq(adminBatches.id, id));
}

/** Adds a chunk's work to the batch's counts, in the chunk's transaction. */
export async function addProgress(
  db: Database,
  id: string,
  counts: { processed: number; skipped: number; undone: number },
): Promise<void> {
  await db
    .update(adminBatches)
    .set({
      processedCount: sql`${adminBatches.processedCount} + ${counts.processed}`,
      skippedCount: sql`${adminBatches.skippedCount} + ${counts.skipped}`,
      undoneCount: sql`${adminBatches.undoneCount} + ${counts.undone}`,
    })
    .where(eq(adminBatches.id, id));
}

const personColumns = {
  id: users.id,
  firstName: users.firstName,
  lastName: users.lastName,
  email: sql<string>`${users.email}::text`,
  role: users.role,
  status: personStatus,
};

/** The people of a batch in the dry run's order, after a position. */
export async function targetPage(db: Database, batchId: string, afterPosition: number, limit: number) {
  return db
    .select({
      ...personColumns,
      position: adminBatchTargets.position,
      outcome: adminBatchTargets.outcome,
      doneAt: adminBatchTargets.doneAt,
      undoneAt: adminBatchTargets.undoneAt,
    })
    .from(adminBatchTargets)
    .innerJoin(users, eq(users.id, adminBatchTargets.userId))
    .where(and(eq(adminBatchTargets.batchId, batchId), gt(adminBatchTargets.position, afterPosition)))
    .orderBy(asc(adminBatchTargets.position))
    .limit(limit);
}

/**
 * The next targets not yet done, locked; a target locked by another run is passed over (it is that
 * run's), and one done by a run that committed is no longer `done_at is null`.
 */
export async function lockPendingTargets(tx: Transaction, batchId: string, limit: number) {
  return tx.db
    .select({ userId: adminBatchTargets.userId, position: adminBatchTargets.position })
    .from(adminBatchTargets)
    .where(and(eq(adminBatchTargets.batchId, batchId), isNull(adminBatchTargets.doneAt)))
    .orderBy(asc(adminBatchTargets.position))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** The next targets that were changed and are not yet undone, locked as above. */
export async function lockUndoableTargets(tx: Transaction, batchId: string, limit: number) {
  return tx.db
    .select({
      userId: adminBatchTargets.userId,
      position: adminBatchTargets.position,
      before: adminBatchTargets.before,
    })
    .from(adminBatchTargets)
    .where(
      and(
        eq(adminBatchTargets.batchId, batchId),
        eq(adminBatchTargets.outcome, 'done'),
        isNotNull(adminBatchTargets.doneAt),
        isNull(adminBatchTargets.undoneAt),
      ),
    )
    .orderBy(asc(adminBatchTargets.position))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markTargetDone(
  db: Database,
  target: { batchId: string; userId: string; outcome: string; before: unknown; now: Date },
): Promise<void> {
  await db
    .update(adminBatchTargets)
    .set({ doneAt: target.now, outcome: target.outcome, before: target.before ?? null })
    .where(and(eq(adminBatchTargets.batchId, target.batchId), eq(adminBatchTargets.userId, target.userId)));
}

export async function markTargetUndone(
  db: Database,
  batchId: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .update(adminBatchTargets)
    .set({ undoneAt: now })
    .where(and(eq(adminBatchTargets.batchId, batchId), eq(adminBatchTargets.userId, userId)));
}

/** What an announcement needs of each member of a chunk: address, language, state, preferences. */
export async function announcementRecipients(db: Database, userIds: string[]) {
  return db
    .select({
      id: users.id,
      email: sql<string>`${users.email}::text`,
      firstName: users.firstName,
      locale: users.locale,
      status: users.status,
      bannedAt: users.bannedAt,
      preferences: sql<Partial<TNotificationPreferences> | null>`${users.notificationPreferences}`,
    })
    .from(users)
    .where(anyOf(users.id, userIds));
}
