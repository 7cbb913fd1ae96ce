import type { TFlagReason, TFlagTargetType, TModerationAction, TModerationQueue } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, fieldError } from '../../lib/errors';
import type { Transaction } from '../../platform/db/transaction';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import { revokeAllSessions } from '../auth';
import type { DecisionReversal } from '../privacy';
import { notifyOfReleasedComment } from './comments.service';
import { toModerationItem } from './inside.mappers';
import {
  accountForUpdate,
  accountStatus,
  type ModeratedStatus,
  openFlagNotes,
  openFlagReasons,
  queueRows,
  resolveFlags,
  suspendAccount,
} from './moderation.queries';
import { lockTarget, setTargetState, type Target, tellAuthor } from './targets.service';
import { contentApproved, flagUpheld } from './trust.service';

/**
 * Everything waiting for a decision (flagged, held by a watched word, hidden at the flag threshold),
 * oldest first, keyset-paginated on (needs_review_at, id) over posts, comments and reviews together.
 */
export async function moderationQueue(
  deps: AppDeps,
  caller: Caller,
  page: { cursor?: string | undefined; limit: number; targetType?: TFlagTargetType | undefined },
): Promise<TModerationQueue> {
  requireRole(caller, 'admin');
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const found = await queueRows(deps.db, { after, limit: page.limit, targetType: page.targetType });
  const rows = found.slice(0, page.limit);
  const flags = await openFlagsOf(
    deps,
    rows.map((row) => row.id),
  );
  const last = rows.at(-1);
  return {
    items: rows.map((row) =>
      toModerationItem(row, {
        reasons: flags.reasons.get(row.id) ?? [],
        notes: flags.notes.get(row.id) ?? [],
      }),
    ),
    nextCursor:
      found.length > page.limit && last
        ? encodeCursor({ at: new Date(last.needs_review_at), id: last.id })
        : null,
  };
}

/** The open flags of these targets: their reasons counted, and their latest notes. */
async function openFlagsOf(deps: AppDeps, ids: string[]) {
  const reasons = new Map<string, { reason: TFlagReason; count: number }[]>();
  const notes = new Map<string, string[]>();
  if (ids.length === 0) return { reasons, notes };
  for (const row of await openFlagReasons(deps.db, ids)) {
    reasons.set(row.target_id, [
      ...(reasons.get(row.target_id) ?? []),
      { reason: row.reason, count: row.count },
    ]);
  }
  for (const row of await openFlagNotes(deps.db, ids)) {
    notes.set(row.target_id, [...(notes.get(row.target_id) ?? []), row.note]);
  }
  return { reasons, notes };
}

type AccountStatus = 'active' | 'suspended';

interface Decision {
  status: ModeratedStatus;
  authorStatus: AccountStatus;
  resolvedFlags: number;
}

/** What each step of a decision works with. */
interface DecisionContext {
  deps: AppDeps;
  tx: Transaction;
  caller: Caller;
  target: Target;
  note: string | null;
  now: Date;
  audit: { actorId: string; subjectType: string; subjectId: string; ip: string | null };
}

/**
 * An admin's decision on a post, comment or review:
 * - `hide`: removed for everyone but its author; the open flags are upheld.
 * - `restore`: published again (also what releases held content); the open flags are rejected.
 * - `dismiss`: the open flags were unfounded: closed, and content hidden by the flag threshold comes back;
 *   content held by a watched word stays held (restore it to publish).
 * - `warn`: a notification and an email to the author, with the note; the content is unchanged.
 * - `suspend`: the author's account is suspended and all their sessions end; the content is unchanged.
 *   The admin must have proven their identity within 10 minutes (step-up).
 * Each writes the audit log and tells the author.
 */
export async function moderate(
  deps: AppDeps,
  caller: Caller,
  targetType: TFlagTargetType,
  targetId: string,
  action: TModerationAction,
  note: string | undefined,
): Promise<Decision> {
  requireRole(caller, 'admin');
  if ((action === 'warn' || action === 'suspend') && !note) {
    throw fieldError(
      'body.note',
      'required',
      'Required for a warning or a suspension',
      'A note for the author is required',
    );
  }
  if (action === 'suspend') await deps.requireStepUp(caller);
  const now = deps.clock.now();
  const decision = await withTransaction(deps.pool, async (tx) => {
    const target = await lockTarget(tx, targetType, targetId);
    if (!target || target.deletedAt) throw new AppError('NOT_FOUND', `No such ${targetType}`);
    const audit = {
      actorId: caller.id,
      subjectType: target.type,
      subjectId: target.id,
      ip: caller.ip ?? null,
    };
    const context: DecisionContext = { deps, tx, caller, target, note: note ?? null, now, audit };
    if (action === 'hide' || action === 'restore') return hideOrRestore(context, action);
    if (action === 'dismiss') return dismissFlags(context);
    return judgeAuthor(context, action);
  });
  // A post hidden, held or restored leaves or joins search results.
  if (targetType === 'post') await deps.readCache.invalidate('inside_search');
  // A review's score leaves or joins its pro's rating; a suspended author leaves the directory.
  if (targetType === 'review' || decision.authorStatus === 'suspended') {
    await deps.readCache.invalidate('pros_directory');
  }
  return decision;
}

const closeFlags = (context: DecisionContext, resolution: string) =>
  resolveFlags(context.tx.db, {
    targetType: context.target.type,
    targetId: context.target.id,
    resolution,
    by: context.caller.id,
    now: context.now,
  });

/** The decision with its author's account status now (content decisions do not change it). */
async function decided(context: DecisionContext, status: ModeratedStatus, resolvedFlags: number) {
  const authorStatus = (await accountStatus(context.tx.db, context.target.authorId)) ?? 'active';
  return { status, authorStatus, resolvedFlags };
}

/**
 * `hide` or `restore`: the content's status set, its open flags closed, its author told (unless `tell`
 * is false: a reviewed automated decision tells them itself).
 */
async function hideOrRestore(
  context: DecisionContext,
  action: 'hide' | 'restore',
  tell = true,
): Promise<Decision> {
  const { deps, tx, target, note } = context;
  const status = action === 'hide' ? 'hidden' : 'published';
  const resolvedFlags = await closeFlags(context, action);
  await setTargetState(tx, target, {
    status,
    moderationReason: action === 'hide' ? 'admin' : null,
    ...(action === 'restore' && target.type !== 'review' ? { heldWord: null } : {}),
    needsReviewAt: null,
  });
  await recordAudit(tx.db, {
    ...context.audit,
    action: `${target.type}.${action === 'hide' ? 'hidden' : 'restored'}`,
    before: { status: target.status, moderationReason: target.moderationReason },
    after: { status, resolvedFlags, note },
  });
  // Trust levels are Inside's: an upheld flag drops its author one level, released content counts.
  if (target.type !== 'review') {
    if (action === 'hide') await flagUpheld(tx.db, target.authorId, context.now);
    else if (target.status !== 'published') await contentApproved(tx.db, target.authorId, context.now);
  }
  if (tell && (status !== target.status || action === 'hide')) {
    await tellAuthor(deps, tx, target, action === 'hide' ? 'hidden' : 'restored', note);
  }
  // A held comment was never announced: its post's author and the author replied to learn of it now.
  if (action === 'restore' && target.type === 'comment' && target.status === 'held' && target.postVisible) {
    await notifyOfReleasedComment(deps, tx, target.id);
  }
  return decided(context, status, resolvedFlags);
}

/**
 * A person reviewed the automatic hold of a post or comment and reversed it: released as an admin's
 * `restore` releases it (published, its flags closed, counted for its author's level, a held comment's
 * notifications sent, audited), in the review's transaction. Content deleted, released or hidden since
 * is left as it is.
 */
export const reverseModerationHold: DecisionReversal = async (deps, tx, decision) => {
  const type = decision.subjectType;
  if (!decision.subjectId || (type !== 'post' && type !== 'comment')) return undefined;
  const target = await lockTarget(tx, type, decision.subjectId);
  if (!target || target.deletedAt || target.status !== 'held') return undefined;
  const caller = decision.reviewer;
  const audit = { actorId: caller.id, subjectType: target.type, subjectId: target.id, ip: caller.ip ?? null };
  const now = deps.clock.now();
  await hideOrRestore({ deps, tx, caller, target, note: decision.note, now, audit }, 'restore', false);
  // A released post joins search results.
  return type === 'post' ? () => deps.readCache.invalidate('inside_search') : undefined;
};

/** `dismiss`: the open flags closed as unfounded; content hidden by the flag threshold comes back. */
async function dismissFlags(context: DecisionContext): Promise<Decision> {
  const { deps, tx, target, note } = context;
  const resolvedFlags = await closeFlags(context, 'dismiss');
  const comesBack = target.status === 'hidden' && target.moderationReason === 'flags';
  const status = comesBack ? 'published' : target.status;
  await setTargetState(tx, target, {
    ...(comesBack ? { status, moderationReason: null } : {}),
    needsReviewAt: target.status === 'held' ? target.needsReviewAt : null,
  });
  await recordAudit(tx.db, {
    ...context.audit,
    action: `${target.type}.flags_dismissed`,
    before: { status: target.status },
    after: { status, resolvedFlags, note },
  });
  if (comesBack) await tellAuthor(deps, tx, target, 'restored', note);
  return decided(context, status, resolvedFlags);
}

/** `warn` or `suspend`: a decision on the author (the content unchanged), always emailed to them. */
async function judgeAuthor(context: DecisionContext, action: 'warn' | 'suspend'): Promise<Decision> {
  const { deps, tx, target, note, now } = context;
  const author = await accountForUpdate(tx.db, target.authorId);
  if (!author) throw new AppError('NOT_FOUND', 'The author no longer exists');
  let authorStatus: AccountStatus;
  if (action === 'suspend') {
    if (author.role === 'admin') throw new AppError('FORBIDDEN', 'An admin cannot be suspended here');
    await suspendAccount(tx.db, author.id, now);
    const sessionsEnded = await revokeAllSessions(deps, tx.db, author.id, 'suspended', now);
    await recordAudit(tx.db, {
      ...context.audit,
      subjectType: 'user',
      subjectId: author.id,
      action: 'user.suspended',
      before: { status: author.status },
      after: { status: 'suspended', note, sessionsEnded, targetType: target.type, targetId: target.id },
    });
    authorStatus = 'suspended';
  } else {
    await recordAudit(tx.db, {
      ...context.audit,
      subjectType: 'user',
      subjectId: author.id,
      action: 'user.warned',
      after: { note, targetType: target.type, targetId: target.id },
    });
    authorStatus = author.status;
  }
  await tellAuthor(deps, tx, target, action === 'suspend' ? 'suspended' : 'warned', note, {
    alwaysEmail: true,
  });
  return { status: target.status, authorStatus, resolvedFlags: 0 };
}
