import { type TLoginResponse, type TRegisterBody, ZLoginResponse } from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';

export function registerAccount(body: TRegisterBody): Promise<unknown> {
  return apiFetch('/api/auth/register', { method: 'POST', body });
}

export function logIn(body: { email: string; password: string }): Promise<TLoginResponse> {
  // A 401 here means wrong credentials, not an expired session: no refresh and retry.
  return apiFetch('/api/auth/login', {
    method: 'POST',
    body,
    schema: ZLoginResponse,
    retryOnUnauthorised: false,
  });
}

export function requestPasswordReset(email: string): Promise<unknown> {
  return apiFetch('/api/auth/forgot-password', { method: 'POST', body: { email } });
}

/** Whether an emailed reset link can still be used: resolves if so, else fails with INVALID_TOKEN or TOKEN_EXPIRED. */
export function checkResetToken(token: string): Promise<unknown> {
  return apiFetch('/api/auth/password-reset/check', { method: 'POST', body: { token } });
}

export function resetPassword(body: { token: string; password: string }): Promise<unknown> {
  return apiFetch('/api/auth/reset-password', { method: 'POST', body });
}

export function verifyEmail(token: string): Promise<unknown> {
  return apiFetch('/api/auth/verify-email', { method: 'POST', body: { token } });
}
