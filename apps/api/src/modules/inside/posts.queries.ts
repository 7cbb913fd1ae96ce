import { ZContentStatus, ZLocale, ZPostCategory, ZUserRole } from '@capitune/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { postLikes, posts } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';
import type { EventBus } from '../../platform/realtime/event-bus';
import { ZTime } from './inside.rows';

/** Every statement on posts (the feed's and the search's are in feed.queries.ts). */

export type PostRow = typeof posts.$inferSelect;

/** The columns of a post summary, selected by every list query (the body is cut in SQL). */
export const postSummarySql = sql`
  p.id, p.title, substring(p.body_text for 400) as body_start, p.category, p.tags, p.language, p.status,
  p.like_count, p.comment_count, p.hot_score, p.created_at, p.edited_at, p.author_id,
  u.first_name as author_first_name, u.last_name as author_last_name, u.role as author_role`;

export const ZPostSummaryRow = z.object({
  id: z.string(),
  title: z.string(),
  body_start: z.string(),
  category: ZPostCategory,
  tags: z.array(z.string()),
  language: ZLocale,
  status: ZContentStatus,
  like_count: z.number(),
  comment_count: z.number(),
  hot_score: z.number(),
  created_at: ZTime,
  edited_at: ZTime.nullable(),
  author_id: z.string(),
  author_first_name: z.string(),
  author_last_name: z.string(),
  author_role: ZUserRole,
});
export type PostSummaryRow = z.infer<typeof ZPostSummaryRow>;

const ZPostPageRow = ZPostSummaryRow.extend({
  body_html: z.string(),
  body_source: z.string(),
  deleted_at: ZTime.nullable(),
});
export type PostPageRow = z.infer<typeof ZPostPageRow>;

/** A post as its page shows it, with its author's names; deleted ones too (the service decides). */
export async function postPageRow(db: Database, postId: string): Promise<PostPageRow | undefined> {
  const [row] = await selectRows(
    db,
    ZPostPageRow,
    sql`
    select ${postSummarySql}, p.body_html, p.body_source, p.deleted_at
    from posts p join users u on u.id = p.author_id
    where p.id = ${postId}`,
    'inside.post_page',
  );
  return row;
}

/** Which of these posts the viewer liked: one query for a whole page. */
export async function likedPostIds(db: Database, viewerId: string | undefined, postIds: string[]) {
  if (!viewerId || postIds.length === 0) return new Set<string>();
  const rows = await selectRows(
    db,
    z.object({ post_id: z.string() }),
    sql`select post_id from post_likes where user_id = ${viewerId} and ${anyOf(sql`post_id`, postIds)}`,
    'inside.liked_posts',
  );
  return new Set(rows.map((row) => row.post_id));
}

/**
 * A new post, returned as `getPost` shows it to its author: the summary's columns, its author being the
 * writer. The same statement tells every instance that search results changed.
 */
const insertPostQuery = (bus: EventBus) => (db: Database) =>
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
      search_stale: bus.publishing({ type: 'stale', list: 'inside_search' }),
    });

export type NewPost = {
  author: string;
  title: string;
  bodySource: string;
  bodyHtml: string;
  bodyText: string;
  category: PostRow['category'];
  tags: string[];
  language: PostRow['language'];
  languageChosen: boolean;
  now: Date;
  status: PostRow['status'];
  moderationReason: string | null;
  heldWord: string | null;
  needsReviewAt: Date | null;
};

export async function insertPost(db: Database, bus: EventBus, values: NewPost) {
  const rows = await builtQuery(db, 'inside.insert_post', insertPostQuery(bus)).execute(values);
  return returnedRow(rows, 'post insert');
}

/** A post's row; `lock` takes its row lock (in a transaction). */
export async function postRow(db: Database, postId: string, lock = false): Promise<PostRow | undefined> {
  const query = db.select().from(posts).where(eq(posts.id, postId));
  const [post] = lock ? await query.for('update') : await query;
  return post;
}

export async function updatePostRow(
  db: Database,
  postId: string,
  values: Partial<typeof posts.$inferInsert>,
) {
  await db.update(posts).set(values).where(eq(posts.id, postId));
}

/** Keeps `posts.comment_count` (published, not deleted comments) right; the trigger redoes the score. */
export async function moveCommentCount(db: Database, postId: string, delta: number) {
  if (delta === 0) return;
  await db
    .update(posts)
    .set({ commentCount: sql`greatest(0, ${posts.commentCount} + ${delta})` })
    .where(eq(posts.id, postId));
}

/** Adds (or takes back) one like of the post; returns whether a like row was really added or removed. */
export async function setPostLikeRow(db: Database, postId: string, userId: string, like: boolean, now: Date) {
  const changed = like
    ? await db
        .insert(postLikes)
        .values({ postId, userId, createdAt: now })
        .onConflictDoNothing()
        .returning({ postId: postLikes.postId })
    : await db
        .delete(postLikes)
        .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, userId)))
        .returning({ postId: postLikes.postId });
  return changed.length > 0;
}

/** Moves the post's like count by `delta`; its count after. */
export async function moveLikeCount(db: Database, postId: string, delta: number) {
  const [updated] = await db
    .update(posts)
    .set({ likeCount: sql`greatest(0, ${posts.likeCount} + ${delta})` })
    .where(eq(posts.id, postId))
    .returning({ likeCount: posts.likeCount });
  return updated?.likeCount;
}
