import { type TNotificationPage, ZNotificationPage } from '@capitune/contracts';
import { type InfiniteData, skipToken, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type NotificationPages = InfiniteData<TNotificationPage, string | undefined>;

/** `GET /api/notifications`: newest first, in keyset pages. */
export function listNotifications(cursor?: string) {
  const query = new URLSearchParams({ limit: '20' });
  if (cursor) query.set('cursor', cursor);
  return apiFetch(`/api/notifications?${query}`, { schema: ZNotificationPage });
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ pageParam }) => listNotifications(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The header's live count (kept by the socket) if there is one; never fetched from here. */
export const useLiveUnreadNotifications = () =>
  useQuery<number>({ queryKey: queryKeys.unreadNotifications, queryFn: skipToken }).data;
