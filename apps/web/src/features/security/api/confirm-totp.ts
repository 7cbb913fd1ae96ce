import { type TRecoveryCodes, ZRecoveryCodes } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { useFactorsChanged } from './factors-changed';

/** `POST /api/me/totp/confirm`: the app's first code turns it on; recovery codes come with it (once). */
export const confirmTotp = (code: string): Promise<TRecoveryCodes> =>
  apiFetch('/api/me/totp/confirm', { method: 'POST', body: { code }, schema: ZRecoveryCodes });

export function useConfirmTotp() {
  const changed = useFactorsChanged();
  return useMutation({ mutationFn: confirmTotp, onSuccess: changed });
}
