import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { ButtonLink } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { usePageMeta } from '../../../lib/use-page-meta';

const route = getRouteApi('/signup');

/** Holds the sign-up address (and its `role`) until account creation ships. */
export function SignupPage() {
  const { t } = useTranslation('auth');
  const { role } = route.useSearch();
  usePageMeta(t('signup.metaTitle'));

  return (
    <div className="mx-auto max-w-xl px-4 py-16 sm:px-6 sm:py-24">
      <Card>
        {role && <Badge tone="brand">{t(role === 'pro' ? 'signup.rolePro' : 'signup.roleCandidate')}</Badge>}
        <h1 className="mt-3 font-bold text-3xl text-brand-950 tracking-tight">{t('signup.title')}</h1>
        <p className="mt-4 text-lg text-slate-700">{t('signup.body')}</p>
        <p className="mt-3 text-slate-700">{t('signup.contact')}</p>
        <ButtonLink to="/" variant="secondary" className="mt-8">
          {t('signup.home')}
        </ButtonLink>
      </Card>
    </div>
  );
}
