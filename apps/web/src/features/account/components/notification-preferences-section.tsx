import { notificationKinds, type TNotificationPreferences } from '@capitune/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { cn } from '../../../lib/cn';
import { applyServerErrors } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useMe } from '../api/get-me';
import { useNotificationPreferences } from '../api/get-notification-preferences';
import { useNotificationPhone } from '../api/notification-phone';
import { usePushSubscriptions } from '../api/push-subscriptions';
import { usePutNotificationPreferences } from '../api/put-notification-preferences';
import { DigestField } from './digest-field';
import {
  type ChannelColumn,
  channelColumns,
  type NotificationFormValues,
  toFormValues,
  toPreferences,
  ZNotificationForm,
} from './notification-form';
import { FormActions, ProfileSection } from './profile-section';
import { QuietHoursFields } from './quiet-hours-fields';

export function NotificationPreferencesSection() {
  const { t } = useTranslation('account');
  const preferences = useNotificationPreferences();
  return (
    <ProfileSection id="notifications" title={t('notifications.title')} intro={t('notifications.intro')}>
      {preferences.data ? (
        <PreferencesForm preferences={preferences.data} />
      ) : preferences.isError ? (
        <ServerErrorAlert error={preferences.error} />
      ) : (
        <Spinner label={t('loading')} />
      )}
    </ProfileSection>
  );
}

/** The API's field errors the form can show by its fields. */
const serverFields = ['quietHours.start', 'quietHours.end', 'quietHours', 'digest'] as const;

/**
 * A table of kinds × channels (each box named "Messages — Email"), the quiet hours and the digest, saved
 * together as the whole object. Push needs a device subscribed, text messages a verified number: until
 * then their column is shown but cannot be changed, and says why.
 */
function PreferencesForm({ preferences }: { preferences: TNotificationPreferences }) {
  const { t } = useTranslation('account');
  const me = useMe();
  const devices = usePushSubscriptions();
  const phone = useNotificationPhone();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<NotificationFormValues, unknown, NotificationFormValues>({
    resolver: formResolver<NotificationFormValues, NotificationFormValues>(ZNotificationForm),
    defaultValues: toFormValues(preferences),
  });
  const mutation = usePutNotificationPreferences();

  const pushReady = (devices.data?.items.length ?? 0) > 0;
  const smsReady = !!phone.data?.verifiedAt && !phone.data.stoppedAt;
  const locked: Record<ChannelColumn, boolean> = {
    inApp: false,
    email: false,
    push: !pushReady,
    sms: !smsReady,
  };
  const lockedNoteId = (channel: ChannelColumn) => `notifications-${channel}-locked`;

  async function onSubmit(values: NotificationFormValues) {
    setSaved(false);
    setFormError(null);
    try {
      const updated = await mutation.mutateAsync(toPreferences(values));
      form.reset(toFormValues(updated));
      setSaved(true);
    } catch (error) {
      if (!applyServerErrors(error, form.setError, serverFields)) setFormError(error);
    }
  }

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        {/*
          From `sm` up, a table. Narrower, each kind stacks: its name, then its four boxes, each with its
          channel written under it (the column headers are then for screen readers only). The markup stays
          the table's, and every box keeps its full name ("Messages — Email").
        */}
        <div className="-mx-2 px-2">
          <table className="block w-full border-collapse text-start sm:table">
            <caption className="sr-only">{t('notifications.caption')}</caption>
            <thead className="sr-only sm:not-sr-only sm:table-header-group">
              <tr className="border-slate-300 border-b">
                <th scope="col" className="py-2 pe-2 text-start font-semibold text-slate-900">
                  {t('notifications.kind')}
                </th>
                {channelColumns.map((channel) => (
                  <th
                    key={channel}
                    scope="col"
                    className="w-28 px-1 py-2 text-center font-semibold text-slate-900"
                  >
                    {t(`notifications.channels.${channel}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="block sm:table-row-group">
              {notificationKinds.map((kind) => (
                <tr
                  key={kind}
                  className="grid grid-cols-4 border-slate-200 border-b py-2 last:border-b-0 sm:table-row sm:py-0"
                >
                  <th
                    scope="row"
                    className="col-span-4 pb-1 text-start font-medium text-slate-800 sm:table-cell sm:py-3 sm:pe-3 sm:font-normal"
                  >
                    {t(`notifications.kinds.${kind}`)}
                  </th>
                  {channelColumns.map((channel) => {
                    const name = t('notifications.cell', {
                      kind: t(`notifications.kinds.${kind}`),
                      channel: t(`notifications.channelNames.${channel}`),
                    });
                    return (
                      <td key={channel} className="block text-center sm:table-cell sm:px-1 sm:py-1">
                        {/* The cell is the touch target: at least a 44 px square around the box. */}
                        <label
                          className={cn(
                            'inline-flex min-h-11 min-w-11 flex-col items-center justify-center gap-0.5 rounded-lg px-1',
                            locked[channel] ? 'cursor-not-allowed' : 'cursor-pointer hover:bg-brand-50',
                          )}
                        >
                          {/* A locked box is not registered: the form keeps the saved value and sends it back. */}
                          <input
                            type="checkbox"
                            aria-label={name}
                            className="size-5 accent-brand-700"
                            {...(locked[channel]
                              ? {
                                  checked: preferences[kind][channel],
                                  disabled: true,
                                  readOnly: true,
                                  'aria-describedby': lockedNoteId(channel),
                                }
                              : form.register(`${kind}.${channel}`))}
                          />
                          <span aria-hidden="true" className="text-slate-700 text-xs sm:hidden">
                            {t(`notifications.channels.${channel}`)}
                          </span>
                        </label>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {locked.push && (
          <p id={lockedNoteId('push')} className="text-slate-600 text-sm">
            {devices.data?.vapidPublicKey === null
              ? t('notifications.pushUnavailable')
              : t('notifications.pushLocked')}
          </p>
        )}
        {locked.sms && (
          <p id={lockedNoteId('sms')} className="text-slate-600 text-sm">
            {phone.data && !phone.data.available
              ? t('notifications.smsUnavailable')
              : t('notifications.smsLocked')}
          </p>
        )}
      </div>
      <QuietHoursFields form={form} timeZone={me.data?.timeZone} />
      <DigestField form={form} />
      <ServerErrorAlert error={formError} />
      <FormActions>
        <SubmitButton pending={mutation.isPending}>{t('notifications.submit')}</SubmitButton>
        <SaveStatus message={saved && !form.formState.isDirty ? t('notifications.saved') : null} />
      </FormActions>
    </form>
  );
}
