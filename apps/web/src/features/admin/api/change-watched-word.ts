import { ZWatchedWord } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { WatchedWordInput } from './add-watched-word';
import { adminKeys } from './keys';

/** `PATCH /api/admin/watched-words/{id}`: the word, its list, what a match does, its tag. */
export const changeWatchedWord = ({ id, ...changes }: { id: string } & Partial<WatchedWordInput>) =>
  apiFetch(`/api/admin/watched-words/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: changes,
    schema: ZWatchedWord,
  });

export function useChangeWatchedWord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeWatchedWord,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.watchedWords }),
  });
}
