import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `DELETE /api/admin/watched-words/{id}`. */
export const removeWatchedWord = (id: string) =>
  apiFetch(`/api/admin/watched-words/${encodeURIComponent(id)}`, { method: 'DELETE' });

export function useRemoveWatchedWord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeWatchedWord,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.watchedWords }),
  });
}
