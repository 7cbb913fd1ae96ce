import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

type ItemOf<P> = P extends CursorPage<infer T> ? T : never;

interface Pages<P extends CursorPage<unknown>> {
  /** The first page as the API gave it (with its extra fields, such as counts). */
  first: P;
  items: ItemOf<P>[];
  nextCursor: string | null;
}

/**
 * A keyset-paginated list with "show more": the first page is a query; further pages are appended to it in
 * the cache (a refetch starts again from the first page). TanStack's infinite query would do as well, but
 * its code would land in the shared vendor chunk that the home page loads.
 */
export function useCursorPages<P extends CursorPage<unknown>>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<P>,
) {
  const queryClient = useQueryClient();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const query = useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<Pages<P>> => {
      const first = await fetchPage(undefined, signal);
      return { first, items: first.items as ItemOf<P>[], nextCursor: first.nextCursor };
    },
  });

  async function loadMore() {
    const current = query.data;
    if (!current?.nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchPage(current.nextCursor);
      queryClient.setQueryData<Pages<P>>(queryKey, {
        ...current,
        items: [...current.items, ...(page.items as ItemOf<P>[])],
        nextCursor: page.nextCursor,
      });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  return {
    query,
    items: query.data?.items ?? [],
    first: query.data?.first,
    hasMore: Boolean(query.data?.nextCursor),
    loadMore,
    loadingMore,
    moreError,
  };
}
