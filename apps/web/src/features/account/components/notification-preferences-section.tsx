import {
  notificationKinds,
  type TNotificationPreferences,
  ZNotificationPreferences,
} from '@capitune/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { formResolver } from '../../../lib/form-resolver';
import { useNotificationPreferences } from '../api/get-notification-preferences';
import { usePutNotificationPreferences } from '../api/put-notification-preferences';
import { FormActions, ProfileSection } from './profile-section';

type PreferencesOutput = z.output<typeof ZNotificationPreferences>;
const channels = ['inApp', 'email'] as const;

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

/**
 * A table of kinds × channels. Each checkbox is named by its row and column headers
 * (`aria-labelledby`), e.g. "Nouveaux messages, Par courriel".
 */
function PreferencesForm({ preferences }: { preferences: TNotificationPreferences }) {
  const { t } = useTranslation('account');
  const idPrefix = useId();
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<TNotificationPreferences, unknown, PreferencesOutput>({
    resolver: formResolver<TNotificationPreferences, PreferencesOutput>(ZNotificationPreferences),
    defaultValues: preferences,
  });
  const mutation = usePutNotificationPreferences();

  async function onSubmit(values: PreferencesOutput) {
    setSaved(false);
    setFormError(null);
    try {
      const updated = await mutation.mutateAsync(values);
      form.reset(updated);
      setSaved(true);
    } catch (error) {
      setFormError(error);
    }
  }

  const columnId = (channel: string) => `${idPrefix}-${channel}`;
  const rowId = (kind: string) => `${idPrefix}-${kind}`;

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-5">
      <div className="-mx-2 overflow-x-auto px-2">
        <table className="w-full border-collapse text-start">
          <caption className="sr-only">{t('notifications.caption')}</caption>
          <thead>
            <tr className="border-slate-300 border-b">
              <th scope="col" className="py-2 pe-3 text-start font-semibold text-slate-900">
                {t('notifications.kind')}
              </th>
              {channels.map((channel) => (
                <th
                  key={channel}
                  id={columnId(channel)}
                  scope="col"
                  className="w-24 px-2 py-2 text-center font-semibold text-slate-900 sm:w-36"
                >
                  {t(`notifications.${channel}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {notificationKinds.map((kind) => (
              <tr key={kind} className="border-slate-200 border-b last:border-b-0">
                <th id={rowId(kind)} scope="row" className="py-3 pe-3 text-start font-normal text-slate-800">
                  {t(`notifications.kinds.${kind}`)}
                </th>
                {channels.map((channel) => (
                  <td key={channel} className="px-2 py-1 text-center">
                    {/* The cell is the touch target: a 44 px square around the box. */}
                    <label className="inline-flex size-11 cursor-pointer items-center justify-center rounded-lg hover:bg-brand-50">
                      <input
                        type="checkbox"
                        aria-labelledby={`${rowId(kind)} ${columnId(channel)}`}
                        className="size-5 accent-brand-700"
                        {...form.register(`${kind}.${channel}`)}
                      />
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ServerErrorAlert error={formError} />
      <FormActions>
        <SubmitButton pending={mutation.isPending}>{t('notifications.submit')}</SubmitButton>
        <SaveStatus message={saved && !form.formState.isDirty ? t('notifications.saved') : null} />
      </FormActions>
    </form>
  );
}
