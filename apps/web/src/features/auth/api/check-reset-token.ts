import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { authKeys } from './keys';

/** Whether an emailed reset link can still be used: resolves if so, else fails with INVALID_TOKEN or TOKEN_EXPIRED. */
export function checkResetToken(token: string): Promise<unknown> {
  return apiFetch('/api/auth/password-reset/check', { method: 'POST', body: { token } });
}

/** Checked once as the page opens (no token: not asked). */
export function useResetTokenCheck(token: string | undefined) {
  return useQuery({
    queryKey: authKeys.resetCheck(token),
    queryFn: () => checkResetToken(token ?? ''),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
