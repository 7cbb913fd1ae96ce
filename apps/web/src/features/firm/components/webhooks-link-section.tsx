import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';

/** On "My firm", for its licensees: what webhooks are for, and the way to the page that manages them. */
export function WebhooksLinkSection({ headingId, className }: { headingId: string; className?: string }) {
  const { t } = useTranslation('webhooks');
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('firmSection.heading')}
      </h2>
      <p className="mt-2 text-slate-700">{t('firmSection.intro')}</p>
      <ButtonLink to="/firm/webhooks" variant="secondary" className="mt-4">
        {t('firmSection.link')}
      </ButtonLink>
    </section>
  );
}
