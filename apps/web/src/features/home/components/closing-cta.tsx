import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';

export function ClosingCta() {
  const { t } = useTranslation('home');

  return (
    <section aria-labelledby="cta-title" className="px-4 pb-16 sm:px-6 sm:pb-24 lg:px-8">
      <div className="surface-dark mx-auto max-w-7xl rounded-3xl bg-brand-900 px-6 py-12 text-center sm:px-12 sm:py-16">
        <h2 id="cta-title" className="text-balance font-bold text-3xl text-white tracking-tight sm:text-4xl">
          {t('cta.title')}
        </h2>
        <p className="mx-auto mt-4 max-w-2xl text-brand-100 text-lg">{t('cta.body')}</p>
        <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
          <ButtonLink to="/signup" search={{ role: 'candidate' }} variant="inverse" size="lg">
            {t('hero.ctaCandidate')}
          </ButtonLink>
          <ButtonLink to="/signup" search={{ role: 'pro' }} variant="inverseOutline" size="lg">
            {t('hero.ctaPro')}
          </ButtonLink>
        </div>
        <p className="mx-auto mt-8 max-w-2xl text-brand-200 text-sm">{t('cta.disclaimer')}</p>
      </div>
    </section>
  );
}
