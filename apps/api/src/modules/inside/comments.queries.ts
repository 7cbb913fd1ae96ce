import { ZContentStatus, ZUserRole } from '@capitune/contracts';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { commentLikes, comments, posts, users } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';
import type { Caller } from '../access';
import { ZTime } from './inside.rows';
import type { Author } from './inside.shared';
import type { PostRow } from './posts.queries';

/** Every statement on comments and their likes. */

export type CommentRow = typeof comments.$inferSelect;

export const ZCommentListRow = z.object({
  id: z.string(),
  post_id: z.string(),
  parent_id: z.string().nullable(),
  thread_id: z.string(),
  thread_created_at: ZTime,
  depth: z.number(),
  body_html: z.string(),
  body_source: z.string(),
  status: ZContentStatus,
  like_count: z.number(),
  created_at: ZTime,
  edited_at: ZTime.nullable(),
  deleted_at: ZTime.nullable(),
  author_id: z.string(),
  author_first_name: z.string(),
  author_last_name: z.string(),
  author_role: ZUserRole,
});
export type CommentListRow = z.infer<typeof ZCommentListRow>;

const commentColumns = sql`
    select c.id, c.post_id, c.parent_id, c.thread_id, c.thread_created_at, c.depth, c.body_html, c.body_source,
      c.status, c.like_count, c.created_at, c.edited_at, c.deleted_at, c.author_id,
      u.first_name as author_first_name, u.last_name as author_last_name, u.role as author_role`;

/** The key of the thread order: (thread time, thread, depth, time, id). */
export type CommentKey = [string, string, number, string, string];

/** Which comments the viewer may see: published, their own, or all for an admin (never deleted ones). */
function visibleComments(viewer: Caller | null): SQL {
  return viewer
    ? viewer.role === 'admin'
      ? sql`c.deleted_at is null`
      : sql`c.deleted_at is null and (c.status = 'published' or c.author_id = ${viewer.id})`
    : sql`c.deleted_at is null and c.status = 'published'`;
}

/**
 * A page of a post's comments in thread order after `key` (one more than `limit` when another page
 * follows). A removed top comment that still has visible replies stays, as a placeholder.
 */
export async function commentPageRows(
  db: Database,
  input: { postId: string; viewer: Caller | null; key: CommentKey | null; limit: number },
): Promise<CommentListRow[]> {
  const { key } = input;
  const after = key
    ? sql`and (c.thread_created_at, c.thread_id, c.depth, c.created_at, c.id) > (${key[0]}::timestamptz, ${key[1]}::uuid, ${key[2]}::smallint, ${key[3]}::timestamptz, ${key[4]}::uuid)`
    : sql``;
  return selectRows(
    db,
    ZCommentListRow,
    sql`${commentColumns}
    from comments c join users u on u.id = c.author_id
    where c.post_id = ${input.postId} ${after}
      and ((${visibleComments(input.viewer)}) or (c.depth = 0 and exists (
        select 1 from comments r
        where r.parent_id = c.id and r.deleted_at is null and r.status = 'published')))
    order by c.thread_created_at, c.thread_id, c.depth, c.created_at, c.id
    limit ${input.limit + 1}`,
    'inside.comment_page',
  );
}

/** One comment with its author's names, as lists show it. */
export async function commentListRow(db: Database, commentId: string): Promise<CommentListRow | undefined> {
  const [row] = await selectRows(
    db,
    ZCommentListRow,
    sql`${commentColumns}
    from comments c join users u on u.id = c.author_id where c.id = ${commentId}`,
    'inside.comment',
  );
  return row;
}

/** Which of these comments the viewer liked. */
export async function likedCommentIds(db: Database, viewerId: string, commentIds: string[]) {
  const rows = await selectRows(
    db,
    z.object({ comment_id: z.string() }),
    sql`select comment_id from comment_likes where user_id = ${viewerId} and ${anyOf(sql`comment_id`, commentIds)}`,
    'inside.liked_comments',
  );
  return new Set(rows.map((row) => row.comment_id));
}

/** Whether the user likes this comment. */
export async function likesComment(db: Database, commentId: string, userId: string) {
  const [like] = await db
    .select({ userId: commentLikes.userId })
    .from(commentLikes)
    .where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, userId)));
  return like !== undefined;
}

/** A comment's row; `lock` takes its row lock (in a transaction). */
export async function commentRow(db: Database, commentId: string, lock = false) {
  const query = db.select().from(comments).where(eq(comments.id, commentId));
  const [comment] = lock ? await query.for('update') : await query;
  return comment;
}

/** A comment of this post (to reply to it). */
export async function commentOfPost(db: Database, commentId: string, postId: string) {
  const [comment] = await db
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.postId, postId)));
  return comment;
}

/** A comment that is not deleted. */
export async function liveCommentRow(db: Database, commentId: string) {
  const [comment] = await db
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), isNull(comments.deletedAt)));
  return comment;
}

export async function insertComment(db: Database, values: typeof comments.$inferInsert) {
  const rows = await db.insert(comments).values(values).returning();
  return returnedRow(rows, 'comment insert');
}

export async function updateCommentRow(
  db: Database,
  commentId: string,
  values: Partial<typeof comments.$inferInsert>,
) {
  await db.update(comments).set(values).where(eq(comments.id, commentId));
}

/** Adds (or takes back) one like of the comment; returns whether a like row was really added or removed. */
export async function setCommentLikeRow(
  db: Database,
  commentId: string,
  userId: string,
  like: boolean,
  now: Date,
) {
  const changed = like
    ? await db
        .insert(commentLikes)
        .values({ commentId, userId, createdAt: now })
        .onConflictDoNothing()
        .returning({ commentId: commentLikes.commentId })
    : await db
        .delete(commentLikes)
        .where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, userId)))
        .returning({ commentId: commentLikes.commentId });
  return changed.length > 0;
}

/** Moves the comment's like count by `delta`; its count after. */
export async function moveCommentLikeCount(db: Database, commentId: string, delta: number) {
  const [updated] = await db
    .update(comments)
    .set({ likeCount: sql`greatest(0, ${comments.likeCount} + ${delta})` })
    .where(eq(comments.id, commentId))
    .returning({ likeCount: comments.likeCount });
  return updated?.likeCount;
}

/**
 * What a released comment's notifications need: the comment, its post, its author and the comment it
 * replied to (statement by statement, as a held comment is released rarely).
 */
export async function releasedCommentParts(db: Database, commentId: string) {
  const comment = await commentRow(db, commentId);
  if (!comment) return null;
  const [post]: (PostRow | undefined)[] = await db.select().from(posts).where(eq(posts.id, comment.postId));
  const [author]: (Author | undefined)[] = await db
    .select({
      id: users.id,
      role: users.role,
      locale: users.locale,
      firstName: users.firstName,
      lastName: users.lastName,
      createdAt: users.createdAt,
      trustLevel: users.trustLevel,
      silencedUntil: users.silencedUntil,
    })
    .from(users)
    .where(eq(users.id, comment.authorId));
  if (!post || !author) return null;
  const parent = comment.parentId ? await commentRow(db, comment.parentId) : undefined;
  return { comment, post, author, parent };
}
