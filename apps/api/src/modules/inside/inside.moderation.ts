import {
  FLAG_HIDE_THRESHOLD,
  type TCreateFlagBody,
  type TFlagReason,
  type TFlagTargetType,
  type TModerationAction,
  type TModerationItem,
  type TModerationQueue,
  type TWatchedWord,
  type TWatchedWordAction,
  ZLine,
} from '@capitune/contracts';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { comments, posts, proReviews, users, watchedWords } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { decodeCursor, decodeKeyCursor, encodeCursor, encodeKeyCursor } from '../../lib/cursor';
import { AppError, isUniqueViolation } from '../../lib/errors';
import type { AuthUser } from '../../lib/tokens';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { NoticeEmailKind } from '../../platform/rate-limit';
import { recordAudit } from '../audit/audit.service';
import { revokeAllSessions } from '../auth/auth.service';
import { notify } from '../notifications/notifications.service';
import { reviewModerated, reviewSubject } from '../pros';
import { contentModeratedEmail, type ModerationOutcome } from './inside.emails';
import { adjustCommentCount, notifyOfReleasedComment } from './inside.service';
import { assertWithinRate, loadActor, toAuthor } from './inside.shared';

/** A post, a comment or a review of a pro, as moderation sees it. */
interface Target {
  type: TFlagTargetType;
  id: string;
  /** Null for a review. */
  postId: string | null;
  /** A review's professional (their profile's address); null for Inside content. */
  proSlug: string | null;
  authorId: string;
  status: 'published' | 'held' | 'hidden';
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
  return `/inside/posts/${target.postId}`;
}

/** Reads and locks the target row (FOR UPDATE): flags and decisions on one target are serialised. */
async function lockTarget(tx: Transaction, type: TFlagTargetType, id: string): Promise<Target | null> {
  if (type === 'review') {
    const [review] = await tx.db.select().from(proReviews).where(eq(proReviews.id, id)).for('update');
    if (!review) return null;
    const subject = await reviewSubject(tx, review.id);
    return {
      type,
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
  if (type === 'post') {
    const [post] = await tx.db.select().from(posts).where(eq(posts.id, id)).for('update');
    return post
      ? {
          type,
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
  const [comment] = await tx.db.select().from(comments).where(eq(comments.id, id)).for('update');
  if (!comment) return null;
  const [post] = await tx.db.select().from(posts).where(eq(posts.id, comment.postId));
  return {
    type,
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

async function setTargetState(
  tx: Transaction,
  target: Target,
  state: {
    status?: Target['status'];
    moderationReason?: string | null;
    heldWord?: string | null;
    needsReviewAt?: Date | null;
  },
) {
  if (target.type === 'review') {
    // Reviews are published or hidden (never held); their score leaves or rejoins the pro's rating.
    const { heldWord: _unused, ...reviewState } = state;
    await tx.db
      .update(proReviews)
      .set(reviewState as Partial<typeof proReviews.$inferInsert>)
      .where(eq(proReviews.id, target.id));
    const from = target.status === 'hidden' ? 'hidden' : 'published';
    const to = (state.status ?? target.status) === 'hidden' ? 'hidden' : 'published';
    await reviewModerated(tx, target.id, from, to);
    return;
  }
  const table = target.type === 'post' ? posts : comments;
  await tx.db.update(table).set(state).where(eq(table.id, target.id));
  // A comment that appears or disappears changes its post's comment count.
  if (target.type === 'comment' && target.postId && state.status && state.status !== target.status) {
    if (state.status === 'published') await adjustCommentCount(tx, target.postId, 1);
    else if (target.status === 'published') await adjustCommentCount(tx, target.postId, -1);
  }
}

async function tellAuthor(
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
    const [author] = await tx.db
      .select({ email: users.email, firstName: users.firstName, locale: users.locale })
      .from(users)
      .where(eq(users.id, target.authorId));
    if (author) await deps.outbox.enqueue(tx, contentModeratedEmail(author, params));
  }
}

// ---------------------------------------------------------------------------------------------------
// Flags

/**
 * Flags a post or comment. One open flag per user and target (a second one changes nothing); at
 * FLAG_HIDE_THRESHOLD distinct flaggers, published content is hidden until an admin decides.
 */
export async function createFlag(
  deps: AppDeps,
  user: AuthUser,
  body: Omit<TCreateFlagBody, 'targetType'> & { targetType: TFlagTargetType },
) {
  const actor = await loadActor(deps.db, user);
  await assertWithinRate(deps, actor, 'flag');
  const now = deps.clock.now();
  let hidPost = false;
  let hidReview = false;
  const outcome = await withTransaction(deps.pool, async (tx) => {
    const target = await lockTarget(tx, body.targetType, body.targetId);
    const visible =
      target &&
      !target.deletedAt &&
      target.postVisible &&
      (target.status === 'published' || target.authorId === user.id || user.role === 'admin');
    if (!target || !visible) throw new AppError('NOT_FOUND', `No such ${body.targetType}`);
    if (target.authorId === user.id) throw new AppError('FORBIDDEN', 'You cannot flag your own content');

    const inserted = await tx.db.execute(sql`
      insert into flags (target_type, target_id, user_id, reason, note, created_at)
      values (${body.targetType}, ${body.targetId}, ${user.id}, ${body.reason}, ${body.note ?? null}, ${now})
      on conflict (target_type, target_id, user_id) where resolved_at is null do nothing
      returning id`);
    const created = inserted.rows.length > 0;
    if (!created) return { created };

    const counted = await tx.db.execute<{ flaggers: number }>(sql`
      select count(distinct user_id)::int as flaggers from flags
      where target_type = ${body.targetType} and target_id = ${body.targetId} and resolved_at is null`);
    const flaggers = counted.rows[0]?.flaggers ?? 0;
    const hide = flaggers >= FLAG_HIDE_THRESHOLD && target.status === 'published';
    await setTargetState(tx, target, {
      needsReviewAt: target.needsReviewAt ?? now,
      ...(hide ? { status: 'hidden', moderationReason: 'flags' } : {}),
    });
    if (hide) {
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
      hidPost = target.type === 'post';
      hidReview = target.type === 'review';
    }
    return { created };
  });
  if (hidPost) await deps.readCache.invalidate('inside_search');
  if (hidReview) await deps.readCache.invalidate('pros_directory');
  return outcome;
}

// ---------------------------------------------------------------------------------------------------
// The moderation queue

type QueueRow = {
  target_type: TFlagTargetType;
  id: string;
  post_id: string | null;
  pro_slug: string | null;
  title: string;
  body_html: string;
  status: 'published' | 'held' | 'hidden';
  moderation_reason: string | null;
  held_word: string | null;
  created_at: Date;
  needs_review_at: Date;
  author_id: string;
  first_name: string;
  last_name: string;
  role: 'candidate' | 'pro' | 'admin';
  author_status: 'active' | 'suspended';
};

/**
 * Everything waiting for a decision (flagged, held by a watched word, hidden at the flag threshold),
 * oldest first, keyset-paginated on (needs_review_at, id) over posts and comments together.
 */
export async function moderationQueue(
  deps: AppDeps,
  page: { cursor?: string | undefined; limit: number; targetType?: TFlagTargetType | undefined },
): Promise<TModerationQueue> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const postsAfter = after
    ? sql`and (p.needs_review_at, p.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const commentsAfter = after
    ? sql`and (c.needs_review_at, c.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const limit = page.limit + 1;
  const reviewsAfter = after
    ? sql`and (r.needs_review_at, r.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const postPart = sql`(select 'post'::text as target_type, p.id, p.id as post_id, null::text as pro_slug,
      p.title, p.body_html, p.status::text, p.moderation_reason, p.held_word, p.created_at, p.needs_review_at, p.author_id
    from posts p where p.needs_review_at is not null and p.deleted_at is null ${postsAfter}
    order by p.needs_review_at, p.id limit ${limit})`;
  const commentPart = sql`(select 'comment'::text as target_type, c.id, c.post_id, null::text as pro_slug,
      p.title, c.body_html, c.status::text, c.moderation_reason, c.held_word, c.created_at, c.needs_review_at, c.author_id
    from comments c join posts p on p.id = c.post_id
    where c.needs_review_at is not null and c.deleted_at is null ${commentsAfter}
    order by c.needs_review_at, c.id limit ${limit})`;
  // A review's text is plain: shown as escaped HTML below.
  const reviewPart = sql`(select 'review'::text as target_type, r.id, null::uuid as post_id, pp.slug as pro_slug,
      pu.first_name || ' ' || pu.last_name as title, r.body as body_html, r.status::text, r.moderation_reason,
      null::text as held_word, r.created_at, r.needs_review_at, r.author_id
    from pro_reviews r join users pu on pu.id = r.pro_id join pro_profiles pp on pp.user_id = r.pro_id
    where r.needs_review_at is not null ${reviewsAfter}
    order by r.needs_review_at, r.id limit ${limit})`;
  const parts =
    page.targetType === 'post'
      ? postPart
      : page.targetType === 'comment'
        ? commentPart
        : page.targetType === 'review'
          ? reviewPart
          : sql`${postPart} union all ${commentPart} union all ${reviewPart}`;
  const result = await deps.db.execute<QueueRow>(sql`
    select q.*, u.first_name, u.last_name, u.role, u.status as author_status
    from (${parts}) q join users u on u.id = q.author_id
    order by q.needs_review_at, q.id
    limit ${limit}`);
  const rows = result.rows.slice(0, page.limit);

  const reasons = new Map<string, { reason: TFlagReason; count: number }[]>();
  const notes = new Map<string, string[]>();
  if (rows.length > 0) {
    const ids = rows.map((row) => row.id);
    const counts = await deps.db.execute<{ target_id: string; reason: TFlagReason; count: number }>(sql`
      select target_id, reason, count(*)::int as count from flags
      where resolved_at is null and target_id in ${ids}
      group by target_id, reason order by target_id, count desc, reason`);
    for (const row of counts.rows) {
      reasons.set(row.target_id, [
        ...(reasons.get(row.target_id) ?? []),
        { reason: row.reason, count: row.count },
      ]);
    }
    const latest = await deps.db.execute<{ target_id: string; note: string }>(sql`
      select target_id, note from (
        select target_id, note, row_number() over (partition by target_id order by created_at desc, id desc) as n
        from flags where resolved_at is null and note is not null and target_id in ${ids}) f
      where n <= 5 order by target_id, n`);
    for (const row of latest.rows) notes.set(row.target_id, [...(notes.get(row.target_id) ?? []), row.note]);
  }
  const last = rows.at(-1);
  return {
    items: rows.map(
      (row): TModerationItem => ({
        targetType: row.target_type,
        id: row.id,
        postId: row.post_id,
        proSlug: row.pro_slug,
        title: row.title,
        bodyHtml: row.target_type === 'review' ? plainTextHtml(row.body_html) : row.body_html,
        author: {
          ...toAuthor({
            id: row.author_id,
            firstName: row.first_name,
            lastName: row.last_name,
            role: row.role,
          }),
          status: row.author_status,
        },
        status: row.status,
        moderationReason: row.moderation_reason,
        heldWord: row.held_word,
        openFlagCount: (reasons.get(row.id) ?? []).reduce((sum, entry) => sum + entry.count, 0),
        flagReasons: reasons.get(row.id) ?? [],
        flagNotes: notes.get(row.id) ?? [],
        createdAt: new Date(row.created_at).toISOString(),
        needsReviewSince: new Date(row.needs_review_at).toISOString(),
      }),
    ),
    nextCursor:
      result.rows.length > page.limit && last
        ? encodeCursor({ at: new Date(last.needs_review_at), id: last.id })
        : null,
  };
}

/** Plain text (a review) as the queue's HTML: escaped, one paragraph per blank-line block. */
function plainTextHtml(text: string): string {
  const escaped = text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
  return escaped
    .split(/\n{2,}/)
    .map((block) => `<p>${block.replaceAll('\n', '<br>')}</p>`)
    .join('');
}

// ---------------------------------------------------------------------------------------------------
// Decisions

/**
 * An admin's decision on a post or comment:
 * - `hide`: removed for everyone but its author; the open flags are upheld.
 * - `restore`: published again (also what releases held content); the open flags are rejected.
 * - `dismiss`: the open flags were unfounded: closed, and content hidden by the flag threshold comes back;
 *   content held by a watched word stays held (restore it to publish).
 * - `warn`: a notification and an email to the author, with the note; the content is unchanged.
 * - `suspend`: the author's account is suspended and all their sessions end; the content is unchanged.
 * Each writes the audit log and tells the author.
 */
export async function moderate(
  deps: AppDeps,
  admin: AuthUser,
  targetType: TFlagTargetType,
  targetId: string,
  action: TModerationAction,
  note: string | undefined,
  ip: string | undefined,
) {
  if ((action === 'warn' || action === 'suspend') && !note) {
    throw new AppError('VALIDATION_FAILED', 'A note for the author is required', {
      fieldErrors: [
        { path: 'body.note', message: 'Required for a warning or a suspension', code: 'required' },
      ],
    });
  }
  const now = deps.clock.now();
  const decision = await withTransaction(deps.pool, async (tx) => {
    const target = await lockTarget(tx, targetType, targetId);
    if (!target || target.deletedAt) throw new AppError('NOT_FOUND', `No such ${targetType}`);
    const audit = { actorId: admin.id, subjectType: target.type, subjectId: target.id, ip: ip ?? null };
    const resolveFlags = async (resolution: string) => {
      const resolved = await tx.db.execute(sql`
        update flags set resolved_at = ${now}, resolution = ${resolution}, resolved_by = ${admin.id}
        where target_type = ${target.type} and target_id = ${target.id} and resolved_at is null`);
      return resolved.rowCount ?? 0;
    };
    let status = target.status;
    let resolvedFlags = 0;
    let authorStatus: 'active' | 'suspended' = 'active';

    if (action === 'hide' || action === 'restore') {
      status = action === 'hide' ? 'hidden' : 'published';
      resolvedFlags = await resolveFlags(action);
      await setTargetState(tx, target, {
        status,
        moderationReason: action === 'hide' ? 'admin' : null,
        ...(action === 'restore' && target.type !== 'review' ? { heldWord: null } : {}),
        needsReviewAt: null,
      });
      await recordAudit(tx.db, {
        ...audit,
        action: `${target.type}.${action === 'hide' ? 'hidden' : 'restored'}`,
        before: { status: target.status, moderationReason: target.moderationReason },
        after: { status, resolvedFlags, note: note ?? null },
      });
      if (status !== target.status || action === 'hide') {
        await tellAuthor(deps, tx, target, action === 'hide' ? 'hidden' : 'restored', note ?? null);
      }
      // A held comment was never announced: its post's author and the author replied to learn of it now.
      if (
        action === 'restore' &&
        target.type === 'comment' &&
        target.status === 'held' &&
        target.postVisible
      ) {
        await notifyOfReleasedComment(deps, tx, target.id);
      }
    } else if (action === 'dismiss') {
      resolvedFlags = await resolveFlags('dismiss');
      const comesBack = target.status === 'hidden' && target.moderationReason === 'flags';
      status = comesBack ? 'published' : target.status;
      await setTargetState(tx, target, {
        ...(comesBack ? { status, moderationReason: null } : {}),
        needsReviewAt: target.status === 'held' ? target.needsReviewAt : null,
      });
      await recordAudit(tx.db, {
        ...audit,
        action: `${target.type}.flags_dismissed`,
        before: { status: target.status },
        after: { status, resolvedFlags, note: note ?? null },
      });
      if (comesBack) await tellAuthor(deps, tx, target, 'restored', note ?? null);
    } else {
      const [author] = await tx.db
        .select({ id: users.id, role: users.role, status: users.status })
        .from(users)
        .where(eq(users.id, target.authorId))
        .for('update');
      if (!author) throw new AppError('NOT_FOUND', 'The author no longer exists');
      if (action === 'suspend') {
        if (author.role === 'admin') throw new AppError('FORBIDDEN', 'An admin cannot be suspended here');
        await tx.db.update(users).set({ status: 'suspended', updatedAt: now }).where(eq(users.id, author.id));
        const sessionsEnded = await revokeAllSessions(tx.db, author.id, 'suspended', now);
        await recordAudit(tx.db, {
          ...audit,
          subjectType: 'user',
          subjectId: author.id,
          action: 'user.suspended',
          before: { status: author.status },
          after: { status: 'suspended', note, sessionsEnded, targetType: target.type, targetId: target.id },
        });
        authorStatus = 'suspended';
      } else {
        await recordAudit(tx.db, {
          ...audit,
          subjectType: 'user',
          subjectId: author.id,
          action: 'user.warned',
          after: { note, targetType: target.type, targetId: target.id },
        });
        authorStatus = author.status;
      }
      await tellAuthor(deps, tx, target, action === 'suspend' ? 'suspended' : 'warned', note ?? null, {
        alwaysEmail: true,
      });
      return { status, authorStatus, resolvedFlags };
    }
    const [author] = await tx.db
      .select({ status: users.status })
      .from(users)
      .where(eq(users.id, target.authorId));
    authorStatus = author?.status ?? 'active';
    return { status, authorStatus, resolvedFlags };
  });
  // A post hidden, held or restored leaves or joins search results.
  if (targetType === 'post') await deps.readCache.invalidate('inside_search');
  // A review's score leaves or joins its pro's rating; a suspended author leaves the directory.
  if (targetType === 'review' || decision.authorStatus === 'suspended') {
    await deps.readCache.invalidate('pros_directory');
  }
  return decision;
}

// ---------------------------------------------------------------------------------------------------
// Watched words

const toWatchedWord = (row: typeof watchedWords.$inferSelect): TWatchedWord => ({
  id: row.id,
  word: row.word,
  action: row.action,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function listWatchedWords(deps: AppDeps, page: { cursor?: string | undefined; limit: number }) {
  const after = page.cursor
    ? decodeKeyCursor(page.cursor, (v): v is [string] => ZLine.safeParse(v[0]).success)[0]
    : null;
  const rows = await deps.db
    .select()
    .from(watchedWords)
    .where(after === null ? undefined : gt(watchedWords.word, after))
    .orderBy(asc(watchedWords.word))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toWatchedWord),
    nextCursor: rows.length > page.limit && last ? encodeKeyCursor([last.word]) : null,
  };
}

const duplicateWord = () =>
  new AppError('CONFLICT', 'This word is already watched', {
    fieldErrors: [{ path: 'body.word', message: 'Already watched', code: 'duplicate' }],
  });

export async function createWatchedWord(
  deps: AppDeps,
  admin: AuthUser,
  body: { word: string; action: TWatchedWordAction },
  ip: string | undefined,
) {
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const [row] = await tx.db
      .insert(watchedWords)
      .values({ word: body.word, action: body.action, createdBy: admin.id, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: watchedWords.word })
      .returning();
    if (!row) throw duplicateWord();
    await recordAudit(tx.db, {
      actorId: admin.id,
      action: 'watched_word.created',
      subjectType: 'watched_word',
      subjectId: row.id,
      after: { word: row.word, action: row.action },
      ip: ip ?? null,
    });
    return toWatchedWord(row);
  });
}

export async function updateWatchedWord(
  deps: AppDeps,
  admin: AuthUser,
  id: string,
  body: { word?: string | undefined; action?: TWatchedWordAction | undefined },
  ip: string | undefined,
) {
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const [before] = await tx.db.select().from(watchedWords).where(eq(watchedWords.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND', 'No such watched word');
    const [row] = await tx.db
      .update(watchedWords)
      .set({
        ...(body.word ? { word: body.word } : {}),
        ...(body.action ? { action: body.action } : {}),
        updatedAt: now,
      })
      .where(eq(watchedWords.id, id))
      .returning()
      // The index decides, so that two renames to the same word at once are told apart too.
      .catch((error: unknown) => {
        throw isUniqueViolation(error, 'watched_words_word_unique') ? duplicateWord() : error;
      });
    if (!row) throw new AppError('NOT_FOUND', 'No such watched word');
    await recordAudit(tx.db, {
      actorId: admin.id,
      action: 'watched_word.updated',
      subjectType: 'watched_word',
      subjectId: row.id,
      before: { word: before.word, action: before.action },
      after: { word: row.word, action: row.action },
      ip: ip ?? null,
    });
    return toWatchedWord(row);
  });
}

export async function deleteWatchedWord(deps: AppDeps, admin: AuthUser, id: string, ip: string | undefined) {
  await withTransaction(deps.pool, async (tx) => {
    const [row] = await tx.db
      .delete(watchedWords)
      .where(and(eq(watchedWords.id, id)))
      .returning();
    if (!row) throw new AppError('NOT_FOUND', 'No such watched word');
    await recordAudit(tx.db, {
      actorId: admin.id,
      action: 'watched_word.deleted',
      subjectType: 'watched_word',
      subjectId: row.id,
      before: { word: row.word, action: row.action },
      ip: ip ?? null,
    });
  });
}
