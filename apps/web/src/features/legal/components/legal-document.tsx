import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type RichTextComponents, renderRichText } from '../../../lib/rich-text';
import { usePageMeta } from '../../../lib/use-page-meta';

type LegalNamespace = 'privacy' | 'terms';

const linkClasses = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900';

function externalLink(href: string) {
  return (text: string) => (
    <a href={href} className={linkClasses}>
      {text}
    </a>
  );
}

function mailLink(address: string) {
  return (text: string) => (
    <a href={`mailto:${address}`} className={linkClasses}>
      {text}
    </a>
  );
}

function useInlineComponents(): RichTextComponents {
  const { i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return {
    privacyMail: mailLink('confidentialite@capitune.ca'),
    contactMail: mailLink('contact@capitune.ca'),
    cai: externalLink('https://www.cai.gouv.qc.ca/'),
    opc: externalLink(en ? 'https://www.priv.gc.ca/en/' : 'https://www.priv.gc.ca/fr/'),
    privacyLink: (text) => (
      <Link to="/privacy" className={linkClasses}>
        {text}
      </Link>
    ),
    termsLink: (text) => (
      <Link to="/terms" className={linkClasses}>
        {text}
      </Link>
    ),
    accountPrivacyLink: (text) => (
      <Link to="/profile/privacy" className={linkClasses}>
        {text}
      </Link>
    ),
  };
}

/** A legal page from its namespace: title, date, table of contents, numbered sections. */
export function LegalDocument({
  namespace,
  path,
  extraSection,
}: {
  namespace: LegalNamespace;
  path: '/privacy' | '/terms';
  /** A last section drawn from live data (the privacy page's officer and retention table). */
  extraSection?: { id: string; title: string; render: (components: RichTextComponents) => ReactNode };
}) {
  const { t } = useTranslation(namespace);
  const components = useInlineComponents();
  usePageMeta(t('meta.title'), t('meta.description'));
  const intro = t('intro', { returnObjects: true });
  const sections = t('sections', { returnObjects: true });

  return (
    <article className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16">
      <header className="border-slate-200 border-b pb-8">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
        <p className="mt-3 text-slate-600">{t('updated')}</p>
        <div className="mt-6 space-y-4 text-lg text-slate-800">
          {intro.map((paragraph) => (
            <p key={paragraph}>{renderRichText(paragraph, components)}</p>
          ))}
        </div>
      </header>

      <nav aria-labelledby="toc-title" className="mt-8 rounded-2xl bg-white p-6 ring-1 ring-slate-200">
        <h2 id="toc-title" className="font-semibold text-brand-950">
          {t('tocLabel')}
        </h2>
        <ol className="mt-3 space-y-1.5">
          {sections.map((section) => (
            <li key={section.id}>
              <Link to={path} hash={section.id} className={linkClasses}>
                {section.title}
              </Link>
            </li>
          ))}
          {extraSection && (
            <li>
              <Link to={path} hash={extraSection.id} className={linkClasses}>
                {extraSection.title}
              </Link>
            </li>
          )}
        </ol>
      </nav>

      <div className="mt-4">
        {sections.map((section) => (
          <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`} className="mt-10">
            <h2 id={`${section.id}-title`} className="font-bold text-2xl text-brand-950">
              {section.title}
            </h2>
            <div className="mt-4 space-y-4 text-slate-800 leading-relaxed">
              {section.blocks.map((block, index) =>
                block.ul ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static content, never reordered
                  <ul key={index} className="list-disc space-y-2 ps-6 marker:text-brand-600">
                    {block.ul.map((item) => (
                      <li key={item}>{renderRichText(item, components)}</li>
                    ))}
                  </ul>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static content, never reordered
                  <p key={index}>{renderRichText(block.p ?? '', components)}</p>
                ),
              )}
            </div>
          </section>
        ))}
        {extraSection && (
          <section id={extraSection.id} aria-labelledby={`${extraSection.id}-title`} className="mt-10">
            <h2 id={`${extraSection.id}-title`} className="font-bold text-2xl text-brand-950">
              {extraSection.title}
            </h2>
            <div className="mt-4">{extraSection.render(components)}</div>
          </section>
        )}
      </div>
    </article>
  );
}
