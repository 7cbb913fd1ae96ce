import { digestFrequencies } from '@capitune/contracts';
import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { NotificationFormValues } from './notification-form';

/** How emails are gathered: each at once, one an hour, or one a day at 8:00 (the person's time). */
export function DigestField({
  form,
}: {
  form: UseFormReturn<NotificationFormValues, unknown, NotificationFormValues>;
}) {
  const { t } = useTranslation('account');
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 font-semibold text-slate-900">{t('notifications.digest.legend')}</legend>
      <p className="mb-1 text-slate-700 text-sm">{t('notifications.digest.help')}</p>
      {digestFrequencies.map((frequency) => (
        <label
          key={frequency}
          htmlFor={`${id}-${frequency}`}
          className="flex min-h-11 items-center gap-3 text-slate-800"
        >
          <input
            id={`${id}-${frequency}`}
            type="radio"
            value={frequency}
            className="size-5 shrink-0 accent-brand-700"
            {...form.register('digest')}
          />
          {t(`notifications.digest.${frequency}`)}
        </label>
      ))}
    </fieldset>
  );
}
