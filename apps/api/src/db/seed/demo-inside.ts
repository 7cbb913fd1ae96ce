import { inArray } from 'drizzle-orm';
import { htmlToText, renderMarkdown } from '../../modules/inside';
import type { Database } from '../../platform/db/database';
import { commentLikes, comments, postLikes, posts, users } from '../schema';
import { demoId, HOUR } from './demo-common';
import { type DemoComment, demoPosts } from './demo-inside-posts';

/** The members who write, comment and like in the demo's Inside, by the short names the posts use. */
export const demoPeople: Record<string, string> = {
  amina: 'candidat@demo.capitune.ca',
  julien: 'pro@demo.capitune.ca',
  lucas: 'lucas.martin@demo.capitune.ca',
  priya: 'priya.sharma@demo.capitune.ca',
  karim: 'karim.mansour@demo.capitune.ca',
  ana: 'ana.reyes@demo.capitune.ca',
  chloe: 'chloe.lavoie@demo.capitune.ca',
  sofia: 'sofia.rossi@demo.capitune.ca',
  linh: 'linh.nguyen@demo.capitune.ca',
  youssef: 'youssef.amrani@demo.capitune.ca',
  emily: 'emily.walker@demo.capitune.ca',
  diego: 'diego.morales@demo.capitune.ca',
  amelie: 'amelie.bouchard@demo.capitune.ca',
  raj: 'raj.patel@demo.capitune.ca',
  lucia: 'lucia.garcia@demo.capitune.ca',
  wei: 'wei.chen@demo.capitune.ca',
  fatou: 'fatou.ndiaye@demo.capitune.ca',
  omar: 'omar.haddad@demo.capitune.ca',
  sarah: 'sarah.johnson@demo.capitune.ca',
  maria: 'maria.santos@demo.capitune.ca',
  grace: 'grace.okafor@demo.capitune.ca',
  thomas: 'thomas.roy@demo.capitune.ca',
  nadia: 'nadia.karimi@demo.capitune.ca',
  ines: 'ines.fortin@demo.capitune.ca',
  daniel: 'daniel.mensah@demo.capitune.ca',
  yanis: 'yanis.benali@demo.capitune.ca',
};

/** `count` members other than `except`, a different set for each `seed`. */
function likers(ids: string[], except: string, count: number, seed: number): string[] {
  const others = ids.filter((id) => id !== except);
  return Array.from(
    { length: Math.min(count, others.length) },
    (_, k) => others[(seed * 7 + k) % others.length] as string,
  );
}

interface CommentRow {
  row: typeof comments.$inferInsert;
  likes: string[];
}

/**
 * Seeds the demo's Inside: posts, comment threads (one level of replies) and likes, with the counters
 * as the community service keeps them (the trigger derives the search document and the hot score from
 * the inserted counts). Each post is written with its comments and likes in one transaction, and only
 * when it is missing (its id is fixed): restarts add nothing, and a like or comment a demo user removes
 * stays removed.
 */
export async function seedDemoInside(db: Database, now: Date): Promise<void> {
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, Object.values(demoPeople)));
  const idOf = new Map(people.map((person) => [person.email.toLowerCase(), person.id]));
  const person = (key: string) => idOf.get(demoPeople[key] ?? '');
  const everyone = people.map((row) => row.id);

  for (const [index, demo] of demoPosts.entries()) {
    const authorId = person(demo.by);
    if (!authorId) continue;
    const postId = demoId(`post:${index}`);
    const createdAt = new Date(now.getTime() - demo.hoursAgo * HOUR);

    const rows: CommentRow[] = [];
    const addComment = (
      comment: DemoComment,
      path: string,
      after: Date,
      top: { id: string; at: Date } | null,
    ) => {
      const commentAuthor = person(comment.by);
      if (!commentAuthor) return;
      const id = demoId(`post:${index}:comment:${path}`);
      // Never in the future: a thread of an hour-old post stops at the seed's moment.
      const at = new Date(Math.min(after.getTime() + comment.after * HOUR, now.getTime() - 60_000));
      const likes = likers(everyone, commentAuthor, comment.likes ?? 0, index + rows.length);
      rows.push({
        row: {
          id,
          postId,
          authorId: commentAuthor,
          parentId: top?.id ?? null,
          threadId: top?.id ?? id,
          threadCreatedAt: top?.at ?? at,
          depth: top ? 1 : 0,
          bodySource: comment.body,
          bodyHtml: renderMarkdown(comment.body),
          likeCount: likes.length,
          createdAt: at,
          updatedAt: at,
        },
        likes,
      });
      for (const [k, reply] of (comment.replies ?? []).entries()) {
        addComment(reply, `${path}.${k}`, at, top ?? { id, at });
      }
    };
    for (const [k, comment] of demo.comments.entries()) addComment(comment, `${k}`, createdAt, null);
    const postLikers = likers(everyone, authorId, demo.likes, index);
    const bodyHtml = renderMarkdown(demo.body);

    await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(posts)
        .values({
          id: postId,
          authorId,
          title: demo.title,
          bodySource: demo.body,
          bodyHtml,
          bodyText: htmlToText(bodyHtml),
          category: demo.category,
          tags: demo.tags,
          language: demo.language,
          likeCount: postLikers.length,
          commentCount: rows.length,
          createdAt,
          updatedAt: createdAt,
        })
        .onConflictDoNothing()
        .returning({ id: posts.id });
      if (!created) return;
      if (rows.length > 0) await tx.insert(comments).values(rows.map(({ row }) => row));
      if (postLikers.length > 0) {
        await tx
          .insert(postLikes)
          .values(
            postLikers.map((userId) => ({ postId, userId, createdAt: new Date(createdAt.getTime() + HOUR) })),
          );
      }
      const commentLikeRows = rows.flatMap(({ row, likes }) =>
        likes.map((userId) => ({ commentId: row.id as string, userId, createdAt: row.createdAt })),
      );
      if (commentLikeRows.length > 0) await tx.insert(commentLikes).values(commentLikeRows);
    });
  }
}
