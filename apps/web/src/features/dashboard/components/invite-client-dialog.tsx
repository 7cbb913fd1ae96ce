import { ZInvitationBody } from '@capitune/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { PlusIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useLocalized, usePrograms } from '../../../lib/dossiers/programs';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useInviteClient } from '../api/invite-client';

interface InviteValues {
  email: string;
  programId: string;
  message: string;
}

const ZInviteForm = z.object({
  email: ZInvitationBody.shape.email,
  programId: z.string().min(1),
  message: z.string().trim().max(1000),
});
type InviteOutput = z.output<typeof ZInviteForm>;
const fields = ['email', 'programId', 'message'] as const;

/** A pro invites a client by email to open a dossier with them (the client accepts from their dashboard). */
export function InviteClientDialog() {
  const { t } = useTranslation(['dashboard', 'forms']);
  const programs = usePrograms();
  const localized = useLocalized();
  const [open, setOpen] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<InviteValues, unknown, InviteOutput>({
    resolver: formResolver<InviteValues, InviteOutput>(ZInviteForm),
    defaultValues: { email: '', programId: '', message: '' },
  });
  const { errors } = form.formState;
  const fieldError = (name: keyof InviteValues) => translateMessage(t, errors[name]?.message);
  const mutation = useInviteClient();

  async function onSubmit(values: InviteOutput) {
    setFormError(null);
    try {
      await mutation.mutateAsync({ ...values, message: values.message || null });
      setSentTo(values.email);
      form.reset();
      setOpen(false);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, fields)) setFormError(error);
    }
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setSentTo(null);
        }}
      >
        <DialogTrigger asChild>
          <Button>
            <PlusIcon className="size-5" />
            {t('invite.open')}
          </Button>
        </DialogTrigger>
        <DialogContent title={t('invite.title')} description={t('invite.description')}>
          <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-4">
            <p className="text-slate-600 text-sm">{t('forms:requiredLegend')}</p>
            <Input
              label={t('invite.email')}
              type="email"
              autoComplete="off"
              required
              error={fieldError('email')}
              {...form.register('email')}
            />
            <Select
              label={t('invite.program')}
              required
              error={fieldError('programId')}
              {...form.register('programId')}
            >
              <option value="">{t('invite.chooseProgram')}</option>
              {programs.data?.map((program) => (
                <option key={program.id} value={program.id}>
                  {localized(program.name)}
                </option>
              ))}
            </Select>
            <Textarea
              label={t('invite.message')}
              hint={t('invite.messageHint')}
              maxLength={1000}
              error={fieldError('message')}
              {...form.register('message')}
            />
            <ServerErrorAlert error={formError} />
            <div className="flex flex-wrap justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{t('invite.cancel')}</Button>
              </DialogClose>
              <SubmitButton pending={form.formState.isSubmitting}>{t('invite.send')}</SubmitButton>
            </div>
          </form>
        </DialogContent>
      </Dialog>
      <SaveStatus message={sentTo ? t('invite.sent', { email: sentTo }) : null} />
    </div>
  );
}
