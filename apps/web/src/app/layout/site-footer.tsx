import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BrandMark } from './brand-mark';

const contactEmail = 'contact@capitune.ca';
const privacyEmail = 'confidentialite@capitune.ca';

const footerLinkClasses = 'rounded text-brand-100 underline-offset-4 hover:text-white hover:underline';

export function SiteFooter() {
  const { t } = useTranslation();
  const year = new Date().getFullYear();

  return (
    <footer className="surface-dark bg-brand-950 text-brand-100">
      <div className="mx-auto grid max-w-7xl gap-10 px-4 py-12 sm:px-6 md:grid-cols-[2fr_1fr_1.5fr] lg:px-8">
        <div className="max-w-sm">
          <p className="flex items-center gap-2.5 font-bold text-lg text-white tracking-wide">
            <BrandMark className="size-8 rounded-lg ring-1 ring-white/30" />
            {t('brand')}
          </p>
          <p className="mt-3 text-brand-100">{t('footer.tagline')}</p>
        </div>

        <nav aria-labelledby="footer-legal-heading">
          <h2 id="footer-legal-heading" className="font-semibold text-sm text-white uppercase tracking-wider">
            {t('footer.legalHeading')}
          </h2>
          <ul className="mt-3 space-y-2">
            <li>
              <Link to="/privacy" className={footerLinkClasses}>
                {t('footer.privacy')}
              </Link>
            </li>
            <li>
              <Link to="/terms" className={footerLinkClasses}>
                {t('footer.terms')}
              </Link>
            </li>
          </ul>
        </nav>

        <div>
          <h2 className="font-semibold text-sm text-white uppercase tracking-wider">
            {t('footer.contactHeading')}
          </h2>
          <dl className="mt-3 space-y-3">
            <div>
              <dt className="text-brand-200 text-sm">{t('footer.contactLabel')}</dt>
              <dd>
                <a href={`mailto:${contactEmail}`} className={footerLinkClasses}>
                  {contactEmail}
                </a>
              </dd>
            </div>
            <div>
              <dt className="text-brand-200 text-sm">{t('footer.privacyContactLabel')}</dt>
              <dd>
                <a href={`mailto:${privacyEmail}`} className={footerLinkClasses}>
                  {privacyEmail}
                </a>
              </dd>
            </div>
          </dl>
        </div>
      </div>
      <div className="border-brand-800 border-t">
        <div className="mx-auto max-w-7xl space-y-2 px-4 py-6 text-brand-200 text-sm sm:px-6 lg:px-8">
          <p>{t('footer.disclaimer')}</p>
          <p>{t('footer.copyright', { year })}</p>
        </div>
      </div>
    </footer>
  );
}
