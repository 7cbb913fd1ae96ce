import type { TAutomatedDecision } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useAutomatedDecisions } from '../api/list-automated-decisions';
import { useRequestReview } from '../api/request-review';
import { factorSentence } from '../lib/factors';
import { linkClasses, PrivacySection } from './privacy-section';

const knownSubjects = new Set(['post', 'comment', 'user']);

/**
 * What automated rules decided about the person (a post held for moderation, a trust level), the main
 * factors in plain words, and the request for a person to look again, with its answer.
 */
export function DecisionsSection({ when }: { when: (iso: string) => string }) {
  const { t } = useTranslation('privacy-account');
  const decisions = useAutomatedDecisions();
  const items = decisions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <PrivacySection id="decisions" title={t('decisions.title')} intro={t('decisions.intro')}>
      {decisions.isPending && <Spinner label={t('loading')} />}
      {decisions.isError && <ServerErrorAlert error={decisions.error} />}
      {decisions.data &&
        (items.length === 0 ? (
          <p className="text-slate-700">{t('decisions.empty')}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {items.map((decision) => (
              <Decision key={decision.id} decision={decision} when={when} />
            ))}
          </ul>
        ))}
      {decisions.hasNextPage && (
        <Button
          variant="secondary"
          className="mt-4"
          disabled={decisions.isFetchingNextPage}
          onClick={() => void decisions.fetchNextPage()}
        >
          {t('decisions.loadMore')}
        </Button>
      )}
      {decisions.isFetchNextPageError && <ServerErrorAlert error={decisions.error} className="mt-4" />}
    </PrivacySection>
  );
}

function outcomeText(
  t: (key: string, options?: Record<string, unknown>) => string,
  decision: TAutomatedDecision,
) {
  if (decision.kind === 'moderation_hold' && decision.outcome === 'held') return t('decisions.outcomeHeld');
  if (decision.kind === 'trust_level' && /^\d+$/.test(decision.outcome)) {
    return t('decisions.outcomeLevel', { level: decision.outcome });
  }
  return t('decisions.outcomeOther', { outcome: decision.outcome });
}

function Decision({ decision, when }: { decision: TAutomatedDecision; when: (iso: string) => string }) {
  const { t } = useTranslation('privacy-account');
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const titleId = useId();
  const subject = knownSubjects.has(decision.subjectType)
    ? t(`decisions.subjects.${decision.subjectType}` as 'decisions.subjects.post')
    : t('decisions.subjects.other', { type: decision.subjectType });

  return (
    <li>
      <article aria-labelledby={titleId} className="rounded-xl p-4 ring-1 ring-slate-200 ring-inset">
        <h3 id={titleId} className="flex flex-wrap items-center gap-2 font-semibold text-lg text-slate-900">
          <span>{t(`decisions.kinds.${decision.kind}`)}</span>
          <Badge tone={decision.kind === 'moderation_hold' ? 'warning' : 'brand'}>
            {outcomeText(translate, decision)}
          </Badge>
        </h3>
        <p className="mt-1 text-slate-700 text-sm">
          {decision.subjectType === 'post' && decision.subjectId ? (
            <Link to="/inside/$postId" params={{ postId: decision.subjectId }} className={linkClasses}>
              {subject}
            </Link>
          ) : (
            subject
          )}
          {' · '}
          <time dateTime={decision.createdAt}>
            {t('decisions.decidedAt', { date: when(decision.createdAt) })}
          </time>
        </p>

        <p className="mt-3 font-medium text-slate-900">{t('decisions.factorsTitle')}</p>
        {decision.factors.length === 0 ? (
          <p className="text-slate-700">{t('decisions.noFactors')}</p>
        ) : (
          <ul className="mt-1 list-disc space-y-1 ps-6 text-slate-800">
            {decision.factors.map((factor, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: factors are shown as the API orders them
              <li key={`${factor.code}-${index}`}>{factorSentence(translate, factor)}</li>
            ))}
          </ul>
        )}

        <Review decision={decision} when={when} titleId={titleId} />
      </article>
    </li>
  );
}

function Review({
  decision,
  when,
  titleId,
}: {
  decision: TAutomatedDecision;
  when: (iso: string) => string;
  titleId: string;
}) {
  const { t } = useTranslation('privacy-account');
  const request = useRequestReview();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [sent, setSent] = useState(false);
  const formId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (message.trim().length < 3) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    try {
      await request.mutateAsync({ id: decision.id, message: message.trim() });
      setOpen(false);
      setMessage('');
      setSent(true);
    } catch {
      // shown below, translated from its code
    }
  }

  return (
    <div className="mt-4 flex flex-col gap-3 border-slate-200 border-t pt-3">
      {decision.review === 'requested' && decision.reviewRequestedAt && (
        <p className="text-slate-800">
          {t('decisions.review.requested', { date: when(decision.reviewRequestedAt) })}
        </p>
      )}
      {(decision.review === 'upheld' || decision.review === 'reversed') && (
        <Alert tone={decision.review === 'reversed' ? 'success' : 'info'} live={false}>
          <p className="font-medium">{t(`decisions.review.${decision.review}`)}</p>
          {decision.reviewNote && <p>{t('decisions.review.note', { note: decision.reviewNote })}</p>}
          {decision.reviewedAt && (
            <p className="text-sm">{t('decisions.review.reviewedAt', { date: when(decision.reviewedAt) })}</p>
          )}
        </Alert>
      )}
      {decision.review === 'none' && !open && (
        <div>
          <Button
            variant="secondary"
            aria-expanded={false}
            aria-controls={formId}
            aria-describedby={titleId}
            onClick={() => {
              setSent(false);
              setOpen(true);
            }}
          >
            {t('decisions.ask')}
          </Button>
        </div>
      )}
      {open && (
        <form
          id={formId}
          noValidate
          onSubmit={(event) => void onSubmit(event)}
          className="flex flex-col gap-3"
        >
          <Textarea
            label={t('decisions.messageLabel')}
            hint={t('decisions.messageHint')}
            required
            autoFocus
            maxLength={2000}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            error={tooShort ? t('decisions.messageHint') : undefined}
          />
          <ServerErrorAlert error={request.error} />
          <div className="flex flex-col gap-2 sm:flex-row">
            <SubmitButton pending={request.isPending}>{t('decisions.send')}</SubmitButton>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              {t('decisions.cancelAsk')}
            </Button>
          </div>
        </form>
      )}
      <SaveStatus message={sent ? t('decisions.sent') : null} />
    </div>
  );
}
