import { type TWatchedWordAction, ZWatchedWord } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `POST /api/admin/watched-words`. */
export const addWatchedWord = ({ word, action }: { word: string; action: TWatchedWordAction }) =>
  apiFetch('/api/admin/watched-words', { method: 'POST', body: { word, action }, schema: ZWatchedWord });

export function useAddWatchedWord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addWatchedWord,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.watchedWords }),
  });
}
