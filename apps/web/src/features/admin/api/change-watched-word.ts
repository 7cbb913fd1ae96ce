import { type TWatchedWordAction, ZWatchedWord } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `PATCH /api/admin/watched-words/{id}`: what a match does (block, hold for review…). */
export const changeWatchedWord = ({ id, action }: { id: string; action: TWatchedWordAction }) =>
  apiFetch(`/api/admin/watched-words/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { action },
    schema: ZWatchedWord,
  });

export function useChangeWatchedWord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeWatchedWord,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.watchedWords }),
  });
}
