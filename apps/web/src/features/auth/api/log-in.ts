import { type TLoginResult, ZLoginResult } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/login`: signed in, or the password was right and a second factor is needed. */
export function logIn(body: { email: string; password: string }): Promise<TLoginResult> {
  // A 401 here means wrong credentials, not an expired session: no refresh and retry.
  return apiFetch('/api/auth/login', {
    method: 'POST',
    body,
    schema: ZLoginResult,
    retryOnUnauthorised: false,
    stepUp: false,
  });
}

export const useLogIn = () => useMutation({ mutationFn: logIn });
