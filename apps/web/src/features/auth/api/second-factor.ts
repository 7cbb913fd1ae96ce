import {
  type TFactorStart,
  type TLoginResponse,
  type TSecondFactorBody,
  ZFactorStart,
  ZLoginResponse,
} from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/second-factor/start`: sends the email or SMS code, or gives the passkey's options. */
export const startSecondFactor = (body: {
  challengeId: string;
  method: 'passkey' | 'email' | 'sms';
}): Promise<TFactorStart> =>
  apiFetch('/api/auth/second-factor/start', {
    method: 'POST',
    body,
    schema: ZFactorStart,
    retryOnUnauthorised: false,
    stepUp: false,
  });

/** `POST /api/auth/second-factor`: completes the sign-in with the second factor. */
export const completeSecondFactor = (body: TSecondFactorBody): Promise<TLoginResponse> =>
  apiFetch('/api/auth/second-factor', {
    method: 'POST',
    body,
    schema: ZLoginResponse,
    retryOnUnauthorised: false,
    stepUp: false,
  });
