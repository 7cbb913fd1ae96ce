import type { TCreatePostBody, TPost, TUpdatePostBody } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAutomatedDecision } from '../privacy';
import { loadAuthor, loadWatchedWords, startWriting } from './authors.service';
import type { FilterField, WatchedWord } from './inside.filter';
import { toPost } from './inside.mappers';
import { detectLanguage, htmlToText, renderMarkdown } from './inside.render';
import { type Author, canSeePost } from './inside.shared';
import {
  censoredText,
  type Evaluation,
  evaluateContent,
  holdFactors,
  moderationColumns,
  refuseIfBlocked,
} from './moderation-rules';
import { insertPost, likedPostIds, type PostRow, postPageRow, postRow, updatePostRow } from './posts.queries';
import { assertNotSilenced, contentApproved, silenceAuthor } from './trust.service';

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

/**
 * Content held by automation alone is an automated decision about its author (Law 25 s. 12.1): recorded
 * with its main factors, for the author to read and to ask a person to review. Returns its id.
 */
export function recordHold(
  db: Database,
  hold: {
    authorId: string;
    subjectType: 'post' | 'comment';
    subjectId: string;
    evaluation: Evaluation;
    now: Date;
  },
): Promise<string> {
  return recordAutomatedDecision(db, {
    userId: hold.authorId,
    kind: 'moderation_hold',
    subjectType: hold.subjectType,
    subjectId: hold.subjectId,
    outcome: 'held',
    factors: holdFactors(hold.evaluation),
    at: hold.now,
  });
}

/** The texts of a post the rules check: its title, its body, and each tag. */
function postFields(body: { title: string; body: string; tags: string[] }): FilterField[] {
  return [
    { path: 'body.title', text: body.title },
    { path: 'body.body', text: body.body },
    ...body.tags.map((tag) => ({ path: 'body.tags', text: tag })),
  ];
}

/**
 * The post as the rules let it be written: refused (blocked, or its author silenced), else its title and
 * body with censored words replaced, and its tags without the censored ones.
 */
async function applyRules(
  deps: AppDeps,
  author: Author,
  body: { title: string; body: string; tags: string[] },
  check: { language: PostRow['language']; watched: WatchedWord[]; postsWritten?: number },
) {
  const fields = postFields(body);
  const evaluation = evaluateContent({
    fields,
    language: check.language,
    watched: check.watched,
    author: {
      role: author.role,
      trustLevel: author.trustLevel,
      ...(check.postsWritten === undefined ? {} : { postsWritten: check.postsWritten }),
    },
    kind: 'post',
  });
  refuseIfBlocked(evaluation);
  if (evaluation.outcome === 'silenced') await silenceAuthor(deps, author.id, silencingWord(evaluation));
  const bodySource = censoredText(evaluation, fields, 1, true);
  const bodyHtml = renderMarkdown(bodySource);
  return {
    evaluation,
    title: censoredText(evaluation, fields, 0),
    bodySource,
    bodyHtml,
    bodyText: htmlToText(bodyHtml),
    tags: body.tags.filter((_, index) => (evaluation.censorSpans[index + 2]?.length ?? 0) === 0),
  };
}

const silencingWord = (evaluation: Evaluation) =>
  evaluation.matches.find((m) => m.rule.action === 'silence')?.rule.word ?? '';

export async function createPost(deps: AppDeps, caller: Caller, body: TCreatePostBody): Promise<TPost> {
  const { author, watched, postsWritten } = await startWriting(deps, caller, 'post');
  const now = deps.clock.now();
  assertNotSilenced(author, now);
  const language =
    body.language ?? detectLanguage(`${body.title}\n${htmlToText(renderMarkdown(body.body))}`, author.locale);
  const { evaluation, ...post } = await applyRules(deps, author, body, { language, watched, postsWritten });
  const moderation = moderationColumns(evaluation, now);
  const created = await insertPost(deps.db, deps.bus, {
    author: author.id,
    title: post.title,
    bodySource: post.bodySource,
    bodyHtml: post.bodyHtml,
    bodyText: post.bodyText,
    category: body.category,
    tags: post.tags,
    language,
    languageChosen: body.language !== undefined,
    now,
    status: moderation?.status ?? 'published',
    moderationReason: moderation?.moderationReason ?? null,
    heldWord: moderation?.heldWord ?? null,
    needsReviewAt: moderation?.needsReviewAt ?? null,
  });
  if (evaluation.tags.length > 0) {
    await updatePostRow(deps.db, created.id, { moderationTags: evaluation.tags });
  }
  const decisionId =
    created.status === 'held'
      ? await recordHold(deps.db, {
          authorId: author.id,
          subjectType: 'post',
          subjectId: created.id,
          evaluation,
          now,
        })
      : undefined;
  // Approvals only raise a level: a trusted member has nothing more to earn.
  if (created.status === 'published' && author.trustLevel < 2) await contentApproved(deps.db, author.id, now);
  deps.readCache.forget('inside_search');
  const { search_stale: _, created_at, edited_at, ...row } = created;
  // Nobody has liked a post that did not exist a moment ago.
  const shown = toPost(
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
  return decisionId ? { ...shown, automatedDecisionId: decisionId } : shown;
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
  assertNotSilenced(author, now);
  const current = await findOpenPost(deps.db, caller, postId);
  if (current.authorId !== caller.id) throw new AppError('FORBIDDEN', 'Only the author can change this post');
  const next = {
    title: body.title ?? current.title,
    body: body.body ?? current.bodySource,
    tags: body.tags ?? current.tags,
  };
  const textChanged = body.title !== undefined || body.body !== undefined;
  const language =
    body.language ??
    (textChanged && !current.languageChosen
      ? detectLanguage(`${next.title}\n${htmlToText(renderMarkdown(next.body))}`, author.locale)
      : current.language);
  // The rules are applied before the transaction: a silence must be written even though the edit is refused.
  const { evaluation, ...checked } = await applyRules(deps, author, next, { language, watched });
  const decisionId = await withTransaction(deps.pool, async (tx) => {
    const post = await lockOwnPost(tx.db, caller, postId);
    // A hold holds a published post again, a flag queues it; held or hidden content never publishes
    // itself by an edit.
    const held = post.status === 'published' ? moderationColumns(evaluation, now) : null;
    await updatePostRow(tx.db, post.id, {
      title: checked.title,
      bodySource: checked.bodySource,
      bodyHtml: checked.bodyHtml,
      bodyText: checked.bodyText,
      tags: checked.tags,
      moderationTags: [...new Set([...post.moderationTags, ...evaluation.tags])],
      category: body.category ?? post.category,
      language,
      languageChosen: post.languageChosen || body.language !== undefined,
      updatedAt: now,
      editedAt: now,
      ...held,
    });
    return held?.status === 'held'
      ? recordHold(tx.db, {
          authorId: post.authorId,
          subjectType: 'post',
          subjectId: post.id,
          evaluation,
          now,
        })
      : undefined;
  });
  await deps.readCache.invalidate('inside_search');
  const post = await getPost(deps, caller, postId);
  return decisionId ? { ...post, automatedDecisionId: decisionId } : post;
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
