import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import { session } from '../../../lib/auth';
import { authKeys } from './keys';

/** `POST /api/auth/verify-email`. */
export function verifyEmail(token: string): Promise<unknown> {
  return apiFetch('/api/auth/verify-email', { method: 'POST', body: { token } });
}

/** Confirms the address with the token of the link, once, as the page opens. */
async function verifyAndRefresh(token: string): Promise<true> {
  await verifyEmail(token);
  // A signed-in person gets a new token saying "verified": the banner goes, the closed features open.
  if (session.getSnapshot().status === 'signedIn') await session.refresh();
  return true;
}

export function useVerifyEmail(token: string | undefined) {
  return useQuery({
    queryKey: authKeys.verifyEmail(token),
    queryFn: () =>
      token ? verifyAndRefresh(token) : Promise.reject(new ApiError({ status: 400, code: 'INVALID_TOKEN' })),
    // A token works once: never ask again for the same one (a second answer would say "invalid").
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
