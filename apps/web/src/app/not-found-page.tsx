import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/ui/button';
import { usePageMeta } from '../lib/use-page-meta';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageMeta(t('notFound.title'));

  return (
    <div className="mx-auto flex max-w-2xl flex-col items-start px-4 py-20 sm:px-6 sm:py-28">
      <p className="font-semibold text-maple-700">{t('notFound.code')}</p>
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('notFound.title')}
      </h1>
      <p className="mt-4 text-lg text-slate-700">{t('notFound.body')}</p>
      <ButtonLink to="/" size="lg" className="mt-8">
        {t('notFound.home')}
      </ButtonLink>
    </div>
  );
}
