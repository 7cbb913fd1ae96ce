import { type TLoginResponse, type TSecondFactorRequired, ZLoginBody } from '@capitune/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Input } from '../../../components/ui/input';
import { PasswordInput } from '../../../components/ui/password-input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { session } from '../../../lib/auth';
import { safeRedirect } from '../../../lib/auth/redirect';
import { translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { securityOverviewQuery } from '../../../lib/security/security-overview';
import { twoFactorGate } from '../../../lib/two-factor-gate';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useLogIn } from '../api/log-in';
import { AuthFooter, AuthLayout, textLinkClasses } from '../components/auth-layout';
import { PasskeySignIn } from '../components/passkey-sign-in';
import { SecondFactorStep } from '../components/second-factor-step';

const route = getRouteApi('/login');

interface LoginValues {
  email: string;
  password: string;
}
type LoginOutput = z.output<typeof ZLoginBody>;

export function LoginPage() {
  const { t } = useTranslation(['auth', 'forms', 'common']);
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<unknown>(null);
  const [secondFactor, setSecondFactor] = useState<TSecondFactorRequired | null>(null);
  const [expired, setExpired] = useState(false);
  usePageMeta(t('login.metaTitle'));

  const form = useForm<LoginValues, unknown, LoginOutput>({
    resolver: formResolver<LoginValues, LoginOutput>(ZLoginBody),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;
  const mutation = useLogIn();

  /**
   * Signed in (with the password alone, a second factor, or a passkey): on to where the person was
   * heading, or to the security page when their account must set up a second factor first.
   */
  async function onSignedIn(response: TLoginResponse) {
    session.signIn(response);
    if (response.user.role !== 'candidate') {
      const overview = await queryClient.fetchQuery(securityOverviewQuery()).catch(() => null);
      if (overview?.policy.setupRequiredNow) {
        twoFactorGate.report();
        await router.navigate({ to: '/profile/security', search: { setup: 'required' }, replace: true });
        return;
      }
    }
    // Signing in during the grace cancelled a requested deletion: the privacy page says so.
    if (response.deletionCancelled) {
      await router.navigate({
        to: '/profile/privacy',
        search: { notice: 'deletion-cancelled' },
        replace: true,
      });
      return;
    }
    // Only a path of this site: never an address that someone slipped into the link.
    await router.navigate({ href: safeRedirect(search.redirect), replace: true });
  }

  async function onSubmit(values: LoginOutput) {
    setFormError(null);
    setExpired(false);
    try {
      const result = await mutation.mutateAsync(values);
      if ('status' in result) setSecondFactor(result);
      else await onSignedIn(result);
    } catch (error) {
      setFormError(error);
    }
  }

  if (secondFactor) {
    return (
      <SecondFactorStep
        challengeId={secondFactor.challengeId}
        methods={secondFactor.methods}
        onSignedIn={onSignedIn}
        onExpired={() => {
          setSecondFactor(null);
          setExpired(true);
          form.setValue('password', '');
        }}
        onBack={() => {
          setSecondFactor(null);
          form.setValue('password', '');
        }}
      />
    );
  }

  return (
    <AuthLayout title={t('login.title')} intro={<p>{t('login.intro')}</p>} focusTitle={expired}>
      {expired ? (
        <Alert tone="warning" className="mb-6">
          {t('common:errors.SECOND_FACTOR_EXPIRED')}
        </Alert>
      ) : search.notice === 'password-reset' ? (
        <Alert tone="success" className="mb-6">
          {t('login.passwordReset')}
        </Alert>
      ) : (
        search.redirect && (
          <Alert tone="info" live={false} className="mb-6">
            {t('login.needed')}
          </Alert>
        )
      )}
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
        <Input
          label={t('login.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          error={translateMessage(t, errors.email?.message)}
          {...form.register('email')}
        />
        <div className="flex flex-col gap-2">
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            error={translateMessage(t, errors.password?.message)}
            {...form.register('password')}
          />
          <Link to="/forgot-password" className={`${textLinkClasses} self-start py-2 text-sm`}>
            {t('login.forgot')}
          </Link>
        </div>

        <ServerErrorAlert error={formError} />

        <SubmitButton pending={mutation.isPending} size="lg">
          {t('login.submit')}
        </SubmitButton>
      </form>
      <PasskeySignIn onSignedIn={onSignedIn} />
      <AuthFooter>
        {t('login.noAccount')}
        <Link to="/signup" className={textLinkClasses}>
          {t('login.signup')}
        </Link>
      </AuthFooter>
    </AuthLayout>
  );
}
