import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getErrorMessage, isApiError } from '../../lib/api-error';
import { formatWait } from '../../lib/format';
import { Alert } from '../ui/alert';

/**
 * The form-level message of a failed request, translated from its code, with how long to wait when the
 * API says so (rate limits, a locked account). `role="alert"`: announced as soon as it appears.
 */
export function ServerErrorAlert({
  error,
  children,
  className,
}: {
  error: unknown;
  children?: ReactNode;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const seconds = isApiError(error) ? error.retryAfterSeconds : undefined;
  const wait = seconds ? formatWait(seconds, i18n.language) : undefined;
  return (
    <Alert tone="error" className={className}>
      <p>
        {getErrorMessage(t, error)}
        {wait && ` ${t('retryIn', { wait })}`}
      </p>
      {children}
    </Alert>
  );
}
