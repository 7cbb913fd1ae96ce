import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/**
 * `POST /api/auth/sessions/end`: ends the session a sign-in alert speaks of, by the token of its link
 * (no account needed: the person may be signed in nowhere else).
 */
export const endSessionByLink = (token: string) =>
  apiFetch('/api/auth/sessions/end', { method: 'POST', body: { token }, retryOnUnauthorised: false });

export function useEndSessionByLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSessionByLink,
    // A signed-in person's list of devices has one fewer.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}
