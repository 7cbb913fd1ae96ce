import { ZModerationQueue } from '@capitune/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `GET /api/admin/moderation/queue`: flagged and held content, a keyset page at a time. */
export const getQueue = (cursor?: string) =>
  apiFetch(`/api/admin/moderation/queue${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
    schema: ZModerationQueue,
  });

export function useModerationQueue() {
  return useInfiniteQuery({
    queryKey: adminKeys.queue,
    queryFn: ({ pageParam }) => getQueue(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
