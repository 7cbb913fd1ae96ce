import { ZResetPasswordBody } from '@capitune/contracts';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { ButtonLink } from '../../../components/ui/button';
import { PasswordInput } from '../../../components/ui/password-input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import { session } from '../../../lib/auth';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useResetTokenCheck } from '../api/check-reset-token';
import { useResetPassword } from '../api/reset-password';
import { AuthLayout, textLinkClasses } from '../components/auth-layout';

const route = getRouteApi('/reset-password');

interface ResetValues {
  password: string;
}

// The token comes from the link, not from the form: only the password is validated here.
const ZResetForm = ZResetPasswordBody.pick({ password: true });
type ResetOutput = z.output<typeof ZResetForm>;

/** Why a link can no longer set a password: expired, or unknown, used, or not even well formed. */
function deadLinkCode(error: unknown): 'TOKEN_EXPIRED' | 'INVALID_TOKEN' | null {
  if (!isApiError(error)) return null;
  if (error.code === 'TOKEN_EXPIRED') return 'TOKEN_EXPIRED';
  return error.code === 'INVALID_TOKEN' || error.code === 'VALIDATION_FAILED' ? 'INVALID_TOKEN' : null;
}

export function ResetPasswordPage() {
  const { t } = useTranslation(['auth', 'forms', 'common']);
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<unknown>(null);
  usePageMeta(t('reset.metaTitle'));

  const form = useForm<ResetValues, unknown, ResetOutput>({
    resolver: formResolver<ResetValues, ResetOutput>(ZResetForm),
    defaultValues: { password: '' },
  });
  const mutation = useResetPassword();
  // A used or expired link is told as the page opens, not after a new password was typed. Any other
  // failure of the check (network, rate limit) leaves the form: sending it tells the rest.
  const check = useResetTokenCheck(token);

  if (token && check.isPending) {
    return (
      <AuthLayout title={t('reset.title')}>
        <Spinner label={t('reset.checking')} />
      </AuthLayout>
    );
  }

  const deadLink = deadLinkCode(check.error);
  if (deadLink) {
    return (
      <AuthLayout title={t('reset.title')}>
        <Alert tone="error">{t(`common:errors.${deadLink}`)}</Alert>
        <ButtonLink to="/forgot-password" className="mt-6">
          {t('reset.requestNew')}
        </ButtonLink>
      </AuthLayout>
    );
  }

  if (!token) {
    return (
      <AuthLayout title={t('reset.title')}>
        <Alert tone="error" live={false}>
          {t('reset.missingToken')}
        </Alert>
        <ButtonLink to="/forgot-password" className="mt-6">
          {t('reset.requestNew')}
        </ButtonLink>
      </AuthLayout>
    );
  }

  async function onSubmit({ password }: ResetOutput) {
    if (!token) return;
    setFormError(null);
    try {
      await mutation.mutateAsync({ token, password });
      // Every session of the account ended, this browser's included.
      session.end();
      await navigate({ to: '/login', search: { notice: 'password-reset' } });
    } catch (error) {
      if (!applyServerErrors(error, form.setError, ['password'])) setFormError(error);
    }
  }

  const linkIsDead = deadLinkCode(formError) !== null;

  return (
    <AuthLayout title={t('reset.title')} intro={<p>{t('reset.intro')}</p>}>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
        <PasswordInput
          label={t('reset.password')}
          hint={t('forms:passwordRules')}
          autoComplete="new-password"
          required
          error={translateMessage(t, form.formState.errors.password?.message)}
          {...form.register('password')}
        />
        <ServerErrorAlert error={formError}>
          {linkIsDead && (
            <Link to="/forgot-password" className={`${textLinkClasses} mt-2 inline-block`}>
              {t('reset.requestNew')}
            </Link>
          )}
        </ServerErrorAlert>
        <SubmitButton pending={mutation.isPending} size="lg">
          {t('reset.submit')}
        </SubmitButton>
      </form>
    </AuthLayout>
  );
}
