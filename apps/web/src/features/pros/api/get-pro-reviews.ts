import { ZProReviewPage } from '@capitune/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys, slugPath } from './keys';

/** `GET /api/pros/{slug}/reviews`: the rating, the averages per criterion and a keyset page of reviews. */
export function getProReviews(slug: string, cursor?: string, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: '10' });
  if (cursor) params.set('cursor', cursor);
  return apiFetch(slugPath(slug, `/reviews?${params}`), { schema: ZProReviewPage, signal });
}

export function useProReviews(slug: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: prosKeys.reviews(slug),
    queryFn: ({ pageParam, signal }) => getProReviews(slug, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled,
  });
}
