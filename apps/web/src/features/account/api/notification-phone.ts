import { ZNotificationPhone } from '@capitune/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `GET /api/me/phone`: the number notifications are texted to, and whether it is verified. */
export const getNotificationPhone = () => apiFetch('/api/me/phone', { schema: ZNotificationPhone });

export const useNotificationPhone = () =>
  useQuery({ queryKey: accountKeys.notificationPhone, queryFn: getNotificationPhone });

/** `POST /api/me/phone`: sets the number; a six-digit code is texted to it. */
export const postNotificationPhone = (phone: string) =>
  apiFetch('/api/me/phone', { method: 'POST', body: { phone }, schema: ZNotificationPhone });

/** `POST /api/me/phone/verify`: the code received; the number is then verified (the opt-in). */
export const verifyNotificationPhone = (code: string) =>
  apiFetch('/api/me/phone/verify', { method: 'POST', body: { code }, schema: ZNotificationPhone });

/** `DELETE /api/me/phone`: no more text messages. */
export const deleteNotificationPhone = () => apiFetch('/api/me/phone', { method: 'DELETE' });

export function useSetNotificationPhone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postNotificationPhone,
    onSuccess: (phone) => queryClient.setQueryData(accountKeys.notificationPhone, phone),
  });
}

export function useVerifyNotificationPhone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyNotificationPhone,
    onSuccess: (phone) => queryClient.setQueryData(accountKeys.notificationPhone, phone),
  });
}

export function useStopNotificationPhone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteNotificationPhone,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.notificationPhone }),
  });
}
