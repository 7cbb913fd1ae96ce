import type { ZBatchRequestBody } from '@capitune/contracts';
import {
  BATCH_DRY_RUN_VALID_MS,
  BATCH_SAMPLE_SIZE,
  BATCH_UNDO_WINDOW_MS,
  reversibleBatchActions,
  type TBatch,
  type TBatchAction,
  type TBatchDryRun,
  type TBatchPage,
  type TBatchParams,
  type TBatchParamsSummary,
  type TBatchTargetOutcome,
  type TBatchTargetPage,
  type TUserFilter,
} from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor, isCursorInt4 } from '../../lib/cursor';
import { AppError, fieldError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { inTransaction } from '../../platform/jobs/jobs';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import {
  type BatchRow,
  batchById,
  batchPage,
  insertBatch,
  insertTargets,
  lockBatch,
  setTargetCount,
  targetPage,
  updateBatch,
} from './batches.queries';
import { BATCH_RUN_QUEUE, type BatchJob } from './batches.worker';
import { foldSearch } from './users.service';

type BatchRequest = z.output<typeof ZBatchRequestBody>;

/** Actions that change who may sign in: confirming them, or their undo, needs a recent step-up. */
const sensitiveActions: readonly TBatchAction[] = ['suspend', 'lift'];

const isReversible = (action: TBatchAction) => (reversibleBatchActions as readonly string[]).includes(action);

function summaryOf(params: TBatchParams, userIdCount: number | null): TBatchParamsSummary {
  return {
    filter: params.filter ?? null,
    userIdCount,
    reason: params.reason ?? null,
    until: params.until ?? null,
    tag: params.tag ?? null,
    subjects: params.announcement
      ? { fr: params.announcement.fr.subject, en: params.announcement.en.subject }
      : null,
  };
}

function batchView(row: BatchRow, now: Date): TBatch {
  const reversible = isReversible(row.action);
  const undoUntil =
    reversible && row.finishedAt ? new Date(row.finishedAt.getTime() + BATCH_UNDO_WINDOW_MS) : null;
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    count: row.targetCount,
    processed: row.processedCount,
    skipped: row.skippedCount,
    undone: row.undoneCount,
    createdBy: { id: row.createdBy, name: row.creatorName },
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    undoUntil: undoUntil?.toISOString() ?? null,
    canUndo: row.status === 'done' && undoUntil !== null && now < undoUntil,
    error: row.error,
    params: summaryOf(row.params, row.userIdCount),
  };
}

async function viewOf(deps: AppDeps, id: string): Promise<TBatch> {
  const row = await batchById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such batch');
  return batchView(row, deps.clock.now());
}

/** The route's answer: a dry run (201) or the batch now queued (202). */
export type BatchRequestOutcome = { dryRun: TBatchDryRun } | { queued: TBatch };

/** `POST /api/admin/batches`: a dry run, or the confirmation of one. */
export async function requestBatch(
  deps: AppDeps,
  caller: Caller,
  body: BatchRequest,
): Promise<BatchRequestOutcome> {
  requireRole(caller, 'admin');
  if (body.dryRunId !== undefined && body.confirmCount !== undefined) {
    return { queued: await confirmBatch(deps, caller, body.dryRunId, body.confirmCount) };
  }
  return { dryRun: await dryRun(deps, caller, body) };
}

/**
 * Freezes who the batch concerns (every member matching the filter, or the ids given, in the user list's
 * order) and answers how many and the first of them. Nothing else changes until it is confirmed.
 */
async function dryRun(deps: AppDeps, caller: Caller, body: BatchRequest): Promise<TBatchDryRun> {
  const now = deps.clock.now();
  // The body's refinement guarantees these; the checks narrow the types.
  const action = body.action;
  if (!action) throw fieldError('body.action', 'required', 'An action');
  if (action === 'suspend' && body.until && new Date(body.until) <= now) {
    throw fieldError('body.until', 'in_the_past', 'The end of the suspension must be ahead');
  }
  const params: TBatchParams = {
    ...(body.filter ? { filter: body.filter } : {}),
    ...(body.userIds ? { userIds: [...new Set(body.userIds)] } : {}),
    ...(action === 'suspend' ? { reason: body.reason, until: body.until ?? null } : {}),
    ...(body.announcement ? { announcement: body.announcement } : {}),
    ...(body.tag ? { tag: body.tag } : {}),
  };
  return withTransaction(deps.pool, async (tx) => {
    const id = await insertBatch(tx.db, { action, params, createdBy: caller.id, now });
    const count = await insertTargets(
      tx.db,
      id,
      params.filter ? { filter: searchable(params.filter) } : { userIds: params.userIds ?? [] },
    );
    await setTargetCount(tx.db, id, count);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'batch.dry_run',
      subjectType: 'batch',
      subjectId: id,
      after: { action, count, ...summaryOf(params, params.userIds?.length ?? null) },
      ip: caller.ip ?? null,
    });
    const sample = await targetPage(tx.db, id, 0, BATCH_SAMPLE_SIZE);
    return {
      id,
      count,
      sample: sample.map(({ id: userId, firstName, lastName, email, role, status }) => ({
        id: userId,
        firstName,
        lastName,
        email,
        role,
        status,
      })),
      expiresAt: new Date(now.getTime() + BATCH_DRY_RUN_VALID_MS).toISOString(),
    };
  });
}

/** The filter as the user list runs it: the search words folded (lowercase, no accents), none if empty. */
function searchable(filter: TUserFilter): TUserFilter {
  const { q, ...rest } = filter;
  const folded = q ? foldSearch(q) : '';
  return folded ? { ...rest, q: folded } : rest;
}

const notConfirmed = (detail: string) => new AppError('BATCH_NOT_CONFIRMED', detail);

/**
 * Runs a dry run: the admin typed its count, it is still a dry run and recent. The job that works
 * through the targets is queued in the same transaction, so it exists exactly when the batch is queued.
 */
async function confirmBatch(
  deps: AppDeps,
  caller: Caller,
  id: string,
  confirmCount: number,
): Promise<TBatch> {
  const now = deps.clock.now();
  // Checked before the step-up (a refusal needs no proof) and again under the lock.
  const refusal = (batch: { status: string; createdAt: Date; targetCount: number } | undefined) => {
    if (!batch) return notConfirmed('No dry run with this id');
    if (batch.status !== 'dry_run') return notConfirmed('This dry run was already confirmed');
    if (now.getTime() >= batch.createdAt.getTime() + BATCH_DRY_RUN_VALID_MS) {
      return notConfirmed('This dry run has expired: make a new one');
    }
    if (batch.targetCount !== confirmCount) return notConfirmed('The count does not match the dry run');
    return null;
  };
  const peek = await batchById(deps.db, id);
  const early = refusal(peek);
  if (early) throw early;
  if (peek && sensitiveActions.includes(peek.action)) await deps.requireStepUp(caller);
  await withTransaction(deps.pool, async (tx) => {
    const batch = await lockBatch(tx, id);
    const late = refusal(batch);
    if (late || !batch) throw late ?? notConfirmed('No dry run with this id');
    await updateBatch(tx.db, id, { status: 'queued', confirmedAt: now });
    const job: BatchJob = { batchId: id, mode: 'run', actorId: caller.id };
    await deps.jobs.send(BATCH_RUN_QUEUE, job, inTransaction(tx.client));
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'batch.started',
      subjectType: 'batch',
      subjectId: id,
      after: { action: batch.action, count: batch.targetCount },
      ip: caller.ip ?? null,
    });
  });
  return viewOf(deps, id);
}

/**
 * Undoes a finished batch within 24 hours: each member it changed is put back as they were (a tag
 * taken off again, a suspension lifted, a lifted one suspended again as it was), by a job.
 */
export async function undoBatch(deps: AppDeps, caller: Caller, id: string): Promise<TBatch> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  const refusal = (batch: { action: TBatchAction; status: string; finishedAt: Date | null }) => {
    if (!isReversible(batch.action))
      return new AppError('BATCH_NOT_UNDOABLE', 'This action cannot be undone');
    if (batch.status !== 'done' || !batch.finishedAt) {
      return new AppError('BATCH_NOT_UNDOABLE', 'Only a finished batch can be undone, once');
    }
    if (now.getTime() >= batch.finishedAt.getTime() + BATCH_UNDO_WINDOW_MS) {
      return new AppError('BATCH_NOT_UNDOABLE', 'A batch can be undone within 24 hours of its end');
    }
    return null;
  };
  const peek = await batchById(deps.db, id);
  if (!peek) throw new AppError('NOT_FOUND', 'No such batch');
  const early = refusal(peek);
  if (early) throw early;
  if (sensitiveActions.includes(peek.action)) await deps.requireStepUp(caller);
  await withTransaction(deps.pool, async (tx) => {
    const batch = await lockBatch(tx, id);
    if (!batch) throw new AppError('NOT_FOUND', 'No such batch');
    const late = refusal(batch);
    if (late) throw late;
    await updateBatch(tx.db, id, { status: 'undoing', undoneBy: caller.id });
    const job: BatchJob = { batchId: id, mode: 'undo', actorId: caller.id };
    await deps.jobs.send(BATCH_RUN_QUEUE, job, inTransaction(tx.client));
  });
  return viewOf(deps, id);
}

export async function getBatch(deps: AppDeps, caller: Caller, id: string): Promise<TBatch> {
  requireRole(caller, 'admin');
  return viewOf(deps, id);
}

export async function listBatches(
  deps: AppDeps,
  caller: Caller,
  query: { cursor?: string | undefined; limit: number },
): Promise<TBatchPage> {
  requireRole(caller, 'admin');
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await batchPage(deps.db, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const now = deps.clock.now();
  return {
    items: page.map((row) => batchView(row, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

const positionCursor = (values: unknown[]): values is [number] =>
  values.length === 1 && isCursorInt4(values[0]);

/** Everyone a batch concerns, in the dry run's order, with what happened to each. */
export async function listBatchTargets(
  deps: AppDeps,
  caller: Caller,
  id: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<TBatchTargetPage> {
  requireRole(caller, 'admin');
  const [afterPosition] = query.cursor ? decodeCursor(query.cursor, positionCursor) : [0];
  if (!(await batchById(deps.db, id))) throw new AppError('NOT_FOUND', 'No such batch');
  const rows = await targetPage(deps.db, id, afterPosition, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      role: row.role,
      status: row.status,
      position: row.position,
      outcome: (row.outcome as TBatchTargetOutcome | null) ?? null,
      doneAt: row.doneAt?.toISOString() ?? null,
      undoneAt: row.undoneAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.position]) : null,
  };
}
