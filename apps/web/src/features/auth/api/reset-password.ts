import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/reset-password`: a new password with the emailed token. */
export function resetPassword(body: { token: string; password: string }): Promise<unknown> {
  return apiFetch('/api/auth/reset-password', { method: 'POST', body });
}

export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
