import {
  type TLoginResponse,
  type TWebAuthnResponse,
  ZLoginResponse,
  ZPasskeySignInOptions,
} from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/auth/passkey/options`: a challenge for any passkey of this site (no email asked). */
export const passkeySignInOptions = () =>
  apiFetch('/api/auth/passkey/options', {
    method: 'POST',
    schema: ZPasskeySignInOptions,
    retryOnUnauthorised: false,
    stepUp: false,
  });

/** `POST /api/auth/passkey`: signs in with the passkey's answer alone. */
export const signInWithPasskey = (body: {
  challengeId: string;
  credential: TWebAuthnResponse;
}): Promise<TLoginResponse> =>
  apiFetch('/api/auth/passkey', {
    method: 'POST',
    body,
    schema: ZLoginResponse,
    retryOnUnauthorised: false,
    stepUp: false,
  });
