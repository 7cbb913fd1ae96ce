import { performance } from 'node:perf_hooks';
import {
  resolveNotificationPreferences,
  type TBatchParams,
  type TBatchStatus,
  type TBatchTargetOutcome,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { InvariantError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { unsubscribeUrl } from '../notifications';
import { announcementEmail } from './batches.emails';
import {
  addProgress,
  announcementRecipients,
  lockBatch,
  lockPendingTargets,
  lockUndoableTargets,
  markTargetDone,
  markTargetUndone,
  updateBatch,
} from './batches.queries';
import {
  endMemberSessions,
  liftMember,
  type MemberChange,
  type MemberSnapshot,
  restoreMember,
  suspendMember,
  tagMember,
  untagMember,
} from './member-state.service';

export const BATCH_RUN_QUEUE = 'admin.batch-run';

/** A job: work through a batch's targets (`run`) or put back what it changed (`undo`). */
export interface BatchJob {
  batchId: string;
  mode: 'run' | 'undo';
  /** The admin who confirmed the run or asked for the undo: the actor of each member's audit entry. */
  actorId: string;
}

/** Targets handled per transaction. */
const CHUNK = 50;

export interface BatchRunOptions {
  chunkSize?: number;
  /** Stop taking new chunks after this long (after at least one) and queue a continuation. */
  budgetMs?: number;
  /** Runs after each member is handled, before the chunk commits (tests inject a crash there). */
  afterMember?: (userId: string) => Promise<void> | void;
}

export type BatchRunResult = 'finished' | 'continued' | 'stale';

/** Statuses a job of each mode picks up; `failed` is a run (or undo) that a retry resumes. */
const runnable: Record<BatchJob['mode'], readonly TBatchStatus[]> = {
  run: ['queued', 'running', 'failed'],
  undo: ['undoing', 'failed'],
};

/**
 * The `admin.batch-run` job handler: chunks of targets, each in one transaction that locks the batch,
 * acts on each member not done yet and marks them done with the counts, so that a worker killed midway
 * loses at most its uncommitted chunk and a retry starts where the commits end, never acting twice on
 * anyone. Bounded to a quarter of the job's expiry like the reminders (`live/reminders.ts`): what is
 * left goes to a continuation job, so no run outlives its expiry. A failure marks the batch `failed`
 * with its message and is thrown for pg-boss to retry the job.
 */
export async function runBatchJob(
  deps: AppDeps,
  job: { data: BatchJob; expireInSeconds: number },
  options: BatchRunOptions = {},
): Promise<BatchRunResult> {
  const expireInSeconds = Number(job.expireInSeconds);
  const result = await runBatch(deps, job.data, { budgetMs: (expireInSeconds * 1000) / 4, ...options });
  if (result === 'continued') {
    await deps.jobs.send(BATCH_RUN_QUEUE, job.data, { expireInSeconds });
  }
  return result;
}

/** Works through the batch until it is finished or the budget is spent (see {@link runBatchJob}). */
export async function runBatch(
  deps: AppDeps,
  job: BatchJob,
  options: BatchRunOptions = {},
): Promise<BatchRunResult> {
  const deadline =
    options.budgetMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.budgetMs;
  const chunkSize = options.chunkSize ?? CHUNK;
  let chunks = 0;
  try {
    for (;;) {
      if (chunks > 0 && performance.now() >= deadline) return 'continued';
      const step = await withTransaction(deps.pool, (tx) => runChunk(deps, tx, job, chunkSize, options));
      if (step !== 'more') return step;
      chunks += 1;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await withTransaction(deps.pool, async (tx) => {
      const batch = await lockBatch(tx, job.batchId);
      if (batch && runnable[job.mode].includes(batch.status)) {
        await updateBatch(tx.db, job.batchId, { status: 'failed', error: message.slice(0, 2000) });
      }
    });
    throw error;
  }
}

async function runChunk(
  deps: AppDeps,
  tx: Transaction,
  job: BatchJob,
  chunkSize: number,
  options: BatchRunOptions,
): Promise<'more' | 'finished' | 'stale'> {
  const now = deps.clock.now();
  const batch = await lockBatch(tx, job.batchId);
  // Gone, finished, or not in the state this job is for (a duplicate continuation): nothing to do.
  if (!batch || !runnable[job.mode].includes(batch.status)) return 'stale';
  const actor: Caller = { id: job.actorId, role: 'admin' };
  if (job.mode === 'run') {
    if (batch.status !== 'running') {
      await updateBatch(tx.db, batch.id, {
        status: 'running',
        error: null,
        ...(batch.status === 'queued' ? { startedAt: now } : {}),
      });
    }
    const targets = await lockPendingTargets(tx, batch.id, chunkSize);
    if (targets.length === 0) {
      await updateBatch(tx.db, batch.id, { status: 'done', finishedAt: now });
      await recordAudit(tx.db, {
        actorId: job.actorId,
        action: 'batch.finished',
        subjectType: 'batch',
        subjectId: batch.id,
        after: { action: batch.action, count: batch.targetCount },
      });
      return 'finished';
    }
    const announcement =
      batch.action === 'announce' ? await announcer(deps, tx, batch.params, targets) : null;
    let skipped = 0;
    for (const target of targets) {
      const input = { actor, userId: target.userId, now, batchId: batch.id };
      let outcome: TBatchTargetOutcome;
      let before: MemberSnapshot | null = null;
      if (announcement) {
        outcome = await announcement(target.userId);
      } else {
        const change = await applyAction(deps, tx, batch.action, batch.params, input);
        outcome = change.changed ? 'done' : (change.skipped ?? 'already');
        before = change.changed ? change.before : null;
      }
      if (outcome !== 'done') skipped += 1;
      await markTargetDone(tx.db, { batchId: batch.id, userId: target.userId, outcome, before, now });
      await options.afterMember?.(target.userId);
    }
    await addProgress(tx.db, batch.id, { processed: targets.length, skipped, undone: 0 });
    return 'more';
  }

  if (batch.status !== 'undoing') await updateBatch(tx.db, batch.id, { status: 'undoing', error: null });
  const targets = await lockUndoableTargets(tx, batch.id, chunkSize);
  if (targets.length === 0) {
    await updateBatch(tx.db, batch.id, { status: 'undone', undoneAt: now });
    await recordAudit(tx.db, {
      actorId: job.actorId,
      action: 'batch.undone',
      subjectType: 'batch',
      subjectId: batch.id,
      after: { action: batch.action, count: batch.targetCount },
    });
    return 'finished';
  }
  let undone = 0;
  for (const target of targets) {
    const input = { actor, userId: target.userId, now, batchId: batch.id };
    const change = await undoAction(
      deps,
      tx,
      batch.action,
      batch.params,
      input,
      target.before as MemberSnapshot | null,
    );
    if (change.changed) undone += 1;
    await markTargetUndone(tx.db, batch.id, target.userId, now);
    await options.afterMember?.(target.userId);
  }
  await addProgress(tx.db, batch.id, { processed: 0, skipped: 0, undone });
  return 'more';
}

interface Acting {
  actor: Caller;
  userId: string;
  now: Date;
  batchId: string;
}

function requiredParam<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new InvariantError(`batch without its ${what}`);
  return value;
}

function applyAction(
  deps: AppDeps,
  tx: Transaction,
  action: string,
  params: TBatchParams,
  input: Acting,
): Promise<MemberChange> {
  switch (action) {
    case 'suspend':
      return suspendMember(deps, tx, {
        ...input,
        until: params.until ? new Date(params.until) : null,
        reason: requiredParam(params.reason, 'reason'),
        ban: false,
      });
    case 'lift':
      return liftMember(deps, tx, input);
    case 'end_sessions':
      return endMemberSessions(deps, tx, input);
    case 'tag':
      return tagMember(deps, tx, { ...input, tag: requiredParam(params.tag, 'tag') });
    case 'untag':
      return untagMember(deps, tx, { ...input, tag: requiredParam(params.tag, 'tag') });
    default:
      throw new InvariantError(`no member action for ${action}`);
  }
}

function undoAction(
  deps: AppDeps,
  tx: Transaction,
  action: string,
  params: TBatchParams,
  input: Acting,
  before: MemberSnapshot | null,
): Promise<MemberChange> {
  switch (action) {
    case 'suspend':
    case 'lift':
      return restoreMember(deps, tx, { ...input, before: requiredParam(before, 'member state before') });
    // The tag alone is put back, not the whole set: tags given since the batch stay.
    case 'tag':
      return untagMember(deps, tx, { ...input, tag: requiredParam(params.tag, 'tag') });
    case 'untag':
      return tagMember(deps, tx, { ...input, tag: requiredParam(params.tag, 'tag') });
    default:
      throw new InvariantError(`no undo for ${action}`);
  }
}

/**
 * The announcement's sending for a chunk: one email per member in their language, unless they are
 * suspended or banned, or turned announcements off by email.
 */
async function announcer(
  deps: AppDeps,
  tx: Transaction,
  params: TBatchParams,
  targets: { userId: string }[],
): Promise<(userId: string) => Promise<TBatchTargetOutcome>> {
  const announcement = requiredParam(params.announcement, 'announcement');
  const rows = await announcementRecipients(
    tx.db,
    targets.map((target) => target.userId),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const profileUrl = `${deps.config.publicUrl}/profile`;
  return async (userId) => {
    const member = byId.get(userId);
    if (!member) return 'not_found';
    if (member.status !== 'active' || member.bannedAt) return 'inactive';
    const choice = resolveNotificationPreferences(member.preferences).announcements;
    if (!choice.email) return 'opted_out';
    await deps.outbox.enqueue(tx, {
      ...announcementEmail(
        { email: member.email, firstName: member.firstName, locale: member.locale },
        announcement,
        profileUrl,
      ),
      // A non-essential email: the mail client's one-click unsubscribe (RFC 8058) stops announcements.
      listUnsubscribe: unsubscribeUrl(deps.config, userId, 'announcements'),
    });
    return 'done';
  };
}
