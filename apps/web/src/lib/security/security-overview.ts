import { type TSecurityOverview, ZSecurityOverview } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api-client';
import { queryKeys } from '../query-keys';

/** `GET /api/me/security`: the account's factors, the two-factor policy and how a step-up is proven. */
export const getSecurityOverview = (): Promise<TSecurityOverview> =>
  apiFetch('/api/me/security', { schema: ZSecurityOverview });

export const securityOverviewQuery = () =>
  queryOptions({ queryKey: queryKeys.security, queryFn: getSecurityOverview });

export const useSecurityOverview = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...securityOverviewQuery(), enabled: options.enabled ?? true });

/** The grace of a policy not yet met: until when the account may still do without a second factor. */
export function graceOf(policy: TSecurityOverview['policy']): string | null {
  return policy.required && !policy.satisfied && !policy.setupRequiredNow ? policy.graceEndsAt : null;
}
