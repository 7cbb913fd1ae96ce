import { ZBatchTargetPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { batchKeys } from './keys';

export const listBatchTargets = (id: string, cursor?: string) => {
  const search = new URLSearchParams();
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/batches/${encodeURIComponent(id)}/targets?${search}`, {
    schema: ZBatchTargetPage,
  });
};

/** Everyone a batch concerns, in the dry run's order, with what happened to each. */
export const useBatchTargets = (id: string) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: batchKeys.targets(id),
      queryFn: ({ pageParam }) => listBatchTargets(id, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
