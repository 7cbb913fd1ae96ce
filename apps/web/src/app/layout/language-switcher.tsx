import { useTranslation } from 'react-i18next';
import { GlobeIcon } from '../../components/ui/icons';
import { cn } from '../../lib/cn';
import { changeLocale } from '../../lib/i18n';
import type { Locale } from '../../lib/locale';

/**
 * One click to the other language. The button names that language in itself ("English" on the French
 * site, "Français" on the English one) and carries its `lang`, so screen readers pronounce it right.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { i18n } = useTranslation();
  const current: Locale = i18n.resolvedLanguage === 'en' ? 'en' : 'fr';
  const other: Locale = current === 'fr' ? 'en' : 'fr';
  const otherName = i18n.getFixedT(other)('language.name');

  return (
    <button
      type="button"
      lang={other}
      onClick={() => void changeLocale(other)}
      className={cn(
        'inline-flex min-h-11 items-center gap-1.5 rounded-lg px-2.5 font-medium text-brand-800 hover:bg-brand-50 sm:px-3',
        className,
      )}
    >
      <GlobeIcon className="hidden size-5 sm:block" />
      {otherName}
    </button>
  );
}
