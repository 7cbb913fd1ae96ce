import { ZRetentionOverview } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export const getRetention = () => apiFetch('/api/admin/retention', { schema: ZRetentionOverview });

/** The retention rules with what is due and held now, and the daily job's last run. */
export const useRetention = () =>
  useQuery(queryOptions({ queryKey: privacyKeys.retention, queryFn: getRetention }));
