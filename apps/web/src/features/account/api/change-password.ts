import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `PUT /api/me/password`: the other devices are logged out. */
export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  apiFetch('/api/me/password', { method: 'PUT', body });

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // The other devices were logged out.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}
