import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './api-client';
import { queryKeys } from './query-keys';

/*
 * The two unread counts of the header (messages, notifications): fetched once, then kept by the socket,
 * whose pushed counts the realtime client writes under the same keys (`lib/realtime.ts`). Their data is
 * a number.
 */

/** `GET /api/messages/unread`: the total of unread messages over the person's dossiers. */
export const getUnreadMessages = async () =>
  (await apiFetch<{ total: number }>('/api/messages/unread')).total;

/** `GET /api/notifications/unread-count`. */
export const getUnreadNotifications = async () =>
  (await apiFetch<{ unreadCount: number }>('/api/notifications/unread-count')).unreadCount;

/** Messages need a confirmed address (the API answers 403 before): not asked until then. */
export function useUnreadMessages(emailVerified: boolean) {
  return useQuery({
    queryKey: queryKeys.unreadMessages,
    queryFn: getUnreadMessages,
    enabled: emailVerified,
    staleTime: Number.POSITIVE_INFINITY,
  }).data;
}

export function useUnreadNotifications() {
  return useQuery({
    queryKey: queryKeys.unreadNotifications,
    queryFn: getUnreadNotifications,
    staleTime: Number.POSITIVE_INFINITY,
  }).data;
}
