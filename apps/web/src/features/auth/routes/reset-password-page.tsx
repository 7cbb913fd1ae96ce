import { ZResetPasswordBody } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { ButtonLink } from '../../../components/ui/button';
import { PasswordInput } from '../../../components/ui/password-input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import { session } from '../../../lib/auth';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { usePageMeta } from '../../../lib/use-page-meta';
import { resetPassword } from '../api/auth-api';
import { AuthLayout, textLinkClasses } from '../components/auth-layout';

const route = getRouteApi('/reset-password');

interface ResetValues {
  password: string;
}

// The token comes from the link, not from the form: only the password is validated here.
const ZResetForm = ZResetPasswordBody.pick({ password: true });
type ResetOutput = z.output<typeof ZResetForm>;

export function ResetPasswordPage() {
  const { t } = useTranslation(['auth', 'forms']);
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<unknown>(null);
  usePageMeta(t('reset.metaTitle'));

  const form = useForm<ResetValues, unknown, ResetOutput>({
    resolver: formResolver<ResetValues, ResetOutput>(ZResetForm),
    defaultValues: { password: '' },
  });
  const mutation = useMutation({ mutationFn: resetPassword });

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

  const linkIsDead =
    isApiError(formError) && (formError.code === 'INVALID_TOKEN' || formError.code === 'TOKEN_EXPIRED');

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
