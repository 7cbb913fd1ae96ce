import { type TNotificationPreferences, ZNotificationPreferences } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `PUT /api/me/notification-preferences`. */
export const putNotificationPreferences = (body: TNotificationPreferences) =>
  apiFetch('/api/me/notification-preferences', { method: 'PUT', body, schema: ZNotificationPreferences });

export function usePutNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putNotificationPreferences,
    onSuccess: (updated) => queryClient.setQueryData(accountKeys.notificationPreferences, updated),
  });
}
