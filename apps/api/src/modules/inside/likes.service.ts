import type { TLikeState } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { loadAuthor } from './authors.service';
import { liveCommentRow, moveCommentLikeCount, setCommentLikeRow } from './comments.queries';
import { moveLikeCount, setPostLikeRow } from './posts.queries';
import { findOpenPost } from './posts.service';

// Likes: one per user, idempotent; the count moves only when a like row is really added or removed,
// under the row lock of the post or comment, so concurrent likes are all counted exactly once.

const deltaOf = (changed: boolean, like: boolean) => (!changed ? 0 : like ? 1 : -1);

export async function setPostLike(
  deps: AppDeps,
  caller: Caller,
  postId: string,
  like: boolean,
): Promise<TLikeState> {
  await loadAuthor(deps.db, caller);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const post = await findOpenPost(tx.db, caller, postId);
    if (post.status !== 'published') throw new AppError('NOT_FOUND', 'No such post');
    const changed = await setPostLikeRow(tx.db, postId, caller.id, like, now);
    const likeCount = await moveLikeCount(tx.db, postId, deltaOf(changed, like));
    return { likeCount: likeCount ?? 0, likedByMe: like };
  });
}

export async function setCommentLike(
  deps: AppDeps,
  caller: Caller,
  commentId: string,
  like: boolean,
): Promise<TLikeState> {
  await loadAuthor(deps.db, caller);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const comment = await liveCommentRow(tx.db, commentId);
    if (comment?.status !== 'published') throw new AppError('NOT_FOUND', 'No such comment');
    await findOpenPost(tx.db, caller, comment.postId);
    const changed = await setCommentLikeRow(tx.db, commentId, caller.id, like, now);
    const likeCount = await moveCommentLikeCount(tx.db, commentId, deltaOf(changed, like));
    return { likeCount: likeCount ?? 0, likedByMe: like };
  });
}
