import { randomUUID } from 'node:crypto';
import type { TComment, TCommentPage, TCreateCommentBody } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor, isCursorId, isCursorInstant } from '../../lib/cursor';
import { AppError, fieldError, InvariantError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { notify } from '../notifications';
import { loadAuthor, loadWatchedWords, startWriting } from './authors.service';
import {
  type CommentKey,
  type CommentRow,
  commentListRow,
  commentOfPost,
  commentPageRows,
  commentRow,
  insertComment,
  likedCommentIds,
  likesComment,
  releasedCommentParts,
  updateCommentRow,
} from './comments.queries';
import { commentRepliedEmail, postCommentedEmail } from './inside.emails';
import type { WatchedWord } from './inside.filter';
import { toComment } from './inside.mappers';
import { detectLanguage, renderMarkdown } from './inside.render';
import { type Author, canSeeComment, canSeePost, displayName, postLink } from './inside.shared';
import { censoredText, evaluateContent, moderationColumns, refuseIfBlocked } from './moderation-rules';
import { moveCommentCount, type PostRow, postRow } from './posts.queries';
import { findOpenPost, recordHold } from './posts.service';
import { assertNotSilenced, contentApproved, silenceAuthor } from './trust.service';

const isCommentKey = (v: unknown[]): v is CommentKey =>
  isCursorInstant(v[0]) &&
  isCursorId(v[1]) &&
  (v[2] === 0 || v[2] === 1) &&
  isCursorInstant(v[3]) &&
  isCursorId(v[4]);

/**
 * The comments of a post in thread order, keyset-paginated on (thread time, thread, depth, time, id):
 * each top comment is followed by its replies. A removed top comment that still has visible replies
 * stays as a placeholder; other removed comments are left out.
 */
export async function listComments(
  deps: AppDeps,
  viewer: Caller | null,
  postId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<TCommentPage> {
  await findOpenPost(deps.db, viewer, postId);
  const key = page.cursor ? decodeCursor(page.cursor, isCommentKey) : null;
  const found = await commentPageRows(deps.db, { postId, viewer, key, limit: page.limit });
  const rows = found.slice(0, page.limit);
  const liked =
    viewer && rows.length > 0
      ? await likedCommentIds(
          deps.db,
          viewer.id,
          rows.map((row) => row.id),
        )
      : new Set<string>();
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toComment(row, viewer, liked.has(row.id))),
    nextCursor:
      found.length > page.limit && last
        ? encodeCursor([
            new Date(last.thread_created_at).toISOString(),
            last.thread_id,
            last.depth,
            new Date(last.created_at).toISOString(),
            last.id,
          ])
        : null,
  };
}

async function getComment(deps: AppDeps, viewer: Caller, commentId: string): Promise<TComment> {
  const row = await commentListRow(deps.db, commentId);
  if (!row) throw new AppError('NOT_FOUND', 'No such comment');
  return toComment(row, viewer, await likesComment(deps.db, commentId, viewer.id));
}

/**
 * The comment replied to, and the top comment of its thread (one level of replies: a reply to a reply
 * joins the thread of the top comment).
 */
async function threadOf(db: Database, caller: Caller, post: PostRow, parentId: string) {
  const repliedTo = await commentOfPost(db, parentId, post.id);
  if (!repliedTo || !canSeeComment(repliedTo, caller)) {
    throw fieldError(
      'body.parentId',
      'not_found',
      'No such comment on this post',
      'No such comment to reply to',
    );
  }
  const top = repliedTo.parentId ? await commentRow(db, repliedTo.parentId) : repliedTo;
  if (!top) throw new InvariantError('thread without a top comment');
  return { repliedTo, top };
}

/**
 * The comment as the rules let it be written: refused (blocked, or its author silenced), else its body
 * with censored words replaced. Its language is detected, or its post's when too short to tell.
 */
async function applyRules(
  deps: AppDeps,
  author: Author,
  text: string,
  postLanguage: PostRow['language'],
  watched: WatchedWord[],
) {
  const fields = [{ path: 'body.body', text }];
  const evaluation = evaluateContent({
    fields,
    language: detectLanguage(text, postLanguage),
    watched,
    author: { role: author.role, trustLevel: author.trustLevel },
    kind: 'comment',
  });
  refuseIfBlocked(evaluation);
  if (evaluation.outcome === 'silenced') {
    await silenceAuthor(
      deps,
      author.id,
      evaluation.matches.find((m) => m.rule.action === 'silence')?.rule.word ?? '',
    );
  }
  const bodySource = censoredText(evaluation, fields, 0, true);
  return { evaluation, bodySource, bodyHtml: renderMarkdown(bodySource) };
}

export async function createComment(
  deps: AppDeps,
  caller: Caller,
  postId: string,
  body: TCreateCommentBody,
): Promise<TComment> {
  const { author, watched } = await startWriting(deps, caller, 'comment');
  const now = deps.clock.now();
  assertNotSilenced(author, now);
  const commented = await findOpenPost(deps.db, caller, postId);
  const { evaluation, bodySource, bodyHtml } = await applyRules(
    deps,
    author,
    body.body,
    commented.language,
    watched,
  );
  const moderation = moderationColumns(evaluation, now);
  const published = moderation?.status !== 'held';
  const { id, decisionId } = await withTransaction(deps.pool, async (tx) => {
    const post = await findOpenPost(tx.db, caller, postId, true);
    if (post.status !== 'published') {
      throw new AppError('CONFLICT', 'This post does not take comments until it is published');
    }
    const thread = body.parentId ? await threadOf(tx.db, caller, post, body.parentId) : null;
    const top = thread?.top;
    const newId = randomUUID();
    const created = await insertComment(tx.db, {
      ...(top
        ? { parentId: top.id, threadId: top.id, threadCreatedAt: top.createdAt, depth: 1 }
        : { threadId: newId, threadCreatedAt: now, depth: 0 }),
      id: newId,
      postId: post.id,
      authorId: author.id,
      bodySource,
      bodyHtml,
      moderationTags: evaluation.tags,
      createdAt: now,
      updatedAt: now,
      ...moderation,
    });
    if (published) {
      await moveCommentCount(tx.db, post.id, 1);
      await notifyOfComment(deps, tx, author, post, created, thread?.repliedTo);
      return { id: created.id, decisionId: undefined };
    }
    const held = {
      authorId: author.id,
      subjectType: 'comment' as const,
      subjectId: created.id,
      evaluation,
      now,
    };
    return { id: created.id, decisionId: await recordHold(tx.db, held) };
  });
  // Approvals only raise a level: a trusted member has nothing more to earn.
  if (published && author.trustLevel < 2) await contentApproved(deps.db, author.id, now);
  const comment = await getComment(deps, caller, id);
  return decisionId ? { ...comment, automatedDecisionId: decisionId } : comment;
}

/**
 * The author of the comment replied to gets `comment_replied`; the post's author gets `post_commented`.
 * Nobody is told about their own comment, and nobody twice.
 */
async function notifyOfComment(
  deps: AppDeps,
  tx: Transaction,
  author: Author,
  post: PostRow,
  comment: CommentRow,
  repliedTo: CommentRow | undefined,
) {
  const who = displayName(author.firstName, author.lastName);
  const link = postLink(post.id, comment.id);
  const url = `${deps.config.publicUrl}${link}`;
  const told = new Set<string>([author.id]);
  if (repliedTo && !told.has(repliedTo.authorId)) {
    told.add(repliedTo.authorId);
    await notify(deps, tx, {
      userId: repliedTo.authorId,
      type: 'comment_replied',
      params: { postId: post.id, postTitle: post.title, commentId: comment.id, author: who },
      link,
      email: (recipient) => commentRepliedEmail(recipient, { replier: who, title: post.title, url }),
      emailLimit: 'community',
    });
  }
  if (!told.has(post.authorId)) {
    await notify(deps, tx, {
      userId: post.authorId,
      type: 'post_commented',
      params: { postId: post.id, postTitle: post.title, commentId: comment.id, author: who },
      link,
      email: (recipient) => postCommentedEmail(recipient, { commenter: who, title: post.title, url }),
      emailLimit: 'community',
    });
  }
}

/** A held comment released by an admin: the notifications it did not send when it was written. */
export async function notifyOfReleasedComment(deps: AppDeps, tx: Transaction, commentId: string) {
  const parts = await releasedCommentParts(tx.db, commentId);
  if (!parts) return;
  await notifyOfComment(deps, tx, parts.author, parts.post, parts.comment, parts.parent);
}

/** The comment (locked for the transaction unless `lock` is false), if the caller is its author: 404 if gone, 403 for someone else. */
async function lockOwnComment(
  db: Database,
  caller: Caller,
  commentId: string,
  lock = true,
): Promise<CommentRow> {
  const comment = await commentRow(db, commentId, lock);
  if (!comment || !canSeeComment(comment, caller)) throw new AppError('NOT_FOUND', 'No such comment');
  const post = await postRow(db, comment.postId);
  if (!post || !canSeePost(post, caller)) throw new AppError('NOT_FOUND', 'No such comment');
  if (comment.authorId !== caller.id)
    throw new AppError('FORBIDDEN', 'Only the author can change this comment');
  return comment;
}

export async function updateComment(
  deps: AppDeps,
  caller: Caller,
  commentId: string,
  body: { body: string },
): Promise<TComment> {
  const author = await loadAuthor(deps.db, caller);
  const watched = await loadWatchedWords(deps.db);
  const now = deps.clock.now();
  assertNotSilenced(author, now);
  // Checked before the transaction, whose refusal would undo a silence.
  const current = await lockOwnComment(deps.db, caller, commentId, false);
  const post = await postRow(deps.db, current.postId);
  const checked = await applyRules(deps, author, body.body, post?.language ?? author.locale, watched);
  const decisionId = await withTransaction(deps.pool, async (tx) => {
    const comment = await lockOwnComment(tx.db, caller, commentId);
    const moderation = comment.status === 'published' ? moderationColumns(checked.evaluation, now) : null;
    await updateCommentRow(tx.db, comment.id, {
      bodySource: checked.bodySource,
      bodyHtml: checked.bodyHtml,
      moderationTags: [...new Set([...comment.moderationTags, ...checked.evaluation.tags])],
      updatedAt: now,
      editedAt: now,
      ...moderation,
    });
    if (moderation?.status !== 'held') return undefined;
    await moveCommentCount(tx.db, comment.postId, -1);
    const { evaluation } = checked;
    return recordHold(tx.db, {
      authorId: comment.authorId,
      subjectType: 'comment',
      subjectId: comment.id,
      evaluation,
      now,
    });
  });
  const updated = await getComment(deps, caller, commentId);
  return decisionId ? { ...updated, automatedDecisionId: decisionId } : updated;
}

export async function deleteComment(deps: AppDeps, caller: Caller, commentId: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const comment = await lockOwnComment(tx.db, caller, commentId);
    await updateCommentRow(tx.db, comment.id, { deletedAt: now, updatedAt: now, needsReviewAt: null });
    if (comment.status === 'published') await moveCommentCount(tx.db, comment.postId, -1);
  });
}
