import { useTranslation } from 'react-i18next';
import { Spinner } from '../components/ui/spinner';

/** Shown while a page's code or translations load, if that takes more than a moment. */
export function RoutePending() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex max-w-2xl justify-center px-4 py-24">
      <Spinner label={t('pending')} />
    </div>
  );
}
