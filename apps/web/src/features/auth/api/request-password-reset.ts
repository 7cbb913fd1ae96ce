import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/forgot-password`: emails a reset link (the answer never says whether the address exists). */
export function requestPasswordReset(email: string): Promise<unknown> {
  return apiFetch('/api/auth/forgot-password', { method: 'POST', body: { email } });
}

export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset });
