import type { TRegisterBody } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/register`: a new account, to be confirmed by email. */
export function registerAccount(body: TRegisterBody): Promise<unknown> {
  return apiFetch('/api/auth/register', { method: 'POST', body });
}

export const useRegister = () => useMutation({ mutationFn: registerAccount });
