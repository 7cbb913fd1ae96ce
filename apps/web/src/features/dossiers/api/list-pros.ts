import { ZProDirectoryPage } from '@capitune/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys } from './keys';

/** `GET /api/pros?q=`: verified professionals, for the candidate to choose one. */
export function listPros(query: string, cursor?: string) {
  const params = new URLSearchParams({ limit: '20' });
  if (query.trim()) params.set('q', query.trim());
  if (cursor) params.set('cursor', cursor);
  return apiFetch(`/api/pros?${params}`, { schema: ZProDirectoryPage });
}

/** Asked while the chooser is open; the previous results stay while the next ones load. */
export function useProSearch(query: string, enabled: boolean) {
  return useQuery({
    queryKey: dossierKeys.pros(query),
    queryFn: () => listPros(query),
    enabled,
    placeholderData: keepPreviousData,
  });
}
