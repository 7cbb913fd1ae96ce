import { getRouteApi, Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { ConsentsSection } from '../components/consents-section';
import { DataExportSection } from '../components/data-export-section';
import { DecisionsSection } from '../components/decisions-section';
import { DeletionSection } from '../components/deletion-section';

const route = getRouteApi('/profile/privacy');

const sections = [
  { id: 'consents', key: 'consents.title' },
  { id: 'data', key: 'exports.title' },
  { id: 'deletion', key: 'deletion.title' },
  { id: 'decisions', key: 'decisions.title' },
] as const;

const navLinkClasses =
  'inline-flex min-h-11 items-center rounded-lg px-3 py-2 font-medium text-brand-800 no-underline ring-1 ring-slate-200 ring-inset hover:bg-brand-50 lg:flex lg:ring-0';

/**
 * The person's side of privacy: consents, a copy of their data, deleting the account, and the automated
 * decisions about them. Times are in the person's own time zone.
 */
export function PrivacySettingsPage() {
  const { t, i18n } = useTranslation('privacy-account');
  usePageMeta(t('metaTitle'));
  const search = route.useSearch();
  const hash = useRouterState({ select: (state) => state.location.hash });
  const navigate = useNavigate();
  const { status, user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const timeZone = user?.timeZone;
  const when = useCallback((iso: string) => formatDateTime(iso, language, timeZone), [language, timeZone]);

  // Set while the account's deletion is being sent: it ends every session, and a request of the page
  // can see that first; the deletion then leads to its own page, not to the login.
  const deleting = useRef(false);

  // The session ended while the page was open (logged out elsewhere, expired): back to the login.
  useEffect(() => {
    if (status === 'anonymous' && !deleting.current)
      void navigate({ to: '/login', search: { redirect: '/profile/privacy' }, replace: true });
  }, [status, navigate]);

  // Arriving from a link to a section (`#decisions`): the sections are there from the first render.
  useEffect(() => {
    if (hash) document.getElementById(hash)?.scrollIntoView();
  }, [hash]);

  const email = useRef(user?.email ?? '');
  if (user) email.current = user.email;
  if (!email.current) return null;
  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <Link
        to="/profile"
        className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-4 hover:text-brand-950"
      >
        {t('backToProfile')}
      </Link>
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">{t('intro')}</p>

      {search.notice === 'deletion-cancelled' && (
        <Alert tone="success" className="mt-6 max-w-2xl">
          {t('notices.deletionCancelled')}
        </Alert>
      )}

      <div className="mt-8 grid gap-8 lg:grid-cols-[14rem_1fr]">
        <nav aria-label={t('sectionsLabel')} className="lg:sticky lg:top-24 lg:self-start">
          <ul className="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
            {sections.map((section) => (
              <li key={section.id}>
                <Link to="/profile/privacy" hash={section.id} search={{}} className={navLinkClasses}>
                  {t(section.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex min-w-0 flex-col gap-8">
          <ConsentsSection when={when} />
          <DataExportSection when={when} />
          <DeletionSection email={email.current} when={when} deleting={deleting} />
          <DecisionsSection when={when} />
        </div>
      </div>
    </div>
  );
}
