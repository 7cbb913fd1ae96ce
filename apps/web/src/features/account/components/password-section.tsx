import { ZChangePasswordBody } from '@capitune/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { PasswordInput } from '../../../components/ui/password-input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useChangePassword } from '../api/change-password';
import { FormActions, ProfileSection } from './profile-section';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
}
type PasswordOutput = z.output<typeof ZChangePasswordBody>;
const fields = ['currentPassword', 'newPassword'] as const;

export function PasswordSection({ email }: { email: string }) {
  const { t } = useTranslation(['account', 'forms']);
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<PasswordValues, unknown, PasswordOutput>({
    resolver: formResolver<PasswordValues, PasswordOutput>(ZChangePasswordBody),
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const { errors } = form.formState;
  const mutation = useChangePassword();

  async function onSubmit(values: PasswordOutput) {
    setSaved(false);
    setFormError(null);
    try {
      await mutation.mutateAsync(values);
      form.reset();
      setSaved(true);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, fields)) setFormError(error);
    }
  }

  return (
    <ProfileSection id="password" title={t('password.title')} intro={t('password.intro')}>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
        {/* For password managers: which account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          error={translateMessage(t, errors.currentPassword?.message)}
          {...form.register('currentPassword')}
        />
        <PasswordInput
          label={t('password.new')}
          hint={t('forms:passwordRules')}
          autoComplete="new-password"
          required
          error={translateMessage(t, errors.newPassword?.message)}
          {...form.register('newPassword')}
        />
        <ServerErrorAlert error={formError} />
        <FormActions>
          <SubmitButton pending={mutation.isPending}>{t('password.submit')}</SubmitButton>
          <SaveStatus message={saved && !form.formState.isDirty ? t('password.saved') : null} />
        </FormActions>
      </form>
    </ProfileSection>
  );
}
