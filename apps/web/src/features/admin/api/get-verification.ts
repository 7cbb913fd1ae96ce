import { ZAdminVerification } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { verificationKeys } from './keys';

export const getVerification = (id: string) =>
  apiFetch(`/api/admin/verifications/${encodeURIComponent(id)}`, { schema: ZAdminVerification });

export const verificationQuery = (id: string) =>
  queryOptions({ queryKey: verificationKeys.detail(id), queryFn: () => getVerification(id) });

/** One file with all its evidence. */
export const useVerification = (id: string) => useQuery(verificationQuery(id));
