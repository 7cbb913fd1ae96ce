import { ZEmailBody } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useRequestPasswordReset } from '../api/request-password-reset';
import { AuthFooter, AuthLayout, textLinkClasses } from '../components/auth-layout';
import { DevMailboxHint } from '../components/dev-mailbox-hint';

interface ForgotValues {
  email: string;
}
type ForgotOutput = z.output<typeof ZEmailBody>;

export function ForgotPasswordPage() {
  const { t } = useTranslation(['auth', 'forms']);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  usePageMeta(t('forgot.metaTitle'));

  const form = useForm<ForgotValues, unknown, ForgotOutput>({
    resolver: formResolver<ForgotValues, ForgotOutput>(ZEmailBody),
    defaultValues: { email: '' },
  });
  const mutation = useRequestPasswordReset();

  async function onSubmit({ email }: ForgotOutput) {
    setFormError(null);
    try {
      await mutation.mutateAsync(email);
      setSentTo(email);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, ['email'])) setFormError(error);
    }
  }

  const back = (
    <AuthFooter>
      <Link to="/login" className={textLinkClasses}>
        {t('forgot.back')}
      </Link>
    </AuthFooter>
  );

  if (sentTo) {
    return (
      <AuthLayout title={t('forgot.sent.title')} focusTitle>
        <div className="space-y-4 text-slate-700">
          <p className="text-lg">{t('forgot.sent.body', { email: sentTo })}</p>
          <p>{t('forgot.sent.spam')}</p>
          <DevMailboxHint text={t('signup.sent.devHint')} />
        </div>
        {back}
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('forgot.title')} intro={<p>{t('forgot.intro')}</p>}>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
        <Input
          label={t('forgot.email')}
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={translateMessage(t, form.formState.errors.email?.message)}
          {...form.register('email')}
        />
        <ServerErrorAlert error={formError} />
        <SubmitButton pending={mutation.isPending} size="lg">
          {t('forgot.submit')}
        </SubmitButton>
      </form>
      {back}
    </AuthLayout>
  );
}
