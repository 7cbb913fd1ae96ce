import { type TTotpSetup, ZTotpSetup } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/me/totp/setup`: a new secret (text and QR code), waiting for its first code. */
export const setUpTotp = (): Promise<TTotpSetup> =>
  apiFetch('/api/me/totp/setup', { method: 'POST', schema: ZTotpSetup });

export const useSetUpTotp = () => useMutation({ mutationFn: setUpTotp });
