import { FLAG_HIDE_THRESHOLD, type TCreateFlagBody, type TFlagTargetType } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { assertWithinRate, loadAuthor } from './authors.service';
import { raiseFlagWave } from './flag-wave.service';
import { insertFlag, openFlaggers } from './moderation.queries';
import { lockTarget, setTargetState, type Target, tellAuthor } from './targets.service';

type FlagBody = Omit<TCreateFlagBody, 'targetType'> & { targetType: TFlagTargetType };

/**
 * Flags a post, a comment or a review. One open flag per user and target (a second one changes
 * nothing); at FLAG_HIDE_THRESHOLD distinct flaggers, published content is hidden until an admin decides.
 */
export async function createFlag(deps: AppDeps, caller: Caller, body: FlagBody) {
  const author = await loadAuthor(deps.db, caller);
  await assertWithinRate(deps, author, 'flag');
  const now = deps.clock.now();
  const { created, hidden } = await withTransaction(deps.pool, async (tx) => {
    const target = await lockTarget(tx, body.targetType, body.targetId);
    const visible =
      target &&
      !target.deletedAt &&
      target.postVisible &&
      (target.status === 'published' || target.authorId === caller.id || caller.role === 'admin');
    if (!target || !visible) throw new AppError('NOT_FOUND', `No such ${body.targetType}`);
    if (target.authorId === caller.id) throw new AppError('FORBIDDEN', 'You cannot flag your own content');

    const created = await insertFlag(tx.db, {
      targetType: body.targetType,
      targetId: body.targetId,
      userId: caller.id,
      reason: body.reason,
      note: body.note ?? null,
      now,
    });
    if (!created) return { created, hidden: null };
    await raiseFlagWave(deps, tx, target, now);
    return { created, hidden: (await hideAtThreshold(deps, tx, target, now)) ? target.type : null };
  });
  if (hidden === 'post') await deps.readCache.invalidate('inside_search');
  if (hidden === 'review') await deps.readCache.invalidate('pros_directory');
  return { created };
}

/**
 * After a new flag: the target waits for a decision, and published content flagged by
 * FLAG_HIDE_THRESHOLD distinct people is hidden (audited, its author told). Whether it was hidden.
 */
async function hideAtThreshold(deps: AppDeps, tx: Transaction, target: Target, now: Date) {
  const flaggers = await openFlaggers(tx.db, target.type, target.id);
  const hide = flaggers >= FLAG_HIDE_THRESHOLD && target.status === 'published';
  await setTargetState(tx, target, {
    needsReviewAt: target.needsReviewAt ?? now,
    ...(hide ? { status: 'hidden', moderationReason: 'flags' } : {}),
  });
  if (!hide) return false;
  await recordAudit(tx.db, {
    actorId: null,
    action: `${target.type}.auto_hidden`,
    subjectType: target.type,
    subjectId: target.id,
    before: { status: target.status },
    after: { status: 'hidden', reason: 'flags', flaggers },
  });
  // Members' flags, not an admin, hide it: their author is emailed within the community limit.
  await tellAuthor(deps, tx, target, 'auto_hidden', null, { emailLimit: 'community' });
  return true;
}
