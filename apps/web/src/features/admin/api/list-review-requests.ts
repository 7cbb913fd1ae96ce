import { ZReviewRequestsPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export const listReviewRequests = (cursor?: string) => {
  const search = new URLSearchParams();
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/review-requests?${search}`, { schema: ZReviewRequestsPage });
};

/** People's requests that a person look again at an automated decision about them. */
export const useReviewRequests = () =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: privacyKeys.reviews,
      queryFn: ({ pageParam }) => listReviewRequests(pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
