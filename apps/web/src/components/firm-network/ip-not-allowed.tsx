import { ZIpBypassBody } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { isApiError } from '../../lib/api-error';
import { useSession } from '../../lib/auth';
import { applyServerErrors, translateMessage } from '../../lib/form-errors';
import { formResolver } from '../../lib/form-resolver';
import { formatDateTime } from '../../lib/format';
import { queryKeys } from '../../lib/query-keys';
import { ServerErrorAlert } from '../forms/server-error-alert';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../ui/dialog';
import { SubmitButton } from '../ui/submit-button';
import { Textarea } from '../ui/textarea';
import { openIpBypass } from './open-ip-bypass';

type BypassValues = { reason: string };
type BypassOutput = z.output<typeof ZIpBypassBody>;

/**
 * What a firm member sees on a client dossier when the firm's networks do not include their address
 * (403 IP_NOT_ALLOWED): why, what to do, and emergency access (a reason, a fresh second factor, audited)
 * that reopens the dossiers of this session for an hour. Texts in the `firm` namespace.
 */
export function IpNotAllowed({ className }: { className?: string }) {
  const { t, i18n } = useTranslation('firm');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const bypass = useMutation({
    mutationFn: openIpBypass,
    // The dossiers this session could not read are read again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.dossiers }),
  });
  const until = bypass.data
    ? formatDateTime(bypass.data.until, i18n.resolvedLanguage ?? i18n.language, user?.timeZone)
    : null;

  return (
    <div className={className}>
      <Alert tone="warning" title={t('ipBlocked.title')} live={false}>
        <p>{t('ipBlocked.body')}</p>
      </Alert>
      <p className="mt-4 text-slate-700">{t('ipBlocked.emergencyIntro')}</p>
      <div aria-live="polite" className="mt-3">
        {until && (
          <Alert tone="success" live={false}>
            {t('ipBlocked.opened', { time: until })}
          </Alert>
        )}
      </div>
      {!until && (
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="secondary" className="mt-3">
              {t('ipBlocked.emergency')}
            </Button>
          </DialogTrigger>
          <DialogContent title={t('ipBlocked.dialogTitle')} description={t('ipBlocked.dialogDescription')}>
            <BypassForm
              pending={bypass.isPending}
              submit={(reason) => bypass.mutateAsync(reason).then(() => setOpen(false))}
            />
          </DialogContent>
        </Dialog>
      )}
    </div>
  );
}

function BypassForm({ pending, submit }: { pending: boolean; submit: (reason: string) => Promise<void> }) {
  const { t } = useTranslation(['firm', 'forms']);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<BypassValues, unknown, BypassOutput>({
    resolver: formResolver<BypassValues, BypassOutput>(ZIpBypassBody),
    defaultValues: { reason: '' },
  });

  async function onSubmit(values: BypassOutput) {
    setFormError(null);
    try {
      await submit(values.reason);
    } catch (error) {
      // Closing the "confirm it is you" dialog is no failure: the form stays as it was.
      if (isApiError(error) && error.code === 'STEP_UP_CANCELLED') return;
      if (!applyServerErrors(error, form.setError, ['reason'])) setFormError(error);
    }
  }

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-4">
      <Textarea
        label={t('ipBlocked.reason')}
        hint={t('ipBlocked.reasonHint')}
        required
        rows={3}
        maxLength={300}
        error={translateMessage(t, form.formState.errors.reason?.message)}
        {...form.register('reason')}
      />
      <ServerErrorAlert error={formError} />
      <div className="flex flex-wrap justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">{t('ipBlocked.cancel')}</Button>
        </DialogClose>
        <SubmitButton pending={pending}>{t('ipBlocked.submit')}</SubmitButton>
      </div>
    </form>
  );
}
