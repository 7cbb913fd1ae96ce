import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminUserKeys } from './keys';

/** Removes every second factor of a member whose identity was checked; needs a step-up (the API client asks). */
export const resetTwoFactor = (id: string, identityCheck: string) =>
  apiFetch(`/api/admin/users/${encodeURIComponent(id)}/two-factor-reset`, {
    method: 'POST',
    body: { identityCheck },
  });

export function useResetTwoFactor(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (identityCheck: string) => resetTwoFactor(id, identityCheck),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminUserKeys.detail(id) }),
  });
}
