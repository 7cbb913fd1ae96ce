import type { TProReview, ZProReviewBody, ZProReviewPatch } from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, isUniqueViolation } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { platformToday } from '../access';
import { notify } from '../notifications';
import { recordConsents } from '../privacy';
import { REVIEW_EDITABLE_DAYS, ratingOf, toReview } from './directory.mappers';
import { proBySlug } from './directory.queries';
import {
  adjustRating,
  featuredCount,
  insertReview,
  lockedDossierOf,
  lockedReview,
  lockProfile,
  reviewableDossiers,
  reviewById,
  reviewOfDossier,
  reviewPage,
  reviewScore,
  updateReviewRow,
} from './reviews.queries';

/** A candidate reviews the pro who followed their dossier for this long (or closed it with them). */
export const REVIEW_AFTER_DAYS = 30;
/** Featured testimonials per pro. */
export const MAX_TESTIMONIALS = 3;
const DAY_MS = 86_400_000;

/**
 * The community's automated moderation applied to a review's text (Inside's watched words): refuses it,
 * or gives it back censored with whether it waits for review. Inside depends on pros (moderation of
 * reviews), so app.ts hands it in rather than pros importing Inside.
 */
export type ReviewTextCheck = (
  db: AppDeps['db'],
  text: string,
) => Promise<{ body: string; review: 'hold' | 'flag' | null }>;
let checkReviewText: ReviewTextCheck = async (_db, text) => ({ body: text, review: null });
export function useReviewTextCheck(check: ReviewTextCheck) {
  checkReviewText = check;
}

type ReviewBody = z.infer<typeof ZProReviewBody>;
type ReviewPatch = z.infer<typeof ZProReviewPatch>;

/**
 * A pro's reviews are public while the pro is listed (verified, and shown by choice); the pro themself and admins see them
 * in any standing, as they see the profile.
 */
async function visiblePro(deps: AppDeps, viewer: Caller | null, slug: string) {
  const pro = await proBySlug(deps.db, slug, platformToday(deps.clock.now()));
  const own = viewer !== null && (viewer.id === pro?.user_id || viewer.role === 'admin');
  if (!pro || (!own && (pro.standing !== 'verified' || !pro.active || !pro.listed))) {
    throw new AppError('NOT_FOUND', 'No such professional');
  }
  return pro;
}

export async function listReviews(
  deps: AppDeps,
  viewer: Caller | null,
  slug: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const pro = await visiblePro(deps, viewer, slug);
  const { criteria, items } = await reviewPage(deps.db, pro.user_id, after, page.limit);
  const shown = items.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    rating: ratingOf(pro.rating_count, pro.rating_sum),
    criteria: criteria ?? {
      responsiveness: null,
      feesClarity: null,
      processExplanation: null,
      overall: null,
    },
    items: shown.map((row) => toReview(row, viewer?.id ?? null)),
    nextCursor:
      items.length > page.limit && last ? encodeCursor({ at: new Date(last.created_at), id: last.id }) : null,
  };
}

async function shownReview(deps: AppDeps, id: string, viewerId: string): Promise<TProReview> {
  const row = await reviewById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such review');
  return toReview(row, viewerId);
}

/**
 * A candidate reviews the pro of one of their dossiers: the pro is its agent since 30 days at least, or
 * the dossier was closed with them. One review per dossier. The pro's counters move in the same
 * transaction, and the pro is told (in-app).
 */
export async function createReview(
  deps: AppDeps,
  viewer: Caller,
  slug: string,
  body: ReviewBody,
): Promise<TProReview> {
  const notAllowed = () =>
    new AppError(
      'REVIEW_NOT_ALLOWED',
      'Only a candidate whose dossier this professional followed for 30 days, or closed, can review them',
    );
  if (viewer.role !== 'candidate') throw notAllowed();
  const now = deps.clock.now();
  const pro = await proBySlug(deps.db, slug, platformToday(now));
  if (!pro) throw new AppError('NOT_FOUND', 'No such professional');

  const checked = await checkReviewText(deps.db, body.body);
  // A held review waits hidden (out of the rating) until an admin restores it; a flagged one is queued.
  const held = checked.review === 'hold';
  const id = await withTransaction(deps.pool, async (tx) => {
    const dossier = await lockedDossierOf(tx, body.dossierId);
    const followedLongEnough =
      dossier?.agentSince != null &&
      dossier.agentSince.getTime() <= now.getTime() - REVIEW_AFTER_DAYS * DAY_MS;
    if (
      !dossier ||
      dossier.ownerId !== viewer.id ||
      dossier.agentId !== pro.user_id ||
      !(followedLongEnough || dossier.status === 'closed')
    ) {
      throw notAllowed();
    }
    if (await reviewOfDossier(tx, body.dossierId)) throw alreadyReviewed();
    await lockProfile(tx, pro.user_id);
    const created = await insertReview(tx, {
      proId: pro.user_id,
      dossierId: body.dossierId,
      authorId: viewer.id,
      ...body.scores,
      body: checked.body,
      display: body.display,
      featureConsent: body.featureConsent,
      createdAt: now,
      updatedAt: now,
      ...(checked.review
        ? { status: held ? 'hidden' : 'published', moderationReason: 'watched_word', needsReviewAt: now }
        : {}),
    }).catch((error: unknown) => {
      throw isUniqueViolation(error, 'pro_reviews_dossierId_unique') ? alreadyReviewed() : error;
    });
    // Agreeing that a review be featured is the person's `testimonials` consent, recorded as such.
    if (body.featureConsent) await recordTestimonialConsent(tx, viewer.id, now);
    if (held) return created.id;
    await adjustRating(tx, pro.user_id, 1, body.scores.overall);
    await notify(deps, tx, {
      userId: pro.user_id,
      type: 'review_received',
      params: { reviewId: created.id, overall: body.scores.overall },
      link: `/pros/${slug}`,
    });
    return created.id;
  });
  await deps.readCache.invalidate('pros_directory');
  return shownReview(deps, id, viewer.id);
}

/** The `testimonials` consent given through the review form. */
const recordTestimonialConsent = (tx: Transaction, userId: string, now: Date) =>
  recordConsents(tx.db, userId, [{ purpose: 'testimonials', granted: true }], 'review', now);

const alreadyReviewed = () =>
  new AppError('REVIEW_ALREADY_EXISTS', 'This dossier already has a review: edit it instead');

async function lockReview(tx: Transaction, id: string) {
  const review = await lockedReview(tx, id);
  if (!review) throw new AppError('NOT_FOUND', 'No such review');
  return review;
}

/**
 * The author edits their review for 30 days (withdrawing consent to a testimonial, at any time); a new
 * overall score moves the counters.
 */
export async function updateReview(
  deps: AppDeps,
  viewer: Caller,
  id: string,
  patch: ReviewPatch,
): Promise<TProReview> {
  const now = deps.clock.now();
  // An edited text is checked again; a hold on an edit queues the review (it stays as it is shown).
  const checked = patch.body !== undefined ? await checkReviewText(deps.db, patch.body) : null;
  await withTransaction(deps.pool, async (tx) => {
    const review = await lockReview(tx, id);
    if (review.authorId !== viewer.id) throw new AppError('FORBIDDEN', 'Only its author can edit a review');
    await lockProfile(tx, review.proId);
    // Withdrawing one's consent to a testimonial stays possible after the 30 days.
    const onlyWithdraws =
      patch.featureConsent === false &&
      patch.scores === undefined &&
      patch.body === undefined &&
      patch.display === undefined;
    if (!onlyWithdraws && now.getTime() > review.createdAt.getTime() + REVIEW_EDITABLE_DAYS * DAY_MS) {
      throw new AppError('REVIEW_NOT_EDITABLE', `A review can be edited for ${REVIEW_EDITABLE_DAYS} days`);
    }
    const consent = patch.featureConsent ?? review.featureConsent;
    await updateReviewRow(tx, id, {
      ...(patch.scores ?? {}),
      ...(checked ? { body: checked.body } : {}),
      ...(checked?.review ? { moderationReason: 'watched_word', needsReviewAt: now } : {}),
      ...(patch.display !== undefined ? { display: patch.display } : {}),
      featureConsent: consent,
      // Consent withdrawn: the testimonial goes at once.
      featured: consent && review.featured,
      updatedAt: now,
    });
    if (patch.scores && review.status === 'published') {
      await adjustRating(tx, review.proId, 0, patch.scores.overall - review.overall);
    }
    if (patch.featureConsent === true) await recordTestimonialConsent(tx, viewer.id, now);
  });
  if (patch.scores) await deps.readCache.invalidate('pros_directory');
  return shownReview(deps, id, viewer.id);
}

/** The reviewed pro answers once, publicly. */
export async function replyToReview(
  deps: AppDeps,
  viewer: Caller,
  id: string,
  body: string,
): Promise<TProReview> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const review = await lockReview(tx, id);
    if (review.proId !== viewer.id)
      throw new AppError('FORBIDDEN', 'Only the reviewed professional can answer');
    if (review.reply !== null) throw new AppError('REVIEW_NOT_EDITABLE', 'This review already has an answer');
    await updateReviewRow(tx, id, { reply: body, repliedAt: now });
  });
  return shownReview(deps, id, viewer.id);
}

/** The pro features (or stops featuring) a review whose author agreed to it; three at most. */
export async function featureReview(
  deps: AppDeps,
  viewer: Caller,
  id: string,
  featured: boolean,
): Promise<TProReview> {
  await withTransaction(deps.pool, async (tx) => {
    const review = await lockReview(tx, id);
    if (review.proId !== viewer.id) {
      throw new AppError('FORBIDDEN', 'Only the reviewed professional can feature a review');
    }
    await lockProfile(tx, viewer.id);
    if (featured && !review.featured) {
      if (!review.featureConsent || review.status !== 'published') {
        throw new AppError(
          'TESTIMONIAL_NOT_ALLOWED',
          'The author did not agree to this review being featured',
        );
      }
      if ((await featuredCount(tx, viewer.id)) >= MAX_TESTIMONIALS) {
        throw new AppError('TESTIMONIAL_NOT_ALLOWED', `${MAX_TESTIMONIALS} testimonials at most`);
      }
    }
    await updateReviewRow(tx, id, { featured });
  });
  return shownReview(deps, id, viewer.id);
}

/** A candidate's dossiers whose pro they may review, with the review already written. */
export async function listReviewable(deps: AppDeps, viewer: Caller) {
  if (viewer.role !== 'candidate') return [];
  const since = new Date(deps.clock.now().getTime() - REVIEW_AFTER_DAYS * DAY_MS);
  const rows = await reviewableDossiers(deps.db, viewer.id, since);
  return rows.map((row) => ({
    dossierId: row.dossier_id,
    programId: row.program_id,
    pro: { id: row.pro_id, slug: row.slug, firstName: row.first_name, lastName: row.last_name },
    reviewId: row.review_id,
  }));
}

/**
 * Moderation hid or restored a review (community.moderation.ts): its score leaves or rejoins the pro's
 * counters, in the moderation's transaction; a hidden review stops being a testimonial.
 */
export async function reviewModerated(
  tx: Transaction,
  reviewId: string,
  from: 'published' | 'hidden',
  to: 'published' | 'hidden',
) {
  if (from === to) return;
  const review = await reviewScore(tx, reviewId);
  if (!review) return;
  await lockProfile(tx, review.proId);
  const sign = to === 'published' ? 1 : -1;
  await adjustRating(tx, review.proId, sign, sign * review.overall);
  if (to === 'hidden') {
    await updateReviewRow(tx, reviewId, { featured: false });
  }
}
