import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { useFactorsChanged } from './factors-changed';

/** `DELETE /api/me/passkeys/{id}`: 409 LAST_FACTOR_REQUIRED when the account must keep it. */
export const removePasskey = (id: string) =>
  apiFetch(`/api/me/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' });

export function useRemovePasskey() {
  const changed = useFactorsChanged();
  return useMutation({ mutationFn: removePasskey, onSuccess: changed });
}
