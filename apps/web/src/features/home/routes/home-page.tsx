import { useTranslation } from 'react-i18next';
import { usePageMeta } from '../../../lib/use-page-meta';
import { ClosingCta } from '../components/closing-cta';
import { Hero } from '../components/hero';
import { HowItWorks } from '../components/how-it-works';
import { ModulesSection } from '../components/modules-section';
import { ValuesSection } from '../components/values-section';

export function HomePage() {
  const { t } = useTranslation('home');
  usePageMeta(t('meta.title'), t('meta.description'));

  return (
    <>
      <Hero />
      <ModulesSection />
      <HowItWorks />
      <ValuesSection />
      <ClosingCta />
    </>
  );
}
