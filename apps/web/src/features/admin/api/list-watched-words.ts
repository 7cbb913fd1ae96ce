import { type TWatchedWordAction, type watchedWordLists, ZWatchedWordPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminKeys } from './keys';

export type TWatchedWordList = (typeof watchedWordLists)[number];

/** Which rules the page shows: one list (French, English, both languages) and one action, or all. */
export interface WatchedWordFilter {
  list?: TWatchedWordList | undefined;
  action?: TWatchedWordAction | undefined;
}

/** `GET /api/admin/watched-words`: a page of the rules, alphabetically. */
export const listWatchedWords = (filter: WatchedWordFilter, cursor?: string) => {
  const query = new URLSearchParams({
    ...(filter.list ? { list: filter.list } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const search = query.toString();
  return apiFetch(`/api/admin/watched-words${search ? `?${search}` : ''}`, { schema: ZWatchedWordPage });
};

export const useWatchedWords = (filter: WatchedWordFilter = {}) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: [...adminKeys.watchedWords, filter.list ?? 'all', filter.action ?? 'all'] as const,
      queryFn: ({ pageParam }) => listWatchedWords(filter, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
