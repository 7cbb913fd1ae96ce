import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

const linkClasses =
  'inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-3 font-medium text-slate-700 no-underline hover:bg-brand-50 hover:text-brand-900';
const activeClasses = 'bg-brand-50 text-brand-900 ring-1 ring-brand-200';

/**
 * The admin console's sections, at the top of its pages. The current section is marked `aria-current`
 * (by the router), and stays so on its sub-pages (a member, a batch).
 */
export function AdminNav({ className }: { className?: string }) {
  const { t } = useTranslation('admin-users');
  const privacyId = useId();
  const links = [
    { to: '/admin/users', label: t('nav.users') },
    { to: '/admin/batches', label: t('nav.batches') },
    { to: '/admin/moderation', label: t('nav.moderation') },
    { to: '/admin/watched-words', label: t('nav.watchedWords') },
    { to: '/admin/verifications', label: t('nav.verifications') },
    { to: '/admin/audit', label: t('nav.audit') },
    { to: '/admin/stats', label: t('nav.stats') },
    { to: '/admin/deliveries', label: t('nav.deliveries') },
  ] as const;
  const privacyLinks = [
    { to: '/admin/privacy/incidents', label: t('nav.privacyIncidents') },
    { to: '/admin/privacy/retention', label: t('nav.retention') },
    { to: '/admin/privacy/reviews', label: t('nav.reviews') },
  ] as const;
  return (
    <nav aria-label={t('nav.label')} className={cn('border-slate-200 border-b pb-2', className)}>
      <ul className="flex flex-wrap gap-1">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className={linkClasses} activeProps={{ className: activeClasses }}>
              {link.label}
            </Link>
          </li>
        ))}
        {/* Privacy and records: a group of its own, named for assistive technology and on screen. */}
        <li className="flex flex-wrap items-center gap-1 sm:border-slate-200 sm:border-s sm:ps-2">
          <span id={privacyId} className="px-1 font-semibold text-slate-600 text-sm">
            {t('nav.privacy')}
          </span>
          <ul aria-labelledby={privacyId} className="flex flex-wrap gap-1">
            {privacyLinks.map((link) => (
              <li key={link.to}>
                <Link to={link.to} className={linkClasses} activeProps={{ className: activeClasses }}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </li>
      </ul>
    </nav>
  );
}
