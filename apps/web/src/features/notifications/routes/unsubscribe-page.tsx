import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useUnsubscribe, useUnsubscribeInfo } from '../api/unsubscribe';

const knownKinds = [
  'announcements',
  'messages',
  'digest',
  'document_decisions',
  'milestones',
  'assignments',
  'webinar_reminders',
  'verification',
  'community_replies',
  'moderation',
] as const;

/**
 * `/unsubscribe/$token`: the page of a non-essential email's unsubscribe link (public: the signed token
 * says who). It asks before turning anything off (a link checker opening it changes nothing), then says
 * it is done; a bad or expired link gets the API's translated refusal.
 */
export function UnsubscribePage() {
  const { t } = useTranslation('unsubscribe');
  usePageMeta(t('metaTitle'));
  const { token } = useParams({ from: '/unsubscribe/$token' });
  const info = useUnsubscribeInfo(token);
  const unsubscribe = useUnsubscribe(token);
  const { user } = useSession();
  const doneRef = useRef<HTMLParagraphElement>(null);
  const justDone = unsubscribe.isSuccess;

  useEffect(() => {
    if (justDone) doneRef.current?.focus();
  }, [justDone]);

  const kind: (typeof knownKinds)[number] | 'other' =
    knownKinds.find((known) => known === info.data?.kind) ?? 'other';

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6 sm:py-16">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      {info.isPending && <Spinner label={t('loading')} className="mt-8" />}
      {info.isError && <ServerErrorAlert error={info.error} className="mt-8" />}
      {info.data &&
        (info.data.unsubscribed ? (
          <div className="mt-6 flex flex-col gap-4">
            <Alert tone="success" live={false}>
              <p ref={doneRef} tabIndex={-1} className="outline-none">
                {t('done', { kind: t(`kinds.${kind}`), email: info.data.email })}
              </p>
            </Alert>
            <p className="text-slate-700">{t('doneHint')}</p>
            {user && (
              <Link to="/profile" className="font-medium text-brand-800 underline-offset-4 hover:underline">
                {t('preferences')}
              </Link>
            )}
          </div>
        ) : (
          <div className="mt-6 flex flex-col items-start gap-4">
            <p className="text-lg text-slate-800">
              {t('question', { kind: t(`kinds.${kind}`), email: info.data.email })}
            </p>
            <p className="text-slate-700">{t('essential')}</p>
            <ServerErrorAlert error={unsubscribe.error} />
            <Button
              disabled={unsubscribe.isPending}
              aria-busy={unsubscribe.isPending || undefined}
              onClick={() => unsubscribe.mutate()}
            >
              {t('confirm')}
            </Button>
          </div>
        ))}
    </div>
  );
}
