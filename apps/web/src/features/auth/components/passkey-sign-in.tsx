import type { TLoginResponse } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { isApiError } from '../../../lib/api-error';
import { authenticateWithPasskey, passkeyFailure, supportsWebAuthn } from '../../../lib/webauthn';
import { passkeySignInOptions, signInWithPasskey } from '../api/passkey-sign-in';

/** "Sign in with a passkey": no email, no password; hidden where the browser has no WebAuthn. */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: (response: TLoginResponse) => Promise<void> }) {
  const { t } = useTranslation('auth');
  const [available] = useState(supportsWebAuthn);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!available) return null;

  async function signIn() {
    setPending(true);
    setNotice(null);
    setError(null);
    try {
      const { challengeId, options } = await passkeySignInOptions();
      const credential = await authenticateWithPasskey(options);
      await onSignedIn(await signInWithPasskey({ challengeId, credential }));
    } catch (caught) {
      const failure = passkeyFailure(caught);
      if (failure) setNotice(t(failure === 'cancelled' ? 'passkey.cancelled' : 'passkey.failed'));
      else if (isApiError(caught) && caught.code === 'SECOND_FACTOR_INVALID') setNotice(t('passkey.unknown'));
      else setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-6 flex flex-col gap-4 border-slate-200 border-t pt-6">
      <p className="text-slate-700">{t('passkey.intro')}</p>
      <Button
        variant="secondary"
        size="lg"
        disabled={pending}
        aria-busy={pending || undefined}
        onClick={() => void signIn()}
      >
        {t('passkey.button')}
      </Button>
      {notice && <Alert tone="warning">{notice}</Alert>}
      <ServerErrorAlert error={error} />
    </div>
  );
}
