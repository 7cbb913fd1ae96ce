import type { TFlagTargetType } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import type { Transaction } from '../../platform/db/transaction';
import type { NoticeEmailKind } from '../../platform/rate-limit';
import { notify } from '../notifications';
import { reviewModerated, reviewSubject } from '../pros';
import { commentRow } from './comments.queries';
import { contentModeratedEmail, type ModerationOutcome } from './inside.emails';
import {
  emailRecipient,
  type ModeratedStatus,
  type ModerationState,
  reviewRowForUpdate,
  updateContentState,
  updateReviewState,
} from './moderation.queries';
import { moveCommentCount, postRow } from './posts.queries';

/** What flags and decisions act on: a post, a comment or a review of a pro. */

/** A post, a comment or a review of a pro, as moderation sees it. */
export interface Target {
  type: TFlagTargetType;
  id: string;
  /** Null for a review. */
  postId: string | null;
  /** A review's professional (their profile's address); null for Inside content. */
  proSlug: string | null;
  authorId: string;
  status: ModeratedStatus;
  moderationReason: string | null;
  needsReviewAt: Date | null;
  deletedAt: Date | null;
  /** The post's title (for a comment, the title of its post; for a review, the reviewed pro's name). */
  title: string;
  postVisible: boolean;
}

/** Where the author is sent to see the moderated content. */
function targetLink(target: Target): string | null {
  if (target.type === 'review') return target.proSlug ? `/pros/${target.proSlug}` : null;
  return `/inside/${target.postId}`;
}

async function lockReview(tx: Transaction, id: string): Promise<Target | null> {
  const review = await reviewRowForUpdate(tx.db, id);
  if (!review) return null;
  const subject = await reviewSubject(tx, review.id);
  return {
    type: 'review',
    id: review.id,
    postId: null,
    proSlug: subject?.slug ?? null,
    authorId: review.authorId,
    status: review.status,
    moderationReason: review.moderationReason,
    needsReviewAt: review.needsReviewAt,
    deletedAt: null,
    title: subject ? `${subject.firstName} ${subject.lastName}` : '',
    postVisible: true,
  };
}

async function lockPost(tx: Transaction, id: string): Promise<Target | null> {
  const post = await postRow(tx.db, id, true);
  return post
    ? {
        type: 'post',
        id: post.id,
        postId: post.id,
        proSlug: null,
        authorId: post.authorId,
        status: post.status,
        moderationReason: post.moderationReason,
        needsReviewAt: post.needsReviewAt,
        deletedAt: post.deletedAt,
        title: post.title,
        postVisible: post.deletedAt === null,
      }
    : null;
}

async function lockComment(tx: Transaction, id: string): Promise<Target | null> {
  const comment = await commentRow(tx.db, id, true);
  if (!comment) return null;
  const post = await postRow(tx.db, comment.postId);
  return {
    type: 'comment',
    id: comment.id,
    postId: comment.postId,
    proSlug: null,
    authorId: comment.authorId,
    status: comment.status,
    moderationReason: comment.moderationReason,
    needsReviewAt: comment.needsReviewAt,
    deletedAt: comment.deletedAt,
    title: post?.title ?? '',
    postVisible: post !== undefined && post.deletedAt === null && post.status === 'published',
  };
}

/** Reads and locks the target row (FOR UPDATE): flags and decisions on one target are serialised. */
export function lockTarget(tx: Transaction, type: TFlagTargetType, id: string): Promise<Target | null> {
  return type === 'review' ? lockReview(tx, id) : type === 'post' ? lockPost(tx, id) : lockComment(tx, id);
}

/** Sets the target's moderation columns, and what follows from its change of status. */
export async function setTargetState(tx: Transaction, target: Target, state: ModerationState) {
  if (target.type === 'review') {
    // Reviews are published or hidden (never held); their score leaves or rejoins the pro's rating.
    const { heldWord: _unused, ...reviewState } = state;
    await updateReviewState(tx.db, target.id, reviewState);
    const from = target.status === 'hidden' ? 'hidden' : 'published';
    const to = (state.status ?? target.status) === 'hidden' ? 'hidden' : 'published';
    await reviewModerated(tx, target.id, from, to);
    return;
  }
  await updateContentState(tx.db, target.type, target.id, state);
  // A comment that appears or disappears changes its post's comment count.
  if (target.type === 'comment' && target.postId && state.status && state.status !== target.status) {
    if (state.status === 'published') await moveCommentCount(tx.db, target.postId, 1);
    else if (target.status === 'published') await moveCommentCount(tx.db, target.postId, -1);
  }
}

/** Tells the target's author what moderation did: a notification, and an email. */
export async function tellAuthor(
  deps: AppDeps,
  tx: Transaction,
  target: Target,
  outcome: ModerationOutcome,
  note: string | null,
  options: { alwaysEmail?: boolean; emailLimit?: NoticeEmailKind } = {},
) {
  const params = {
    outcome,
    targetType: target.type,
    title: target.title,
    note,
    guidelinesUrl: `${deps.config.publicUrl}/inside/guidelines`,
  };
  await notify(deps, tx, {
    userId: target.authorId,
    type: 'content_moderated',
    params: {
      action: outcome,
      targetType: target.type,
      targetId: target.id,
      postId: target.postId,
      title: target.title,
      note,
    },
    link: outcome === 'suspended' ? null : targetLink(target),
    // Warnings and suspensions are always emailed (a service message); the rest as the preferences say.
    ...(options.alwaysEmail ? {} : { email: (recipient) => contentModeratedEmail(recipient, params) }),
    ...(options.emailLimit ? { emailLimit: options.emailLimit } : {}),
  });
  if (options.alwaysEmail) {
    const author = await emailRecipient(tx.db, target.authorId);
    if (author) await deps.outbox.enqueue(tx, contentModeratedEmail(author, params));
  }
}
