import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError, fieldClasses } from '../../../components/ui/input';
import { translateMessage } from '../../../lib/form-errors';
import { cityOf } from '../../../lib/time-zones';
import type { NotificationFormValues } from './notification-form';

/**
 * Quiet hours: a switch and two times, in the person's own time zone (the one of their profile). While
 * quiet, push notifications and text messages wait for the end.
 */
export function QuietHoursFields({
  form,
  timeZone,
}: {
  form: UseFormReturn<NotificationFormValues, unknown, NotificationFormValues>;
  timeZone: string | undefined;
}) {
  const { t, i18n } = useTranslation('account');
  const id = useId();
  const enabled = form.watch('quietEnabled');
  const { errors } = form.formState;
  const startError = translateMessage(t, errors.quietHours?.start?.message);
  const endError = translateMessage(t, errors.quietHours?.end?.message);
  const zoneId = `${id}-zone`;

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 font-semibold text-slate-900">{t('notifications.quietHours.legend')}</legend>
      <p className="text-slate-700 text-sm">{t('notifications.quietHours.help')}</p>
      <div className="flex items-start gap-3">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-brand-700"
          {...form.register('quietEnabled')}
        />
        <label htmlFor={`${id}-enabled`} className="text-slate-800">
          {t('notifications.quietHours.enable')}
        </label>
      </div>
      {enabled && (
        <div className="flex flex-col gap-2 ps-8">
          <div className="flex flex-wrap gap-4">
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`${id}-start`} className="font-medium text-slate-900">
                {t('notifications.quietHours.start')}
              </label>
              <input
                id={`${id}-start`}
                type="time"
                step={60}
                aria-describedby={[zoneId, startError ? `${id}-start-error` : null].filter(Boolean).join(' ')}
                aria-invalid={startError ? true : undefined}
                className={`${fieldClasses(startError)} w-36`}
                {...form.register('quietHours.start')}
              />
              <FieldError id={`${id}-start-error`} message={startError} />
            </div>
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`${id}-end`} className="font-medium text-slate-900">
                {t('notifications.quietHours.end')}
              </label>
              <input
                id={`${id}-end`}
                type="time"
                step={60}
                aria-describedby={[zoneId, endError ? `${id}-end-error` : null].filter(Boolean).join(' ')}
                aria-invalid={endError ? true : undefined}
                className={`${fieldClasses(endError)} w-36`}
                {...form.register('quietHours.end')}
              />
              <FieldError id={`${id}-end-error`} message={endError} />
            </div>
          </div>
          {timeZone && (
            <p id={zoneId} className="text-slate-600 text-sm">
              {t('notifications.quietHours.zone', { city: cityOf(timeZone, i18n.language) })}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
