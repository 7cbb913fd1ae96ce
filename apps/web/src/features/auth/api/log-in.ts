import { type TLoginResponse, ZLoginResponse } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/login`. */
export function logIn(body: { email: string; password: string }): Promise<TLoginResponse> {
  // A 401 here means wrong credentials, not an expired session: no refresh and retry.
  return apiFetch('/api/auth/login', {
    method: 'POST',
    body,
    schema: ZLoginResponse,
    retryOnUnauthorised: false,
  });
}

export const useLogIn = () => useMutation({ mutationFn: logIn });
