import { type TRecoveryCodes, ZRecoveryCodes } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { securityKeys } from './keys';

/** `POST /api/me/recovery-codes`: ten new codes; the previous ones stop working. */
export const regenerateRecoveryCodes = (): Promise<TRecoveryCodes> =>
  apiFetch('/api/me/recovery-codes', { method: 'POST', schema: ZRecoveryCodes });

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: regenerateRecoveryCodes,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: securityKeys.overview, exact: true }),
  });
}
