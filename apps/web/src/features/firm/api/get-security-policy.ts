import { ZFirmSecurityPolicy } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { firmPath, securityPolicyKey } from './keys';

/** `GET /api/firms/{id}/security-policy`: whether the firm requires two-factor sign-in of its members. */
export const getSecurityPolicy = (firmId: string) =>
  apiFetch(firmPath(firmId, '/security-policy'), { schema: ZFirmSecurityPolicy });

export const securityPolicyQuery = (firmId: string) =>
  queryOptions({ queryKey: securityPolicyKey(firmId), queryFn: () => getSecurityPolicy(firmId) });

export const useSecurityPolicy = (firmId: string) => useQuery(securityPolicyQuery(firmId));
