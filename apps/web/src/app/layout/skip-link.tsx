import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const mainContentId = 'main';

/** First stop of the keyboard: jumps past the header to the page's content. */
export function SkipLink() {
  const { t } = useTranslation();

  function skip(event: MouseEvent<HTMLAnchorElement>) {
    // Move focus ourselves instead of changing the URL's hash (the router owns the URL).
    event.preventDefault();
    document.getElementById(mainContentId)?.focus();
  }

  return (
    <a
      href={`#${mainContentId}`}
      onClick={skip}
      className="sr-only z-50 rounded-lg bg-white px-4 py-3 font-semibold text-brand-900 shadow-lg ring-2 ring-brand-700 focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
    >
      {t('skipLink')}
    </a>
  );
}
