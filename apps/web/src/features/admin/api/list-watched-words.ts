import { ZWatchedWordPage } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminKeys } from './keys';

/** `GET /api/admin/watched-words`. */
export const listWatchedWords = () => apiFetch('/api/admin/watched-words', { schema: ZWatchedWordPage });

export const useWatchedWords = () =>
  useQuery({ queryKey: adminKeys.watchedWords, queryFn: listWatchedWords });
