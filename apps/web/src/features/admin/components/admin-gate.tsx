import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';
import { useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';

/** The admin pages' content for admins; a 403 page for everyone else (the API refuses them too). */
export function AdminGate({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if (user?.role === 'admin') return children;
  return <Forbidden />;
}

function Forbidden() {
  const { t } = useTranslation('admin');
  usePageMeta(t('forbidden.title'));
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 sm:px-6">
      <p className="font-semibold text-maple-700">{t('forbidden.code')}</p>
      <h1 className="mt-2 font-bold text-3xl text-brand-950">{t('forbidden.title')}</h1>
      <p className="mt-4 text-lg text-slate-700">{t('forbidden.body')}</p>
      <ButtonLink to="/" className="mt-8">
        {t('forbidden.home')}
      </ButtonLink>
    </div>
  );
}
