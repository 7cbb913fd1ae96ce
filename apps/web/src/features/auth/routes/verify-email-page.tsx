import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ResendVerification } from '../../../components/account/resend-verification';
import { Alert } from '../../../components/ui/alert';
import { ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { getErrorMessage, isApiError } from '../../../lib/api-error';
import { useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useVerifyEmail } from '../api/verify-email';
import { AuthLayout } from '../components/auth-layout';

const route = getRouteApi('/verify-email');

export function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  const { token } = route.useSearch();
  const { status, user } = useSession();
  const signedIn = status === 'signedIn';
  usePageMeta(t('verify.metaTitle'));

  const verification = useVerifyEmail(token);

  if (verification.isPending) {
    return (
      <AuthLayout title={t('verify.metaTitle')}>
        <Spinner label={t('verify.verifying')} />
      </AuthLayout>
    );
  }

  const next = signedIn ? (
    <ButtonLink to="/profile">{t('verify.success.profile')}</ButtonLink>
  ) : (
    <ButtonLink to="/login">{t('verify.success.login')}</ButtonLink>
  );

  if (verification.isSuccess) {
    return (
      <AuthLayout title={t('verify.success.title')}>
        <Alert tone="success">{t('verify.success.body')}</Alert>
        <div className="mt-6">{next}</div>
      </AuthLayout>
    );
  }

  const error = verification.error;
  const code = isApiError(error) ? error.code : undefined;

  // The link was used already, by this very person: nothing is wrong.
  if (code === 'INVALID_TOKEN' && signedIn && user?.emailVerified) {
    return (
      <AuthLayout title={t('verify.already.title')}>
        <p className="text-slate-700">{t('verify.already.body')}</p>
        <div className="mt-6">{next}</div>
      </AuthLayout>
    );
  }

  if (code === 'INVALID_TOKEN' || code === 'TOKEN_EXPIRED') {
    const kind = code === 'TOKEN_EXPIRED' ? 'expired' : 'invalid';
    return (
      <AuthLayout title={t(`verify.${kind}.title`)}>
        <Alert tone="error">{t(`verify.${kind}.${signedIn ? 'signedIn' : 'signedOut'}`)}</Alert>
        <div className="mt-6">
          {signedIn && user ? (
            !user.emailVerified && <ResendVerification email={user.email} variant="primary" />
          ) : (
            <ButtonLink to="/login">{t('verify.login')}</ButtonLink>
          )}
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('verify.error.title')}>
      <Alert tone="error">{getErrorMessage(t, error)}</Alert>
      <ButtonLink to="/" variant="secondary" className="mt-6">
        {t('verify.home')}
      </ButtonLink>
    </AuthLayout>
  );
}
