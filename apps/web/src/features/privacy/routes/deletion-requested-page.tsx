import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { usePageMeta } from '../../../lib/use-page-meta';

const route = getRouteApi('/deletion-requested');

/** Where a person lands after asking to delete their account: signed out, with the date and the way back. */
export function DeletionRequestedPage() {
  const { t, i18n } = useTranslation('privacy-account');
  usePageMeta(t('deletionRequested.metaTitle'));
  const { due } = route.useSearch();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const date = due ? new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(due)) : null;

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6 sm:py-14">
      <Card>
        <h1 className="font-bold text-2xl text-brand-950 tracking-tight sm:text-3xl">
          {t('deletionRequested.title')}
        </h1>
        <p role="status" className="mt-4 text-lg text-slate-800">
          {date ? t('deletionRequested.body', { date }) : t('deletionRequested.bodyNoDate', { days: 30 })}
        </p>
        <p className="mt-3 text-slate-700">{t('deletionRequested.cancelHint')}</p>
        <div className="mt-6 flex flex-col gap-3 sm:flex-row">
          <ButtonLink to="/login">{t('deletionRequested.login')}</ButtonLink>
          <ButtonLink to="/" variant="secondary">
            {t('deletionRequested.home')}
          </ButtonLink>
        </div>
      </Card>
    </div>
  );
}
