import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { useFactorsChanged } from './factors-changed';

/** `DELETE /api/me/totp`: 409 LAST_FACTOR_REQUIRED when the account must keep it. */
export const removeTotp = () => apiFetch('/api/me/totp', { method: 'DELETE' });

export function useRemoveTotp() {
  const changed = useFactorsChanged();
  return useMutation({ mutationFn: removeTotp, onSuccess: changed });
}
