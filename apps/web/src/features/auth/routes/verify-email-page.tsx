import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ResendVerification } from '../../../components/account/resend-verification';
import { Alert } from '../../../components/ui/alert';
import { ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError, getErrorMessage, isApiError } from '../../../lib/api-error';
import { session, useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';
import { verifyEmail } from '../api/auth-api';
import { AuthLayout } from '../components/auth-layout';

const route = getRouteApi('/verify-email');

/** Confirms the address with the token of the link, once, as the page opens. */
async function verifyAndRefresh(token: string): Promise<true> {
  await verifyEmail(token);
  // A signed-in person gets a new token saying "verified": the banner goes, the closed features open.
  if (session.getSnapshot().status === 'signedIn') await session.refresh();
  return true;
}

export function VerifyEmailPage() {
  const { t } = useTranslation('auth');
  const { token } = route.useSearch();
  const { status, user } = useSession();
  const signedIn = status === 'signedIn';
  usePageMeta(t('verify.metaTitle'));

  const verification = useQuery({
    queryKey: ['verify-email', token],
    queryFn: () =>
      token ? verifyAndRefresh(token) : Promise.reject(new ApiError({ status: 400, code: 'INVALID_TOKEN' })),
    // A token works once: never ask again for the same one (a second answer would say "invalid").
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

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
