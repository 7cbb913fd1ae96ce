import { ZAdminVerificationPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { type TVerificationQueue, verificationKeys } from './keys';

export type { TVerificationQueue } from './keys';

export const getVerifications = (queue: TVerificationQueue, q: string, cursor?: string) => {
  const search = new URLSearchParams({ queue });
  if (q) search.set('q', q);
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/verifications?${search}`, { schema: ZAdminVerificationPage });
};

export const verificationsQuery = (queue: TVerificationQueue, q: string) =>
  infiniteQueryOptions({
    queryKey: verificationKeys.list(queue, q),
    queryFn: ({ pageParam }) => getVerifications(queue, q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** One queue of verification files, a keyset page at a time ("load more"). */
export const useVerifications = (queue: TVerificationQueue, q: string) =>
  useInfiniteQuery(verificationsQuery(queue, q));
