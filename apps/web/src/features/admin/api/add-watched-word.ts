import { type TLocale, type TWatchedWordAction, ZWatchedWord } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminKeys } from './keys';

export interface WatchedWordInput {
  word: string;
  action: TWatchedWordAction;
  /** French texts, English texts, or null for both. */
  locale: TLocale | null;
  /** The label of a `tag` rule; null for the other actions. */
  tag: string | null;
}

/** `POST /api/admin/watched-words`. */
export const addWatchedWord = (input: WatchedWordInput) =>
  apiFetch('/api/admin/watched-words', { method: 'POST', body: input, schema: ZWatchedWord });

export function useAddWatchedWord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addWatchedWord,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.watchedWords }),
  });
}
