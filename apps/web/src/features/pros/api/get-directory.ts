import { ZProDirectoryPage } from '@capitune/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { DirectorySearch } from '../routes/search';
import { prosKeys } from './keys';

export const DIRECTORY_PAGE_SIZE = 12;

/** `GET /api/pros`: one keyset page of verified pros matching the filters. */
export function getDirectory(filters: DirectorySearch, cursor?: string, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(DIRECTORY_PAGE_SIZE) });
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  if (cursor) params.set('cursor', cursor);
  return apiFetch(`/api/pros?${params}`, { schema: ZProDirectoryPage, signal });
}

export function useDirectory(filters: DirectorySearch) {
  return useInfiniteQuery({
    queryKey: prosKeys.directory(filters),
    queryFn: ({ pageParam, signal }) => getDirectory(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
