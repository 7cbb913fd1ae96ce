import { ZDeliveryPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { DeliveriesSearch } from '../routes/deliveries-search';

export const deliveryKeys = {
  list: (filter: DeliveriesSearch) => ['admin', 'deliveries', filter] as const,
};

export const listDeliveries = (filter: DeliveriesSearch, cursor?: string) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) search.set(key, String(value));
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/deliveries?${search}`, { schema: ZDeliveryPage });
};

/** The notifications' delivery log (one line a notification and channel), newest first, a keyset page at a time. */
export const useDeliveries = (filter: DeliveriesSearch) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: deliveryKeys.list(filter),
      queryFn: ({ pageParam }) => listDeliveries(filter, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
