import { ZPostPage } from '@capitune/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { type FeedFilters, insideKeys, searchOf } from './keys';

export const FEED_PAGE_SIZE = 20;

/** `GET /api/posts`: the feed (newest or top, by category or tag), or a search, in keyset pages. */
export const getFeed = (filters: FeedFilters, cursor?: string, signal?: AbortSignal) =>
  apiFetch(`/api/posts${searchOf({ ...filters, cursor, limit: FEED_PAGE_SIZE })}`, {
    schema: ZPostPage,
    signal,
  });

export function useFeed(filters: FeedFilters) {
  return useInfiniteQuery({
    queryKey: insideKeys.feed(filters),
    queryFn: ({ pageParam, signal }) => getFeed(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
