import { type TFirm, ZFirmInvitationBody } from '@capitune/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { useSession } from '../../../lib/auth';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useInviteAgent } from '../api/invite-agent';

interface InviteValues {
  email: string;
  firstName: string;
  lastName: string;
  locale: 'fr' | 'en';
  supervisorId: string;
}

// The select always holds a supervisor: the inviter by default.
const ZInviteForm = ZFirmInvitationBody.extend({ supervisorId: z.uuid() });
type InviteOutput = z.output<typeof ZInviteForm>;

/** A verified licensee invites an agent, under themself or another verified licensee of the firm. */
export function InviteForm({ firm, headingId }: { firm: TFirm; headingId: string }) {
  const { t, i18n } = useTranslation(['firm', 'forms']);
  const { user } = useSession();
  const invite = useInviteAgent();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const supervisors = firm.licensees.filter((licensee) => licensee.standing === 'verified');
  const form = useForm<InviteValues, unknown, InviteOutput>({
    resolver: formResolver<InviteValues, InviteOutput>(ZInviteForm),
    defaultValues: {
      email: '',
      firstName: '',
      lastName: '',
      locale: (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr',
      supervisorId: user?.id ?? '',
    },
  });
  const { errors } = form.formState;

  async function onSubmit(values: InviteOutput) {
    setFormError(null);
    setSentTo(null);
    try {
      await invite.mutateAsync(values);
      setSentTo(values.email);
      form.reset({ ...values, email: '', firstName: '', lastName: '' });
    } catch (error) {
      if (
        !applyServerErrors(error, form.setError, ['email', 'firstName', 'lastName', 'locale', 'supervisorId'])
      )
        setFormError(error);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('invite.heading')}
      </h2>
      <p className="mt-2 text-slate-700">{t('invite.intro')}</p>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="mt-4 grid gap-4 sm:grid-cols-2">
        <Input
          label={t('invite.email')}
          type="email"
          autoComplete="off"
          required
          className="sm:col-span-2"
          error={translateMessage(t, errors.email?.message)}
          {...form.register('email')}
        />
        <Input
          label={t('invite.firstName')}
          autoComplete="off"
          required
          error={translateMessage(t, errors.firstName?.message)}
          {...form.register('firstName')}
        />
        <Input
          label={t('invite.lastName')}
          autoComplete="off"
          required
          error={translateMessage(t, errors.lastName?.message)}
          {...form.register('lastName')}
        />
        <Select
          label={t('invite.locale')}
          error={translateMessage(t, errors.locale?.message)}
          {...form.register('locale')}
        >
          <option value="fr">{t('locales.fr')}</option>
          <option value="en">{t('locales.en')}</option>
        </Select>
        <Select
          label={t('invite.supervisor')}
          hint={t('invite.supervisorHint')}
          error={translateMessage(t, errors.supervisorId?.message)}
          {...form.register('supervisorId')}
        >
          {supervisors.map((licensee) => (
            <option key={licensee.id} value={licensee.id}>
              {licensee.firstName} {licensee.lastName}
            </option>
          ))}
        </Select>
        <div className="flex flex-col gap-3 sm:col-span-2">
          <ServerErrorAlert error={formError} />
          <div aria-live="polite">
            {sentTo && (
              <Alert tone="success" live={false}>
                {t('invite.sent', { email: sentTo })}
              </Alert>
            )}
          </div>
          <SubmitButton pending={invite.isPending} className="w-fit">
            {t('invite.submit')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
