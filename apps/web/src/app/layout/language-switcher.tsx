import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GlobeIcon } from '../../components/ui/icons';
import { session, useSession } from '../../lib/auth';
import { cn } from '../../lib/cn';
import { changeLocale } from '../../lib/i18n';
import type { Locale } from '../../lib/locale';

/** How long the notice stays on screen. */
const NOTICE_MS = 8000;

/**
 * One click to the other language. The button names that language in itself ("English" on the French
 * site, "Français" on the English one) and carries its `lang`, so screen readers pronounce it right.
 * Signed in, the choice is the account's language too (emails, reminders), and a polite notice says so.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const { status } = useSession();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<'savedToAccount' | 'notSavedToAccount' | null>(null);
  const current: Locale = i18n.resolvedLanguage === 'en' ? 'en' : 'fr';
  const other: Locale = current === 'fr' ? 'en' : 'fr';
  const otherName = i18n.getFixedT(other)('language.name');

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  async function switchTo(locale: Locale) {
    setNotice(null);
    await changeLocale(locale);
    if (status !== 'signedIn') return;
    try {
      // Loaded on demand: the home page's bundle stays without the API client.
      const { updateMeAndCache } = await import('../../features/account/api/update-me');
      const updated = await updateMeAndCache(queryClient, { locale });
      session.updateUser(updated);
      setNotice('savedToAccount');
    } catch {
      setNotice('notSavedToAccount');
    }
  }

  return (
    <>
      <button
        type="button"
        lang={other}
        onClick={() => void switchTo(other)}
        className={cn(
          'inline-flex min-h-11 items-center gap-1.5 rounded-lg px-2.5 font-medium text-brand-800 hover:bg-brand-50 sm:px-3',
          className,
        )}
      >
        <GlobeIcon className="hidden size-5 sm:block" />
        {otherName}
      </button>
      {/* Always in the page, so that the notice is announced when it appears; it never blocks a click. */}
      <div role="status" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 mx-auto max-w-md">
        {notice && (
          <p
            className={cn(
              'rounded-xl p-4 shadow-lg ring-1 ring-inset',
              notice === 'savedToAccount'
                ? 'bg-brand-900 text-white ring-brand-900'
                : 'bg-white text-maple-700 ring-maple-600',
            )}
          >
            {t(`language.${notice}`)}
          </p>
        )}
      </div>
    </>
  );
}
