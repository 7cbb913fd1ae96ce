import type { QueryClient } from '@tanstack/react-query';
import { session } from '../auth';
import { queryKeys } from '../query-keys';
import { twoFactorGate } from '../two-factor-gate';
import { getSecurityOverview } from './security-overview';

/**
 * After a factor was added or removed: the overview is read again, and the session renewed, so that
 * the new access token says whether the account still has to set one up (an account that must have a
 * factor gets the rest of the site back at once).
 */
export async function afterFactorChange(queryClient: QueryClient): Promise<void> {
  await session.refresh();
  const overview = await queryClient.fetchQuery({
    queryKey: queryKeys.security,
    queryFn: getSecurityOverview,
    staleTime: 0,
  });
  if (!overview.policy.setupRequiredNow) twoFactorGate.clear();
}
