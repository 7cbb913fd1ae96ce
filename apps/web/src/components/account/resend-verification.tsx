import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, getErrorMessage, parseRetryAfter } from '../../lib/api-error';
import { session } from '../../lib/auth';
import { cn } from '../../lib/cn';
import { formatWait } from '../../lib/format';
import { Button, type ButtonVariant } from '../ui/button';

type ResendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent' }
  | { kind: 'error'; error: ApiError };

/** Reads the code of an error response without zod (this component is in the main bundle). */
async function errorOf(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  let code: ApiError['code'] = response.status === 429 ? 'RATE_LIMITED' : 'INTERNAL';
  try {
    const body = (await response.json()) as { code?: unknown };
    if (typeof body.code === 'string') code = body.code as ApiError['code'];
  } catch {
    // not JSON: keep the code derived from the status
  }
  return new ApiError({ status: response.status, code, retryAfterSeconds });
}

/**
 * "Resend the email" for a signed-in person whose address is not confirmed yet, with the outcome in a
 * live region: sent, or how long to wait when asked too often (429).
 */
export function ResendVerification({
  email,
  variant = 'secondary',
  className,
}: {
  email: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<ResendState>({ kind: 'idle' });

  async function resend() {
    setState({ kind: 'sending' });
    try {
      const response = await session.fetch('/api/auth/resend-verification', {
        method: 'POST',
        headers: { accept: 'application/json, application/problem+json' },
      });
      setState(response.ok ? { kind: 'sent' } : { kind: 'error', error: await errorOf(response) });
    } catch (cause) {
      setState({ kind: 'error', error: new ApiError({ status: 0, code: 'NETWORK', cause }) });
    }
  }

  let message = '';
  if (state.kind === 'sent') message = t('unverified.sent', { email });
  if (state.kind === 'error') {
    const { error } = state;
    const wait = error.retryAfterSeconds ? formatWait(error.retryAfterSeconds, i18n.language) : undefined;
    message =
      error.code === 'RATE_LIMITED' && wait
        ? t('unverified.rateLimited', { wait })
        : getErrorMessage(t, error);
  }

  return (
    <div className={cn('flex flex-col items-start gap-2', className)}>
      <Button variant={variant} onClick={() => void resend()} disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? t('unverified.sending') : t('unverified.resend')}
      </Button>
      {/* Always in the page, so screen readers announce what appears in it. */}
      <p
        role="status"
        className={cn('font-medium text-sm', state.kind === 'error' ? 'text-maple-700' : 'text-emerald-800')}
      >
        {message}
      </p>
    </div>
  );
}
