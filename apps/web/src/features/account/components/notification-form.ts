import {
  notificationKinds,
  type TChannelChoice,
  type TNotificationKind,
  type TNotificationPreferences,
  ZChannelChoice,
  ZDigestFrequency,
  ZTimeOfDay,
} from '@capitune/contracts';
import { z } from 'zod';
import { encodeMessage } from '../../../lib/form-errors';

/** The channels of the preferences table, in its column order. */
export const channelColumns = [
  'inApp',
  'email',
  'push',
  'sms',
] as const satisfies readonly (keyof TChannelChoice)[];
export type ChannelColumn = (typeof channelColumns)[number];

/** What the form holds: the quiet hours keep their times while switched off, so switching back finds them. */
export type NotificationFormValues = Record<TNotificationKind, TChannelChoice> & {
  quietEnabled: boolean;
  quietHours: { start: string; end: string };
  digest: TNotificationPreferences['digest'];
};

const kindShape = Object.fromEntries(notificationKinds.map((kind) => [kind, ZChannelChoice])) as Record<
  TNotificationKind,
  typeof ZChannelChoice
>;

export const ZNotificationForm = z
  .object({
    ...kindShape,
    quietEnabled: z.boolean(),
    quietHours: z.object({ start: ZTimeOfDay, end: ZTimeOfDay }),
    digest: ZDigestFrequency,
  })
  .superRefine((values, context) => {
    if (values.quietEnabled && values.quietHours.start === values.quietHours.end) {
      context.addIssue({
        code: 'custom',
        path: ['quietHours', 'end'],
        message: encodeMessage('account:notifications.quietHours.same'),
      });
    }
  });

/** Quiet hours offered when the person first switches them on. */
export const defaultQuietHours = { start: '22:00', end: '07:00' };

export function toFormValues(preferences: TNotificationPreferences): NotificationFormValues {
  const kinds = Object.fromEntries(
    notificationKinds.map((kind) => [kind, { ...preferences[kind] }]),
  ) as Record<TNotificationKind, TChannelChoice>;
  return {
    ...kinds,
    quietEnabled: preferences.quietHours !== null,
    quietHours: preferences.quietHours ?? defaultQuietHours,
    digest: preferences.digest,
  };
}

/** The whole object the API's PUT takes. */
export function toPreferences(values: NotificationFormValues): TNotificationPreferences {
  const kinds = Object.fromEntries(
    notificationKinds.map((kind) => {
      const choice = values[kind];
      return [kind, { inApp: choice.inApp, email: choice.email, push: choice.push, sms: choice.sms }];
    }),
  ) as Record<TNotificationKind, TChannelChoice>;
  return {
    ...kinds,
    quietHours: values.quietEnabled ? { start: values.quietHours.start, end: values.quietHours.end } : null,
    digest: values.digest,
  };
}
