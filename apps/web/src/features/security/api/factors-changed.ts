import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { afterFactorChange } from '../../../lib/security/after-factor-change';
import { securityKeys } from './keys';

/**
 * What every change of factors invalidates: the passkeys, the overview, and the session (its new access
 * token says whether the account must still set one up).
 */
export async function factorsChanged(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: securityKeys.passkeys });
  await afterFactorChange(queryClient);
}

/** `onSuccess` of a mutation that changes the account's factors. */
export function useFactorsChanged() {
  const queryClient = useQueryClient();
  return () => factorsChanged(queryClient);
}
