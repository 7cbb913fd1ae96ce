import { reviewCriteria, type TProReview } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useFeatureReview } from '../api/feature-review';
import { useReplyToReview } from '../api/reply-to-review';
import { formatDate, useLanguage } from '../lib/labels';
import { FlagReviewDialog } from './flag-review-dialog';
import { Stars } from './rating-summary';

/** What the viewer may do with a review: the reviewed pro answers and features; others report. */
export interface ReviewViewer {
  slug: string;
  /** The reviewed pro looks at their own profile. */
  isOwner: boolean;
  signedIn: boolean;
  /** Testimonials already featured (at most three). */
  featuredCount: number;
}

export const MAX_FEATURED = 3;

/** One review: the scores, the text, the author as they chose to appear, the pro's public answer. */
export function ReviewItem({ review, viewer }: { review: TProReview; viewer: ReviewViewer }) {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  const headingId = useId();

  return (
    <article aria-labelledby={headingId} className="rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5">
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={headingId} className="font-semibold text-slate-900">
          {review.authorName ?? t('reviews.anonymous')}
        </h3>
        <p className="text-slate-600 text-sm">
          <time dateTime={review.createdAt}>{formatDate(review.createdAt, language)}</time>
          {review.updatedAt !== review.createdAt && ` · ${t('reviews.edited')}`}
        </p>
      </header>
      <p className="mt-1 flex flex-wrap items-center gap-2">
        <Stars score={review.scores.overall} />
        <span className="text-slate-800 text-sm">
          {t('reviews.overall', { score: review.scores.overall })}
        </span>
        {review.featured && <Badge tone="brand">{t('reviews.featuredBadge')}</Badge>}
        {review.mine && <Badge>{t('reviews.mineBadge')}</Badge>}
      </p>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-slate-700 text-sm">
        {reviewCriteria
          .filter((criterion) => criterion !== 'overall')
          .map((criterion) => (
            <li key={criterion}>
              {t('reviews.criterionScore', {
                criterion: t(`criteria.${criterion}`),
                score: review.scores[criterion],
              })}
            </li>
          ))}
      </ul>
      <p className="mt-3 whitespace-pre-line text-slate-800">{review.body}</p>

      {review.reply && (
        <div className="mt-4 rounded-xl border-brand-700 border-s-4 bg-brand-50 p-3">
          <p className="font-medium text-brand-950 text-sm">
            {t('reviews.replyFrom')} ·{' '}
            <time dateTime={review.reply.at}>{formatDate(review.reply.at, language)}</time>
          </p>
          <p className="mt-1 whitespace-pre-line text-slate-800">{review.reply.body}</p>
        </div>
      )}

      <div className="mt-3 flex flex-wrap items-center gap-2">
        {review.mine && review.editableUntil && new Date(review.editableUntil) > new Date() && (
          <Link
            to="/pros/$slug/review"
            params={{ slug: viewer.slug }}
            search={{ review: review.id }}
            className="inline-flex min-h-11 items-center font-medium text-brand-800 underline-offset-4 hover:underline"
          >
            {t('reviews.edit', { date: formatDate(review.editableUntil, language) })}
          </Link>
        )}
        {viewer.isOwner && review.featureConsent && <FeatureToggle review={review} viewer={viewer} />}
        {viewer.signedIn && !review.mine && <FlagReviewDialog reviewId={review.id} />}
      </div>
      {viewer.isOwner && !review.reply && <ReplyForm reviewId={review.id} slug={viewer.slug} />}
    </article>
  );
}

function FeatureToggle({ review, viewer }: { review: TProReview; viewer: ReviewViewer }) {
  const { t } = useTranslation('pros');
  const feature = useFeatureReview(viewer.slug);
  const full = !review.featured && viewer.featuredCount >= MAX_FEATURED;
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        aria-pressed={review.featured}
        disabled={feature.isPending || full}
        onClick={() => feature.mutate({ id: review.id, featured: !review.featured })}
      >
        {review.featured ? t('reviews.unfeature') : t('reviews.feature')}
      </Button>
      {full && (
        <span className="text-slate-600 text-sm">{t('reviews.featureFull', { max: MAX_FEATURED })}</span>
      )}
      <ServerErrorAlert error={feature.error} className="w-full" />
    </>
  );
}

function ReplyForm({ reviewId, slug }: { reviewId: string; slug: string }) {
  const { t } = useTranslation('pros');
  const reply = useReplyToReview(slug);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = body.trim();
    if (trimmed.length < 2) {
      setError(t('reply.required'));
      return;
    }
    reply.mutate({ id: reviewId, body: trimmed });
  }

  if (!open) {
    return (
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => setOpen(true)}>
        {t('reply.open')}
      </Button>
    );
  }
  return (
    <form noValidate onSubmit={submit} className="mt-3 flex flex-col gap-3">
      <Textarea
        label={t('reply.label')}
        hint={t('reply.hint')}
        rows={3}
        maxLength={4000}
        value={body}
        error={error}
        autoFocus
        onChange={(event) => {
          setBody(event.target.value);
          setError(undefined);
        }}
      />
      <ServerErrorAlert error={reply.error} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={reply.isPending}>{t('reply.send')}</SubmitButton>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t('reply.cancel')}
        </Button>
      </div>
    </form>
  );
}
