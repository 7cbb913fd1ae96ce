import { ZLoginBody } from '@capitune/contracts';
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
import { usePageMeta } from '../../../lib/use-page-meta';
import { useLogIn } from '../api/log-in';
import { AuthFooter, AuthLayout, textLinkClasses } from '../components/auth-layout';

const route = getRouteApi('/login');

interface LoginValues {
  email: string;
  password: string;
}
type LoginOutput = z.output<typeof ZLoginBody>;

export function LoginPage() {
  const { t } = useTranslation(['auth', 'forms']);
  const search = route.useSearch();
  const router = useRouter();
  const [formError, setFormError] = useState<unknown>(null);
  usePageMeta(t('login.metaTitle'));

  const form = useForm<LoginValues, unknown, LoginOutput>({
    resolver: formResolver<LoginValues, LoginOutput>(ZLoginBody),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;
  const mutation = useLogIn();

  async function onSubmit(values: LoginOutput) {
    setFormError(null);
    try {
      const response = await mutation.mutateAsync(values);
      session.signIn(response);
      // Only a path of this site: never an address that someone slipped into the link.
      await router.navigate({ href: safeRedirect(search.redirect), replace: true });
    } catch (error) {
      setFormError(error);
    }
  }

  return (
    <AuthLayout title={t('login.title')} intro={<p>{t('login.intro')}</p>}>
      {search.notice === 'password-reset' ? (
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
      <AuthFooter>
        {t('login.noAccount')}
        <Link to="/signup" className={textLinkClasses}>
          {t('login.signup')}
        </Link>
      </AuthFooter>
    </AuthLayout>
  );
}
