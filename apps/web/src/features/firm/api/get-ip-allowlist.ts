import { ZIpAllowlist } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { firmPath, ipAllowlistKey } from './keys';

/** `GET /api/firms/{id}/ip-allowlist`: the ranges, whether they apply, and the caller's own address. */
export const getIpAllowlist = (firmId: string) =>
  apiFetch(firmPath(firmId, '/ip-allowlist'), { schema: ZIpAllowlist });

export const ipAllowlistQuery = (firmId: string) =>
  queryOptions({ queryKey: ipAllowlistKey(firmId), queryFn: () => getIpAllowlist(firmId) });

export const useIpAllowlist = (firmId: string) => useQuery(ipAllowlistQuery(firmId));
