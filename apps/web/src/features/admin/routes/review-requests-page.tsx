import type { TDecisionFactor, ZReviewRequest } from '@capitune/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { FieldError } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { usePageMeta } from '../../../lib/use-page-meta';
import { type TReviewAnswer, useAnswerReviewRequest } from '../api/answer-review-request';
import { useReviewRequests } from '../api/list-review-requests';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { useAdminFormatters } from '../components/user-formatters';

type TReviewRequest = z.infer<typeof ZReviewRequest>;

export function ReviewRequestsPage() {
  return (
    <AdminGate>
      <ReviewRequests />
    </AdminGate>
  );
}

/** `/admin/privacy/reviews`: people's requests that a person look again at an automated decision. */
function ReviewRequests() {
  const { t } = useTranslation('admin-privacy');
  usePageMeta(t('reviews.metaTitle'));
  const requests = useReviewRequests();
  const items = requests.data?.pages.flatMap((page) => page.items) ?? [];
  const listId = useId();
  // Answered here: the list may drop them on its refresh, the confirmation stays.
  const [answered, setAnswered] = useState(false);

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <h1 className="mt-6 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('reviews.title')}
      </h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">{t('reviews.intro')}</p>
      <div role="status" className="mt-4">
        {answered && (
          <Alert tone="success" live={false}>
            {t('reviews.answer.done')}
          </Alert>
        )}
      </div>
      {requests.isPending && <Spinner label={t('reviews.loading')} className="mt-6" />}
      {requests.isError && <ServerErrorAlert error={requests.error} className="mt-6" />}
      {requests.isSuccess && items.length === 0 && (
        <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">
          {t('reviews.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul id={listId} aria-label={t('reviews.listLabel')} className="mt-6 flex flex-col gap-4">
          {items.map((request) => (
            <li key={request.id}>
              <ReviewRequestCard request={request} onAnswered={() => setAnswered(true)} />
            </li>
          ))}
        </ul>
      )}
      {requests.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={requests.isFetchingNextPage}
            aria-controls={listId}
            onClick={() => void requests.fetchNextPage()}
          >
            {t('reviews.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** A factor in words, with what makes it concrete (`watched_word`: the word's kind, a count…). */
function Factor({ factor }: { factor: TDecisionFactor }) {
  const { t, i18n } = useTranslation('admin-privacy');
  const key = `reviews.factor.${factor.code}`;
  const label = i18n.exists(key, { ns: 'admin-privacy' })
    ? t(key as 'reviews.factor.watched_word')
    : factor.code;
  const params = Object.entries(factor.params);
  return (
    <li>
      <span className="font-medium">{label}</span>
      {params.length > 0 && (
        <span className="text-slate-700">
          {' '}
          ({params.map(([name, value]) => `${name} = ${String(value)}`).join(', ')})
        </span>
      )}
    </li>
  );
}

function ReviewRequestCard({ request, onAnswered }: { request: TReviewRequest; onAnswered: () => void }) {
  const { t } = useTranslation('admin-privacy');
  const { moment } = useAdminFormatters();
  const headingId = useId();
  const outcome =
    request.outcome === 'held'
      ? t('reviews.outcome.held')
      : t('reviews.outcome.level', { level: request.outcome });

  return (
    <article
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="min-w-0 break-words font-semibold text-lg text-slate-900">
          {request.person.name}
        </h2>
        <Badge tone={request.review === 'requested' ? 'warning' : 'neutral'}>
          {t(`reviews.review.${request.review}`)}
        </Badge>
      </div>
      <p className="break-all text-slate-600 text-sm">{request.person.email}</p>
      <dl className="mt-4 grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{t(`reviews.kind.${request.kind}`)}</dt>
          <dd className="font-medium text-slate-900">{outcome}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('reviews.subject', { type: request.subjectType })}</dt>
          <dd className="text-slate-900">
            {t('reviews.decided', { date: moment(request.createdAt) })}
            {request.reviewRequestedAt && (
              <>
                <br />
                {t('reviews.requested', { date: moment(request.reviewRequestedAt) })}
              </>
            )}
          </dd>
        </div>
      </dl>
      <h3 className="mt-4 font-semibold text-slate-900">{t('reviews.factors')}</h3>
      {request.factors.length === 0 ? (
        <p className="mt-1 text-slate-700 text-sm">{t('reviews.noFactors')}</p>
      ) : (
        <ul className="mt-1 list-disc ps-5 text-sm">
          {request.factors.map((factor, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: factors have no id and never move.
            <Factor key={index} factor={factor} />
          ))}
        </ul>
      )}
      <h3 className="mt-4 font-semibold text-slate-900">{t('reviews.message')}</h3>
      {request.message ? (
        <blockquote className="mt-1 whitespace-pre-wrap break-words border-slate-300 border-s-4 ps-3 text-slate-900">
          {request.message}
        </blockquote>
      ) : (
        <p className="mt-1 text-slate-700 text-sm">{t('reviews.noMessage')}</p>
      )}
      {request.review === 'requested' ? (
        <AnswerForm id={request.id} onAnswered={onAnswered} />
      ) : (
        request.reviewNote && (
          <>
            <h3 className="mt-4 font-semibold text-slate-900">{t('reviews.reviewNote')}</h3>
            <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{request.reviewNote}</p>
          </>
        )
      )}
    </article>
  );
}

function AnswerForm({ id, onAnswered }: { id: string; onAnswered: () => void }) {
  const { t } = useTranslation(['admin-privacy', 'forms']);
  const [outcome, setOutcome] = useState<TReviewAnswer['outcome'] | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; note?: string }>({});
  const outcomeErrorId = useId();
  const firstRadio = useRef<HTMLInputElement>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const answer = useAnswerReviewRequest({ onSuccess: onAnswered });

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = note.trim();
    const found: typeof errors = {};
    if (!outcome) found.outcome = t('admin-privacy:reviews.answer.choose');
    if (!text) found.note = t('forms:validation.required');
    else if (text.length < 3) found.note = t('forms:validation.tooShort', { count: 3 });
    else if (text.length > 2000) found.note = t('forms:validation.tooLong', { count: 2000 });
    setErrors(found);
    if (found.outcome) return firstRadio.current?.focus();
    if (found.note) return noteField.current?.focus();
    if (outcome) answer.mutate({ id, body: { outcome, note: text } });
  }

  return (
    <form noValidate onSubmit={submit} className="mt-6 flex flex-col gap-4 border-slate-200 border-t pt-4">
      <fieldset aria-describedby={errors.outcome ? outcomeErrorId : undefined}>
        <legend className="font-medium text-slate-900">{t('reviews.answer.legend')}</legend>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-6">
          {(['upheld', 'reversed'] as const).map((value, index) => (
            <label key={value} className="flex min-h-11 items-center gap-2 text-slate-900">
              <input
                ref={index === 0 ? firstRadio : undefined}
                type="radio"
                name={`outcome-${id}`}
                value={value}
                checked={outcome === value}
                onChange={() => {
                  setOutcome(value);
                  setErrors((previous) => ({ ...previous, outcome: undefined }));
                }}
                className="size-5 accent-brand-700"
              />
              {t(`reviews.answer.${value}`)}
            </label>
          ))}
        </div>
        <FieldError id={outcomeErrorId} message={errors.outcome} />
      </fieldset>
      <Textarea
        ref={noteField}
        label={t('reviews.answer.note')}
        hint={t('reviews.answer.noteHint')}
        required
        rows={3}
        value={note}
        error={errors.note}
        onChange={(event) => {
          setNote(event.target.value);
          setErrors((previous) => ({ ...previous, note: undefined }));
        }}
      />
      <ServerErrorAlert error={answer.error} />
      <div>
        <SubmitButton pending={answer.isPending}>{t('reviews.answer.submit')}</SubmitButton>
      </div>
    </form>
  );
}
