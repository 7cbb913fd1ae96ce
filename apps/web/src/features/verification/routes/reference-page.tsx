import { regulatorInfo } from '@capitune/contracts';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { Textarea } from '../../../components/ui/textarea';
import { isApiError } from '../../../lib/api-error';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useAnswerReference } from '../api/answer-reference';
import { useReferenceRequest } from '../api/lookup-reference';

const route = getRouteApi('/reference');

/**
 * `/reference?token=…`: a professional reference (no account) says whether they know the pro who named
 * them, with an optional comment. One answer per link.
 */
export function ReferencePage() {
  const { t } = useTranslation('verification');
  usePageMeta(t('reference.metaTitle'));
  const { token } = route.useSearch();

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('reference.title')}</h1>
      {token ? <ReferenceRequest token={token} /> : <BadLink />}
    </div>
  );
}

function BadLink() {
  const { t } = useTranslation('verification');
  return (
    <>
      <p className="mt-4 text-lg text-slate-700">{t('reference.badLink')}</p>
      <ButtonLink to="/" variant="secondary" className="mt-6">
        {t('reference.home')}
      </ButtonLink>
    </>
  );
}

function ReferenceRequest({ token }: { token: string }) {
  const { t, i18n } = useTranslation(['verification', 'forms']);
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  const request = useReferenceRequest(token);
  const answer = useAnswerReference();
  const [comment, setComment] = useState('');

  if (request.isPending) return <Spinner label={t('loading')} className="mt-8" />;
  if (request.isError) {
    return isApiError(request.error) && request.error.code === 'INVALID_TOKEN' ? (
      <BadLink />
    ) : (
      <ServerErrorAlert error={request.error} className="mt-8" />
    );
  }
  const data = request.data;
  const regulator = regulatorInfo[data.regulator];

  return (
    <>
      <p className="mt-4 text-lg text-slate-700">{t('reference.greeting', { name: data.referenceName })}</p>
      <dl className="mt-6 grid gap-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <div>
          <dt className="text-slate-600 text-sm">{t('reference.pro')}</dt>
          <dd className="font-semibold text-lg text-slate-900">{data.proName}</dd>
        </div>
        {data.organisationName && (
          <div>
            <dt className="text-slate-600 text-sm">{t('reference.firm')}</dt>
            <dd className="text-slate-900">{data.organisationName}</dd>
          </div>
        )}
        <div>
          <dt className="text-slate-600 text-sm">{t('reference.profession')}</dt>
          <dd className="text-slate-900">
            {t(`professions.${data.profession}`)} · {regulator.name[language]}
            {data.licenceNumber && ` · ${data.licenceNumber}`}
          </dd>
        </div>
      </dl>

      {data.status !== 'waiting' ? (
        <Alert tone="success" live={false} className="mt-6">
          {t(`reference.answered.${data.status}`)}
        </Alert>
      ) : (
        <form noValidate className="mt-6 flex flex-col gap-4" onSubmit={(event) => event.preventDefault()}>
          <p className="text-slate-700">{t('reference.question', { name: data.proName })}</p>
          <Textarea
            label={t('reference.comment')}
            hint={t('reference.commentHint')}
            rows={4}
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <ServerErrorAlert error={answer.error} />
          <div className="flex flex-wrap gap-3">
            {(['confirm', 'decline'] as const).map((choice) => (
              <Button
                key={choice}
                variant={choice === 'confirm' ? 'primary' : 'secondary'}
                disabled={answer.isPending}
                aria-busy={answer.isPending && answer.variables?.answer === choice ? true : undefined}
                onClick={() => answer.mutate({ token, answer: choice, comment: comment.trim() || null })}
              >
                {t(`reference.${choice}`)}
              </Button>
            ))}
          </div>
          <p className="text-slate-600 text-sm">{t('reference.privacy')}</p>
        </form>
      )}
    </>
  );
}
