import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { usePageMeta } from '../../../lib/use-page-meta';

/** Holds the log-in address until accounts ship. */
export function LoginPage() {
  const { t } = useTranslation('auth');
  usePageMeta(t('login.metaTitle'));

  return (
    <div className="mx-auto max-w-xl px-4 py-16 sm:px-6 sm:py-24">
      <Card>
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight">{t('login.title')}</h1>
        <p className="mt-4 text-lg text-slate-700">{t('login.body')}</p>
        <ButtonLink to="/" variant="secondary" className="mt-8">
          {t('login.home')}
        </ButtonLink>
      </Card>
    </div>
  );
}
