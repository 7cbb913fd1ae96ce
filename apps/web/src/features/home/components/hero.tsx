import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';
import { ArrowRightIcon, CheckIcon } from '../../../components/ui/icons';
import { DossierPreview } from './dossier-preview';

export function Hero() {
  const { t } = useTranslation('home');
  const highlights = t('hero.highlights', { returnObjects: true });

  return (
    <section
      aria-labelledby="hero-title"
      className="relative overflow-hidden bg-gradient-to-b from-brand-50 via-white to-slate-50"
    >
      <div className="mx-auto grid max-w-7xl items-center gap-12 px-4 py-14 sm:px-6 sm:py-20 lg:px-8 lg:py-24 xl:grid-cols-[1.25fr_1fr]">
        <div>
          <p className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 font-medium text-brand-800 text-sm ring-1 ring-brand-200">
            <span aria-hidden="true" className="size-2 rounded-full bg-maple-500" />
            {t('hero.eyebrow')}
          </p>
          <h1
            id="hero-title"
            className="mt-5 text-balance font-bold text-[2rem] text-brand-950 leading-tight tracking-tight sm:text-5xl sm:leading-[1.1]"
          >
            {t('hero.title')}
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-700 sm:text-xl">{t('hero.lead')}</p>

          <div className="mt-9 grid gap-4 sm:grid-cols-2">
            <div>
              <ButtonLink
                to="/signup"
                search={{ role: 'candidate' }}
                size="lg"
                block
                aria-describedby="hero-cta-candidate-hint"
              >
                {t('hero.ctaCandidate')}
                <ArrowRightIcon className="size-5" />
              </ButtonLink>
              <p id="hero-cta-candidate-hint" className="mt-2 text-slate-600 text-sm">
                {t('hero.ctaCandidateHint')}
              </p>
            </div>
            <div>
              <ButtonLink
                to="/signup"
                search={{ role: 'pro' }}
                size="lg"
                variant="secondary"
                block
                aria-describedby="hero-cta-pro-hint"
              >
                {t('hero.ctaPro')}
                <ArrowRightIcon className="size-5" />
              </ButtonLink>
              <p id="hero-cta-pro-hint" className="mt-2 text-slate-600 text-sm">
                {t('hero.ctaProHint')}
              </p>
            </div>
          </div>

          <h2 className="sr-only">{t('hero.highlightsLabel')}</h2>
          <ul className="mt-9 flex flex-col gap-x-6 gap-y-2 text-slate-700 sm:flex-row sm:flex-wrap">
            {highlights.map((highlight) => (
              <li key={highlight} className="flex items-center gap-2">
                <CheckIcon className="size-5 shrink-0 text-emerald-700" />
                {highlight}
              </li>
            ))}
          </ul>
        </div>

        <DossierPreview />
      </div>
    </section>
  );
}
