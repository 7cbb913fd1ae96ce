import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { useFactorsChanged } from './factors-changed';

/** `DELETE /api/me/sms-factor`: no more codes by SMS. */
export const removeSmsFactor = () => apiFetch('/api/me/sms-factor', { method: 'DELETE' });

export function useRemoveSmsFactor() {
  const changed = useFactorsChanged();
  return useMutation({ mutationFn: removeSmsFactor, onSuccess: changed });
}
