import { reviewCriteria, type TProReview } from '@capitune/contracts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { ButtonLink } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useSession } from '../../../lib/auth';
import { useProgramName } from '../../../lib/dossiers/programs';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useCreateReview } from '../api/create-review';
import { useMyReview } from '../api/find-my-review';
import { type TReviewable, useReviewable } from '../api/get-reviewable';
import { useUpdateReview } from '../api/update-review';
import { ScoreRadioGroup, scoreValues } from '../components/score-radio-group';
import { formatDate, useLanguage } from '../lib/labels';

const route = getRouteApi('/pros/$slug/review');

const ZScoreField = z.enum(scoreValues);
const ZReviewForm = z.object({
  scores: z.object({
    responsiveness: ZScoreField,
    feesClarity: ZScoreField,
    processExplanation: ZScoreField,
    overall: ZScoreField,
  }),
  body: z.string().trim().min(10).max(4000),
  display: z.enum(['name', 'anonymous']),
  featureConsent: z.boolean(),
});
type ReviewFormValues = z.input<typeof ZReviewForm>;
type ReviewFormOutput = z.output<typeof ZReviewForm>;

/** `/pros/$slug/review?dossier=`: a candidate reviews the pro who followed their dossier, or edits it. */
export function ReviewPage() {
  const { t } = useTranslation('pros');
  const { slug } = route.useParams();
  const { dossier, review } = route.useSearch();
  const { user } = useSession();
  const isCandidate = user?.role === 'candidate';
  const reviewable = useReviewable(isCandidate);
  const entries = (reviewable.data ?? []).filter((item) => item.pro.slug === slug);
  const entry = dossier
    ? entries.find((item) => item.dossierId === dossier)
    : review
      ? entries.find((item) => item.reviewId === review)
      : entries[0];
  const existing = useMyReview(slug, entry?.reviewId);
  const proName = entry ? `${entry.pro.firstName} ${entry.pro.lastName}` : '';
  usePageMeta(entry ? t('review.metaTitle', { name: proName }) : t('review.metaTitleDefault'));

  const loading = (isCandidate && reviewable.isPending) || (entry?.reviewId && existing.isPending);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <Link
        to="/pros/$slug"
        params={{ slug }}
        className="inline-flex min-h-11 items-center font-medium text-brand-800 no-underline hover:underline"
      >
        ← {t('review.back')}
      </Link>
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight">
        {entry ? t('review.title', { name: proName }) : t('review.metaTitleDefault')}
      </h1>
      {loading ? (
        <Spinner label={t('review.loading')} className="mt-8" />
      ) : reviewable.isError || existing.isError ? (
        <ServerErrorAlert error={reviewable.error ?? existing.error} className="mt-6" />
      ) : !entry ? (
        <div className="mt-6 flex flex-col items-start gap-4">
          <p className="text-lg text-slate-700">{t('review.notAllowed')}</p>
          <ButtonLink to="/pros/$slug" params={{ slug }} variant="secondary">
            {t('review.back')}
          </ButtonLink>
        </div>
      ) : entry.reviewId && existing.data && !isEditable(existing.data) ? (
        <Alert tone="info" className="mt-6">
          {t('review.notEditable')}
        </Alert>
      ) : (
        <ReviewForm
          key={`${entry.dossierId}-${existing.data?.id ?? 'new'}`}
          slug={slug}
          entry={entry}
          existing={entry.reviewId ? (existing.data ?? null) : null}
        />
      )}
    </div>
  );
}

const isEditable = (review: TProReview) =>
  review.editableUntil !== null && new Date(review.editableUntil) > new Date();

function ReviewForm({
  slug,
  entry,
  existing,
}: {
  slug: string;
  entry: TReviewable;
  existing: TProReview | null;
}) {
  const { t } = useTranslation(['pros', 'forms']);
  const language = useLanguage();
  const programName = useProgramName();
  const navigate = route.useNavigate();
  const create = useCreateReview(slug);
  const update = useUpdateReview(slug);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<ReviewFormValues, unknown, ReviewFormOutput>({
    resolver: formResolver(ZReviewForm),
    defaultValues: existing
      ? {
          scores: {
            responsiveness: String(existing.scores.responsiveness) as '1',
            feesClarity: String(existing.scores.feesClarity) as '1',
            processExplanation: String(existing.scores.processExplanation) as '1',
            overall: String(existing.scores.overall) as '1',
          },
          body: existing.body,
          display: existing.authorName === null ? 'anonymous' : 'name',
          featureConsent: existing.featureConsent,
        }
      : { body: '', display: 'name', featureConsent: false },
  });
  const { errors } = form.formState;

  async function submit(values: ReviewFormOutput) {
    const scores = {
      responsiveness: Number(values.scores.responsiveness),
      feesClarity: Number(values.scores.feesClarity),
      processExplanation: Number(values.scores.processExplanation),
      overall: Number(values.scores.overall),
    };
    const body = {
      scores,
      body: values.body,
      display: values.display,
      featureConsent: values.featureConsent,
    };
    setFormError(null);
    try {
      if (existing) await update.mutateAsync({ id: existing.id, patch: body });
      else await create.mutateAsync({ dossierId: entry.dossierId, ...body });
      await navigate({ to: '/pros/$slug', params: { slug }, search: {}, hash: 'reviews-title' });
    } catch (error) {
      if (!applyServerErrors(error, form.setError, ['body', 'display', 'featureConsent']))
        setFormError(error);
    }
  }

  return (
    <form noValidate onSubmit={form.handleSubmit(submit)} className="mt-6 flex flex-col gap-6">
      <p className="text-slate-700">
        {t('review.intro', { program: programName(entry.programId) })}
        {existing?.editableUntil &&
          ` ${t('review.editUntil', { date: formatDate(existing.editableUntil, language) })}`}
      </p>
      <p className="text-slate-600 text-sm">{t('forms:requiredLegend')}</p>
      {reviewCriteria.map((criterion) => (
        <ScoreRadioGroup
          key={criterion}
          legend={t(`criteria.${criterion}`)}
          hint={t(`criteriaHint.${criterion}`)}
          error={translateMessage(t, errors.scores?.[criterion]?.message)}
          registration={form.register(`scores.${criterion}`)}
        />
      ))}
      <Textarea
        label={t('review.body')}
        hint={t('review.bodyHint')}
        rows={6}
        maxLength={4000}
        required
        error={translateMessage(t, errors.body?.message)}
        {...form.register('body')}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium text-slate-900">{t('review.display')}</legend>
        {(['name', 'anonymous'] as const).map((value) => (
          <label key={value} className="flex min-h-11 items-center gap-3 text-slate-800">
            <input
              type="radio"
              value={value}
              {...form.register('display')}
              className="size-5 accent-brand-700"
            />
            {t(`review.displayOptions.${value}`)}
          </label>
        ))}
      </fieldset>
      <Checkbox label={t('review.featureConsent')} {...form.register('featureConsent')} />
      <ServerErrorAlert error={formError} />
      <div>
        <SubmitButton pending={form.formState.isSubmitting}>
          {existing ? t('review.save') : t('review.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
