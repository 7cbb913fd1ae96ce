import { type TPushSubscriptionBody, ZPushSubscription, ZPushSubscriptions } from '@capitune/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `GET /api/me/push-subscriptions`: the person's devices, and the server's VAPID public key (or null). */
export const getPushSubscriptions = () =>
  apiFetch('/api/me/push-subscriptions', { schema: ZPushSubscriptions });

export const usePushSubscriptions = () =>
  useQuery({ queryKey: accountKeys.pushSubscriptions, queryFn: getPushSubscriptions });

/** `POST /api/me/push-subscriptions`: this browser's subscription (`PushSubscription.toJSON()`). */
export const postPushSubscription = (body: TPushSubscriptionBody) =>
  apiFetch('/api/me/push-subscriptions', { method: 'POST', body, schema: ZPushSubscription });

/** `DELETE /api/me/push-subscriptions/{id}`: a device stops receiving push notifications. */
export const deletePushSubscription = (id: string) =>
  apiFetch(`/api/me/push-subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export function useRemovePushSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePushSubscription,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.pushSubscriptions }),
  });
}
