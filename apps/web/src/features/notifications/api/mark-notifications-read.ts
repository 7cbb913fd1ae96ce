import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import type { NotificationPages } from './list-notifications';

const ZUnread = z.object({ unreadCount: z.number() });

export type MarkReadBody = { ids: string[] } | { all: true };

/** `POST /api/notifications/read`: answers the count left unread. */
export const markNotificationsRead = (body: MarkReadBody) =>
  apiFetch('/api/notifications/read', { method: 'POST', body, schema: ZUnread });

/** Marks notifications read in the list at once, and the header's count follows the server's answer. */
export function useMarkNotificationsRead({ onMarked }: { onMarked?: (body: MarkReadBody) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onMutate: (body) => {
      const now = new Date().toISOString();
      queryClient.setQueryData<NotificationPages>(queryKeys.notifications, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) =>
                  item.readAt === null && ('all' in body || body.ids.includes(item.id))
                    ? { ...item, readAt: now }
                    : item,
                ),
              })),
            }
          : data,
      );
    },
    onSuccess: ({ unreadCount }, body) => {
      queryClient.setQueryData(queryKeys.unreadNotifications, unreadCount);
      onMarked?.(body);
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}
