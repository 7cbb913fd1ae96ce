import { ZIncident } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export const incidentPath = (id: string, rest = '') =>
  `/api/admin/incidents/${encodeURIComponent(id)}${rest}`;

export const getIncident = (id: string) => apiFetch(incidentPath(id), { schema: ZIncident });

export const incidentQuery = (id: string) =>
  queryOptions({ queryKey: privacyKeys.incident(id), queryFn: () => getIncident(id) });

/** One incident with its dated entries. */
export const useIncident = (id: string) => useQuery(incidentQuery(id));
