import { ZDashboard } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /api/dashboard`: what to do next, the dossiers, what waits for an answer. */
export const getDashboard = () => apiFetch('/api/dashboard', { schema: ZDashboard });

export const useDashboard = () => useQuery({ queryKey: queryKeys.dashboard, queryFn: getDashboard });
