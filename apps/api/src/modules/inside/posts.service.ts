import type { TCreatePostBody, TPost, TUpdatePostBody } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { loadAuthor, loadWatchedWords, startWriting } from './authors.service';
import { checkContent } from './inside.filter';
import { toPost } from './inside.mappers';
import { detectLanguage, htmlToText, renderMarkdown } from './inside.render';
import { canSeePost, heldColumns } from './inside.shared';
import { insertPost, likedPostIds, type PostRow, postPageRow, postRow, updatePostRow } from './posts.queries';

/** A post that the viewer can see (404 otherwise); `lock` takes its row lock (in a transaction). */
export async function findOpenPost(db: Database, viewer: Caller | null, postId: string, lock = false) {
  const post = await postRow(db, postId, lock);
  if (!post || !canSeePost(post, viewer)) throw new AppError('NOT_FOUND', 'No such post');
  return post;
}

export async function getPost(deps: AppDeps, viewer: Caller | null, postId: string): Promise<TPost> {
  const row = await postPageRow(deps.db, postId);
  if (
    !row ||
    !canSeePost({ status: row.status, authorId: row.author_id, deletedAt: row.deleted_at }, viewer)
  ) {
    throw new AppError('NOT_FOUND', 'No such post');
  }
  const liked = await likedPostIds(deps.db, viewer?.id, [row.id]);
  return toPost(row, viewer, liked.has(row.id));
}

function postFields(body: { title: string; body: string; tags: string[] }) {
  return [
    { path: 'body.title', text: body.title },
    { path: 'body.body', text: body.body },
    { path: 'body.tags', text: body.tags.join(' ') },
  ];
}

export async function createPost(deps: AppDeps, caller: Caller, body: TCreatePostBody): Promise<TPost> {
  const { author, watched } = await startWriting(deps, caller, 'post');
  const verdict = checkContent(postFields(body), watched);
  const now = deps.clock.now();
  const bodyHtml = renderMarkdown(body.body);
  const bodyText = htmlToText(bodyHtml);
  const held = heldColumns(verdict, now);
  const created = await insertPost(deps.db, deps.bus, {
    author: author.id,
    title: body.title,
    bodySource: body.body,
    bodyHtml,
    bodyText,
    category: body.category,
    tags: body.tags,
    language: body.language ?? detectLanguage(`${body.title}\n${bodyText}`, author.locale),
    languageChosen: body.language !== undefined,
    now,
    status: held?.status ?? 'published',
    moderationReason: held?.moderationReason ?? null,
    heldWord: held?.heldWord ?? null,
    needsReviewAt: held?.needsReviewAt ?? null,
  });
  deps.readCache.forget('inside_search');
  const { search_stale: _, created_at, edited_at, ...row } = created;
  // Nobody has liked a post that did not exist a moment ago.
  return toPost(
    {
      ...row,
      // As a raw row has them (the mapper reads both with `new Date()`).
      created_at: created_at.toISOString(),
      edited_at: edited_at?.toISOString() ?? null,
      author_first_name: author.firstName,
      author_last_name: author.lastName,
      author_role: author.role,
    },
    caller,
    false,
  );
}

/** The post, locked for the transaction, if the caller is its author: 404 if gone, 403 for someone else. */
async function lockOwnPost(db: Database, caller: Caller, postId: string): Promise<PostRow> {
  const post = await postRow(db, postId, true);
  if (!post || !canSeePost(post, caller)) throw new AppError('NOT_FOUND', 'No such post');
  if (post.authorId !== caller.id) throw new AppError('FORBIDDEN', 'Only the author can change this post');
  return post;
}

export async function updatePost(
  deps: AppDeps,
  caller: Caller,
  postId: string,
  body: TUpdatePostBody,
): Promise<TPost> {
  const author = await loadAuthor(deps.db, caller);
  const watched = await loadWatchedWords(deps.db);
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const post = await lockOwnPost(tx.db, caller, postId);
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
        ? detectLanguage(`${next.title}\n${bodyText}`, author.locale)
        : post.language);
    // A hold word holds a published post again; held or hidden content never publishes itself by an edit.
    const held = post.status === 'published' ? heldColumns(verdict, now) : null;
    await updatePostRow(tx.db, post.id, {
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
    });
  });
  await deps.readCache.invalidate('inside_search');
  return getPost(deps, caller, postId);
}

/** Soft delete: the post disappears for everyone, its comments, likes and flags stay attached to it. */
export async function deletePost(deps: AppDeps, caller: Caller, postId: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const post = await lockOwnPost(tx.db, caller, postId);
    await updatePostRow(tx.db, post.id, { deletedAt: now, updatedAt: now, needsReviewAt: null });
  });
  await deps.readCache.invalidate('inside_search');
}
