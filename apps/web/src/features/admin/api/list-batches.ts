import { ZBatchPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { batchKeys } from './keys';

export const listBatches = (cursor?: string) => {
  const search = new URLSearchParams();
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/batches?${search}`, { schema: ZBatchPage });
};

/** Recent batches, newest first. */
export const useBatches = () =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: batchKeys.list,
      queryFn: ({ pageParam }) => listBatches(pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
