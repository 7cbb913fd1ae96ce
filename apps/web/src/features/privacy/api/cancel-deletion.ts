import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './keys';

/** `DELETE /api/me/deletion`: the pending deletion is cancelled; the account stays as it was. */
export const cancelDeletion = () => apiFetch<unknown>('/api/me/deletion', { method: 'DELETE' });

export function useCancelDeletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelDeletion,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.deletion }),
  });
}
