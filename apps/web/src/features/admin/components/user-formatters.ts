import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';

/** Dates of the admin console in the admin's language and time zone. */
export function useAdminFormatters() {
  const { i18n } = useTranslation();
  const { user } = useSession();
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  return {
    language,
    moment: (iso: string) => formatDateTime(iso, language, user?.timeZone),
    day: (iso: string) => {
      const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
      try {
        return new Intl.DateTimeFormat(language, { ...options, timeZone: user?.timeZone }).format(
          new Date(iso),
        );
      } catch {
        return new Intl.DateTimeFormat(language, options).format(new Date(iso));
      }
    },
  } as const;
}
