import { ZDossierPage } from '@capitune/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { type DossierFilters, dossierKeys } from './keys';

/** `GET /api/dossiers`: the person's dossiers (a pro: their firm's), in keyset pages. */
export function listDossiers(filters: DossierFilters, cursor?: string) {
  const query = new URLSearchParams({ limit: '20' });
  if (filters.status) query.set('status', filters.status);
  if (filters.programId) query.set('programId', filters.programId);
  if (cursor) query.set('cursor', cursor);
  return apiFetch(`/api/dossiers?${query}`, { schema: ZDossierPage });
}

/** Dossiers need a confirmed address: not asked before (`enabled`). */
export function useDossierList(filters: DossierFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: dossierKeys.list(filters),
    queryFn: ({ pageParam }) => listDossiers(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}
