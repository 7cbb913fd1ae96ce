import { ZAppealBody } from '@capitune/contracts';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useAppealMyVerification } from '../api/appeal-my-verification';

/** The one appeal of a rejection or a suspension, sent back to the team's queue. */
export function AppealForm() {
  const { t } = useTranslation(['verification', 'forms']);
  const headingId = useId();
  const appeal = useAppealMyVerification();
  const form = useForm<{ text: string }, unknown, { text: string }>({
    resolver: formResolver(ZAppealBody),
    defaultValues: { text: '' },
  });

  return (
    <section aria-labelledby={headingId} className="mt-5 border-slate-200 border-t pt-5">
      <h3 id={headingId} className="font-semibold text-slate-900">
        {t('appeal.heading')}
      </h3>
      <p className="mt-1 text-slate-700 text-sm">{t('appeal.intro')}</p>
      <form
        noValidate
        className="mt-3 flex flex-col gap-3"
        onSubmit={form.handleSubmit(async ({ text }) => {
          await appeal.mutateAsync(text).catch(() => undefined);
        })}
      >
        <Textarea
          label={t('appeal.text')}
          rows={4}
          required
          error={translateMessage(t, form.formState.errors.text?.message)}
          {...form.register('text')}
        />
        <ServerErrorAlert error={appeal.error} />
        <SubmitButton pending={appeal.isPending} variant="secondary" className="self-start">
          {t('appeal.submit')}
        </SubmitButton>
      </form>
    </section>
  );
}
