import { type TStatsPeriod, ZAdminStats } from '@capitune/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { statsKeys } from './keys';

export const getStats = (days: TStatsPeriod) =>
  apiFetch(`/api/admin/stats?${new URLSearchParams({ days })}`, { schema: ZAdminStats });

export const statsQuery = (days: TStatsPeriod) =>
  queryOptions({
    queryKey: statsKeys.period(days),
    queryFn: () => getStats(days),
    // The figures are recomputed every 5 minutes on the server: refetching more often shows nothing new.
    staleTime: 60_000,
    // The previous period stays on screen while the next one loads.
    placeholderData: keepPreviousData,
  });

/** The platform statistics of a period (30, 90 or 365 days), as last computed on the server. */
export const useStats = (days: TStatsPeriod) => useQuery(statsQuery(days));
