import { ZIncidentsPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys, type TIncidentStatusFilter } from './privacy-keys';

export const listIncidents = (status: TIncidentStatusFilter, cursor?: string) => {
  const search = new URLSearchParams();
  if (status) search.set('status', status);
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/incidents?${search}`, { schema: ZIncidentsPage });
};

/** The confidentiality incident register, newest first, a page at a time. */
export const useIncidents = (status: TIncidentStatusFilter) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: privacyKeys.incidentList(status),
      queryFn: ({ pageParam }) => listIncidents(status, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
