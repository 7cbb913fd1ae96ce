import { randomUUID } from 'node:crypto';
import type {
  TComment,
  TCommentPage,
  TCreateCommentBody,
  TCreatePostBody,
  TLikeState,
  TPost,
  TUpdatePostBody,
} from '@capitune/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { commentLikes, comments, postLikes, posts, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { decodeKeyCursor, encodeKeyCursor, isCursorId, isCursorInstant } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import type { AuthUser } from '../../lib/tokens';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { EventBus } from '../../platform/realtime/event-bus';
import { notify } from '../notifications/notifications.service';
import { commentRepliedEmail, postCommentedEmail } from './inside.emails';
import { checkContent, type FilterVerdict } from './inside.filter';
import { detectLanguage, htmlToText, renderMarkdown } from './inside.render';
import {
  type Actor,
  displayName,
  likedPostIds,
  loadActor,
  loadWatchedWords,
  type PostSummaryRow,
  postSummarySql,
  startWriting,
  toAuthor,
  toPostSummary,
} from './inside.shared';

type PostRow = typeof posts.$inferSelect;
type CommentRow = typeof comments.$inferSelect;

const postLink = (postId: string, commentId?: string) =>
  `/inside/posts/${postId}${commentId ? `#comment-${commentId}` : ''}`;

/** The moderation columns of new or edited content that a `hold` watched word caught. */
function heldColumns(verdict: FilterVerdict, now: Date) {
  return verdict.action === 'hold'
    ? {
        status: 'held' as const,
        moderationReason: 'watched_word',
        heldWord: verdict.word,
        needsReviewAt: now,
      }
    : null;
}

// ---------------------------------------------------------------------------------------------------
// Posts

/** Whether the viewer may see this post: published, or their own, or an admin (not deleted, for anyone). */
function canSeePost(post: Pick<PostRow, 'status' | 'authorId' | 'deletedAt'>, viewer: AuthUser | null) {
  if (post.deletedAt) return false;
  return post.status === 'published' || post.authorId === viewer?.id || viewer?.role === 'admin';
}

export async function getPost(deps: AppDeps, viewer: AuthUser | null, postId: string): Promise<TPost> {
  const result = await deps.db.execute<
    PostSummaryRow & { body_html: string; body_source: string; deleted_at: Date | null }
  >(sql`
    select ${postSummarySql}, p.body_html, p.body_source, p.deleted_at
    from posts p join users u on u.id = p.author_id
    where p.id = ${postId}`);
  const row = result.rows[0];
  if (
    !row ||
    !canSeePost({ status: row.status, authorId: row.author_id, deletedAt: row.deleted_at }, viewer)
  ) {
    throw new AppError('NOT_FOUND', 'No such post');
  }
  const liked = await likedPostIds(deps.db, viewer?.id, [row.id]);
  const isAuthor = viewer?.id === row.author_id;
  return {
    ...toPostSummary(row, liked.has(row.id)),
    bodyHtml: row.body_html,
    bodySource: isAuthor ? row.body_source : null,
    canEdit: isAuthor,
  };
}

function postFields(body: { title: string; body: string; tags: string[] }) {
  return [
    { path: 'body.title', text: body.title },
    { path: 'body.body', text: body.body },
    { path: 'body.tags', text: body.tags.join(' ') },
  ];
}

/**
 * A new post, returned as `getPost` shows it to its author: the summary's columns, its author being the
 * actor. The same statement tells every instance that search results changed.
 */
const insertPost = (events: EventBus) => (db: Database) =>
  db
    .insert(posts)
    .values({
      authorId: sql.placeholder('author'),
      title: sql.placeholder('title'),
      bodySource: sql.placeholder('bodySource'),
      bodyHtml: sql.placeholder('bodyHtml'),
      bodyText: sql.placeholder('bodyText'),
      category: sql.placeholder('category'),
      tags: sql.placeholder('tags'),
      language: sql.placeholder('language'),
      languageChosen: sql.placeholder('languageChosen'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
      status: sql.placeholder('status'),
      moderationReason: sql`${sql.placeholder('moderationReason')}`,
      heldWord: sql`${sql.placeholder('heldWord')}`,
      // Inside sql``: drizzle's timestamp encoder would be given the null of a published post.
      needsReviewAt: sql`${sql.placeholder('needsReviewAt')}`,
    })
    .returning({
      id: posts.id,
      title: posts.title,
      body_start: sql<string>`substring(body_text for 400)`,
      category: posts.category,
      tags: posts.tags,
      language: posts.language,
      status: posts.status,
      like_count: posts.likeCount,
      comment_count: posts.commentCount,
      hot_score: posts.hotScore,
      created_at: posts.createdAt,
      edited_at: posts.editedAt,
      author_id: posts.authorId,
      body_html: posts.bodyHtml,
      body_source: posts.bodySource,
      search_stale: events.publishing({ type: 'stale', list: 'inside_search' }),
    });

export async function createPost(deps: AppDeps, user: AuthUser, body: TCreatePostBody): Promise<TPost> {
  const { actor, watched } = await startWriting(deps, user, 'post');
  const verdict = checkContent(postFields(body), watched);
  const now = deps.clock.now();
  const bodyHtml = renderMarkdown(body.body);
  const bodyText = htmlToText(bodyHtml);
  const held = heldColumns(verdict, now);
  const [created] = await builtQuery(deps.db, 'inside.insert_post', insertPost(deps.bus)).execute({
    author: actor.id,
    title: body.title,
    bodySource: body.body,
    bodyHtml,
    bodyText,
    category: body.category,
    tags: body.tags,
    language: body.language ?? detectLanguage(`${body.title}\n${bodyText}`, actor.locale),
    languageChosen: body.language !== undefined,
    now,
    status: held?.status ?? 'published',
    moderationReason: held?.moderationReason ?? null,
    heldWord: held?.heldWord ?? null,
    needsReviewAt: held?.needsReviewAt ?? null,
  });
  if (!created) throw new Error('post insert returned nothing');
  deps.readCache.forget('inside_search');
  const { body_html, body_source, search_stale: _, ...summary } = created;
  const row: PostSummaryRow = {
    ...summary,
    author_first_name: actor.firstName,
    author_last_name: actor.lastName,
    author_role: actor.role,
  };
  // Nobody has liked a post that did not exist a moment ago.
  return { ...toPostSummary(row, false), bodyHtml: body_html, bodySource: body_source, canEdit: true };
}

/** The post, locked for the transaction, if the user is its author: 404 if gone, 403 for someone else. */
async function lockOwnPost(db: Database, user: AuthUser, postId: string): Promise<PostRow> {
  const [post] = await db.select().from(posts).where(eq(posts.id, postId)).for('update');
  if (!post || !canSeePost(post, user)) throw new AppError('NOT_FOUND', 'No such post');
  if (post.authorId !== user.id) throw new AppError('FORBIDDEN', 'Only the author can change this post');
  return post;
}

export async function updatePost(
  deps: AppDeps,
  user: AuthUser,
  postId: string,
  body: TUpdatePostBody,
): Promise<TPost> {
  const actor = await loadActor(deps.db, user);
  const watched = await loadWatchedWords(deps.db);
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const post = await lockOwnPost(tx.db, user, postId);
    const next = {
      title: body.title ?? post.title,
      body: body.body ?? post.bodySource,
      tags: body.tags ?? post.tags,
    };
    const verdict = checkContent(postFields(next), watched);
    const bodyHtml = body.body !== undefined ? renderMarkdown(body.body) : post.bodyHtml;
    const bodyText = body.body !== undefined ? htmlToText(bodyHtml) : post.bodyText;
    const textChanged = body.title !== undefined || body.body !== undefined;
    const language =
      body.language ??
      (textChanged && !post.languageChosen
        ? detectLanguage(`${next.title}\n${bodyText}`, actor.locale)
        : post.language);
    // A hold word holds a published post again; held or hidden content never publishes itself by an edit.
    const held = post.status === 'published' ? heldColumns(verdict, now) : null;
    await tx.db
      .update(posts)
      .set({
        title: next.title,
        bodySource: next.body,
        bodyHtml,
        bodyText,
        tags: next.tags,
        category: body.category ?? post.category,
        language,
        languageChosen: post.languageChosen || body.language !== undefined,
        updatedAt: now,
        editedAt: now,
        ...held,
      })
      .where(eq(posts.id, post.id));
  });
  await deps.readCache.invalidate('inside_search');
  return getPost(deps, user, postId);
}

/** Soft delete: the post disappears for everyone, its comments, likes and flags stay attached to it. */
export async function deletePost(deps: AppDeps, user: AuthUser, postId: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const post = await lockOwnPost(tx.db, user, postId);
    await tx.db
      .update(posts)
      .set({ deletedAt: now, updatedAt: now, needsReviewAt: null })
      .where(eq(posts.id, post.id));
  });
  await deps.readCache.invalidate('inside_search');
}

// ---------------------------------------------------------------------------------------------------
// Comments

type CommentListRow = {
  id: string;
  post_id: string;
  parent_id: string | null;
  thread_id: string;
  thread_created_at: Date;
  depth: number;
  body_html: string;
  body_source: string;
  status: 'published' | 'held' | 'hidden';
  like_count: number;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  author_id: string;
  author_first_name: string;
  author_last_name: string;
  author_role: 'candidate' | 'pro' | 'admin';
};

/** A post that the viewer can see and that takes comments and likes (published). */
async function findOpenPost(db: Database, viewer: AuthUser | null, postId: string, lock = false) {
  const query = db.select().from(posts).where(eq(posts.id, postId));
  const [post] = lock ? await query.for('update') : await query;
  if (!post || !canSeePost(post, viewer)) throw new AppError('NOT_FOUND', 'No such post');
  return post;
}

function canSeeComment(
  comment: { status: string; authorId: string; deletedAt: Date | null },
  viewer: AuthUser | null,
) {
  if (comment.deletedAt) return false;
  return comment.status === 'published' || comment.authorId === viewer?.id || viewer?.role === 'admin';
}

function toComment(row: CommentListRow, viewer: AuthUser | null, likedByMe: boolean): TComment {
  const visible = canSeeComment(
    { status: row.status, authorId: row.author_id, deletedAt: row.deleted_at },
    viewer,
  );
  const isAuthor = viewer?.id === row.author_id;
  const base = {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (!visible) {
    // A placeholder, so that the replies below it keep their thread.
    return {
      ...base,
      author: null,
      bodyHtml: null,
      bodySource: null,
      status: row.deleted_at ? 'deleted' : 'removed',
      likeCount: 0,
      likedByMe: false,
      canEdit: false,
      editedAt: null,
    };
  }
  return {
    ...base,
    author: toAuthor({
      id: row.author_id,
      firstName: row.author_first_name,
      lastName: row.author_last_name,
      role: row.author_role,
    }),
    bodyHtml: row.body_html,
    bodySource: isAuthor ? row.body_source : null,
    status: row.status,
    likeCount: row.like_count,
    likedByMe,
    canEdit: isAuthor,
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
  };
}

type CommentKey = [string, string, number, string, string];

/**
 * The comments of a post in thread order, keyset-paginated on (thread time, thread, depth, time, id):
 * each top comment is followed by its replies. A removed top comment that still has visible replies
 * stays as a placeholder; other removed comments are left out.
 */
export async function listComments(
  deps: AppDeps,
  viewer: AuthUser | null,
  postId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<TCommentPage> {
  await findOpenPost(deps.db, viewer, postId);
  const visible = viewer
    ? viewer.role === 'admin'
      ? sql`c.deleted_at is null`
      : sql`c.deleted_at is null and (c.status = 'published' or c.author_id = ${viewer.id})`
    : sql`c.deleted_at is null and c.status = 'published'`;
  const key = page.cursor
    ? decodeKeyCursor(
        page.cursor,
        (v): v is CommentKey =>
          isCursorInstant(v[0]) &&
          isCursorId(v[1]) &&
          (v[2] === 0 || v[2] === 1) &&
          isCursorInstant(v[3]) &&
          isCursorId(v[4]),
      )
    : null;
  const after = key
    ? sql`and (c.thread_created_at, c.thread_id, c.depth, c.created_at, c.id) > (${key[0]}::timestamptz, ${key[1]}::uuid, ${key[2]}::smallint, ${key[3]}::timestamptz, ${key[4]}::uuid)`
    : sql``;
  const result = await deps.db.execute<CommentListRow>(sql`
    select c.id, c.post_id, c.parent_id, c.thread_id, c.thread_created_at, c.depth, c.body_html, c.body_source,
      c.status, c.like_count, c.created_at, c.edited_at, c.deleted_at, c.author_id,
      u.first_name as author_first_name, u.last_name as author_last_name, u.role as author_role
    from comments c join users u on u.id = c.author_id
    where c.post_id = ${postId} ${after}
      and ((${visible}) or (c.depth = 0 and exists (
        select 1 from comments r
        where r.parent_id = c.id and r.deleted_at is null and r.status = 'published')))
    order by c.thread_created_at, c.thread_id, c.depth, c.created_at, c.id
    limit ${page.limit + 1}`);
  const rows = result.rows.slice(0, page.limit);
  const liked = new Set<string>();
  if (viewer && rows.length > 0) {
    const likes = await deps.db.execute<{ comment_id: string }>(
      sql`select comment_id from comment_likes where user_id = ${viewer.id} and comment_id in ${rows.map((row) => row.id)}`,
    );
    for (const like of likes.rows) liked.add(like.comment_id);
  }
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toComment(row, viewer, liked.has(row.id))),
    nextCursor:
      result.rows.length > page.limit && last
        ? encodeKeyCursor([
            new Date(last.thread_created_at).toISOString(),
            last.thread_id,
            last.depth,
            new Date(last.created_at).toISOString(),
            last.id,
          ])
        : null,
  };
}

async function getComment(deps: AppDeps, viewer: AuthUser, commentId: string): Promise<TComment> {
  const result = await deps.db.execute<CommentListRow>(sql`
    select c.id, c.post_id, c.parent_id, c.thread_id, c.thread_created_at, c.depth, c.body_html, c.body_source,
      c.status, c.like_count, c.created_at, c.edited_at, c.deleted_at, c.author_id,
      u.first_name as author_first_name, u.last_name as author_last_name, u.role as author_role
    from comments c join users u on u.id = c.author_id where c.id = ${commentId}`);
  const row = result.rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'No such comment');
  const [like] = await deps.db
    .select({ userId: commentLikes.userId })
    .from(commentLikes)
    .where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, viewer.id)));
  return toComment(row, viewer, like !== undefined);
}

/** Keeps `posts.comment_count` (published, not deleted comments) right; the trigger redoes the score. */
export async function adjustCommentCount(tx: Transaction, postId: string, delta: number) {
  if (delta === 0) return;
  await tx.db
    .update(posts)
    .set({ commentCount: sql`greatest(0, ${posts.commentCount} + ${delta})` })
    .where(eq(posts.id, postId));
}

export async function createComment(
  deps: AppDeps,
  user: AuthUser,
  postId: string,
  body: TCreateCommentBody,
): Promise<TComment> {
  const { actor, watched } = await startWriting(deps, user, 'comment');
  const verdict = checkContent([{ path: 'body.body', text: body.body }], watched);
  const now = deps.clock.now();
  const bodyHtml = renderMarkdown(body.body);
  const id = await withTransaction(deps.pool, async (tx) => {
    const post = await findOpenPost(tx.db, user, postId, true);
    if (post.status !== 'published') {
      throw new AppError('CONFLICT', 'This post does not take comments until it is published');
    }
    // The comment replied to, and the top comment of its thread (one level of replies: a reply to a
    // reply joins the thread of the top comment).
    let repliedTo: CommentRow | undefined;
    let top: CommentRow | undefined;
    if (body.parentId) {
      [repliedTo] = await tx.db
        .select()
        .from(comments)
        .where(and(eq(comments.id, body.parentId), eq(comments.postId, post.id)));
      if (!repliedTo || !canSeeComment(repliedTo, user)) {
        throw new AppError('VALIDATION_FAILED', 'No such comment to reply to', {
          fieldErrors: [
            { path: 'body.parentId', message: 'No such comment on this post', code: 'not_found' },
          ],
        });
      }
      if (repliedTo.parentId) {
        [top] = await tx.db.select().from(comments).where(eq(comments.id, repliedTo.parentId));
      } else {
        top = repliedTo;
      }
      if (!top) throw new Error('thread without a top comment');
    }
    const held = heldColumns(verdict, now);
    const newId = randomUUID();
    const [created] = await tx.db
      .insert(comments)
      .values({
        ...(top
          ? { parentId: top.id, threadId: top.id, threadCreatedAt: top.createdAt, depth: 1 }
          : { threadId: newId, threadCreatedAt: now, depth: 0 }),
        id: newId,
        postId: post.id,
        authorId: actor.id,
        bodySource: body.body,
        bodyHtml,
        createdAt: now,
        updatedAt: now,
        ...held,
      })
      .returning();
    if (!created) throw new Error('comment insert returned nothing');
    if (!held) {
      await adjustCommentCount(tx, post.id, 1);
      await notifyOfComment(deps, tx, actor, post, created, repliedTo);
    }
    return created.id;
  });
  return getComment(deps, user, id);
}

/**
 * The author of the comment replied to gets `comment_replied`; the post's author gets `post_commented`.
 * Nobody is told about their own comment, and nobody twice.
 */
export async function notifyOfComment(
  deps: AppDeps,
  tx: Transaction,
  actor: Actor,
  post: PostRow,
  comment: CommentRow,
  repliedTo: CommentRow | undefined,
) {
  const who = displayName(actor.firstName, actor.lastName);
  const link = postLink(post.id, comment.id);
  const url = `${deps.config.publicUrl}${link}`;
  const told = new Set<string>([actor.id]);
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
  const [comment] = await tx.db.select().from(comments).where(eq(comments.id, commentId));
  if (!comment) return;
  const [post] = await tx.db.select().from(posts).where(eq(posts.id, comment.postId));
  const [author] = await tx.db
    .select({
      id: users.id,
      role: users.role,
      locale: users.locale,
      firstName: users.firstName,
      lastName: users.lastName,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, comment.authorId));
  if (!post || !author) return;
  const [parent] = comment.parentId
    ? await tx.db.select().from(comments).where(eq(comments.id, comment.parentId))
    : [];
  await notifyOfComment(deps, tx, author, post, comment, parent);
}

async function lockOwnComment(db: Database, user: AuthUser, commentId: string): Promise<CommentRow> {
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId)).for('update');
  if (!comment || !canSeeComment(comment, user)) throw new AppError('NOT_FOUND', 'No such comment');
  const [post] = await db.select().from(posts).where(eq(posts.id, comment.postId));
  if (!post || !canSeePost(post, user)) throw new AppError('NOT_FOUND', 'No such comment');
  if (comment.authorId !== user.id)
    throw new AppError('FORBIDDEN', 'Only the author can change this comment');
  return comment;
}

export async function updateComment(
  deps: AppDeps,
  user: AuthUser,
  commentId: string,
  body: { body: string },
): Promise<TComment> {
  await loadActor(deps.db, user);
  const watched = await loadWatchedWords(deps.db);
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const comment = await lockOwnComment(tx.db, user, commentId);
    const verdict = checkContent([{ path: 'body.body', text: body.body }], watched);
    const held = comment.status === 'published' ? heldColumns(verdict, now) : null;
    await tx.db
      .update(comments)
      .set({
        bodySource: body.body,
        bodyHtml: renderMarkdown(body.body),
        updatedAt: now,
        editedAt: now,
        ...held,
      })
      .where(eq(comments.id, comment.id));
    if (held) await adjustCommentCount(tx, comment.postId, -1);
  });
  return getComment(deps, user, commentId);
}

export async function deleteComment(deps: AppDeps, user: AuthUser, commentId: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const comment = await lockOwnComment(tx.db, user, commentId);
    await tx.db
      .update(comments)
      .set({ deletedAt: now, updatedAt: now, needsReviewAt: null })
      .where(eq(comments.id, comment.id));
    if (comment.status === 'published') await adjustCommentCount(tx, comment.postId, -1);
  });
}

// ---------------------------------------------------------------------------------------------------
// Likes: one per user, idempotent; the count moves only when a like row is really added or removed,
// under the row lock of the post or comment, so concurrent likes are all counted exactly once.

export async function setPostLike(
  deps: AppDeps,
  user: AuthUser,
  postId: string,
  like: boolean,
): Promise<TLikeState> {
  await loadActor(deps.db, user);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const post = await findOpenPost(tx.db, user, postId);
    if (post.status !== 'published') throw new AppError('NOT_FOUND', 'No such post');
    const changed = like
      ? await tx.db
          .insert(postLikes)
          .values({ postId, userId: user.id, createdAt: now })
          .onConflictDoNothing()
          .returning({ postId: postLikes.postId })
      : await tx.db
          .delete(postLikes)
          .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, user.id)))
          .returning({ postId: postLikes.postId });
    const delta = changed.length === 0 ? 0 : like ? 1 : -1;
    const [updated] = await tx.db
      .update(posts)
      .set({ likeCount: sql`greatest(0, ${posts.likeCount} + ${delta})` })
      .where(eq(posts.id, postId))
      .returning({ likeCount: posts.likeCount });
    return { likeCount: updated?.likeCount ?? 0, likedByMe: like };
  });
}

export async function setCommentLike(
  deps: AppDeps,
  user: AuthUser,
  commentId: string,
  like: boolean,
): Promise<TLikeState> {
  await loadActor(deps.db, user);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const [comment] = await tx.db
      .select()
      .from(comments)
      .where(and(eq(comments.id, commentId), isNull(comments.deletedAt)));
    if (comment?.status !== 'published') throw new AppError('NOT_FOUND', 'No such comment');
    await findOpenPost(tx.db, user, comment.postId);
    const changed = like
      ? await tx.db
          .insert(commentLikes)
          .values({ commentId, userId: user.id, createdAt: now })
          .onConflictDoNothing()
          .returning({ commentId: commentLikes.commentId })
      : await tx.db
          .delete(commentLikes)
          .where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, user.id)))
          .returning({ commentId: commentLikes.commentId });
    const delta = changed.length === 0 ? 0 : like ? 1 : -1;
    const [updated] = await tx.db
      .update(comments)
      .set({ likeCount: sql`greatest(0, ${comments.likeCount} + ${delta})` })
      .where(eq(comments.id, commentId))
      .returning({ likeCount: comments.likeCount });
    return { likeCount: updated?.likeCount ?? 0, likedByMe: like };
  });
}
