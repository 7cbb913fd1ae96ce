import {
  type TFirmInvitationAcceptBody,
  type TLoginResponse,
  ZFirmInvitationAccepted,
  ZLoginResponse,
} from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

export const acceptInvitation = (body: TFirmInvitationAcceptBody) =>
  apiFetch('/api/firm-invitations/accept', { method: 'POST', body, schema: ZFirmInvitationAccepted });

/** Signs the new agent in with the password they just chose (a 401 means no such account: no retry). */
const signIn = (email: string, password: string): Promise<TLoginResponse> =>
  apiFetch('/api/auth/login', {
    method: 'POST',
    body: { email, password },
    schema: ZLoginResponse,
    retryOnUnauthorised: false,
  });

/**
 * Creates the agent's account, then signs in. The answer is the same when the email already had an
 * account (which is not attached to the firm): then signing in fails, and `signedIn` is null.
 */
export function useAcceptInvitation() {
  return useMutation({
    mutationFn: async (body: TFirmInvitationAcceptBody) => {
      const { email } = await acceptInvitation(body);
      const signedIn = await signIn(email, body.password).catch(() => null);
      return { email, signedIn };
    },
  });
}
