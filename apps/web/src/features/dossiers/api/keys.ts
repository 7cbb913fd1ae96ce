import type { TDossierStatus } from '@capitune/contracts';
import { queryKeys } from '../../../lib/query-keys';

/** The filters of the dossier list: part of its query key. */
export interface DossierFilters {
  status?: TDossierStatus | undefined;
  programId?: string | undefined;
}

/**
 * Query keys of the dossiers. All start with `me` (a change of user drops them); the lists and detail
 * pages sit under `queryKeys.dossiers`, which the realtime bridge and the dashboard refresh.
 */
export const dossierKeys = {
  all: queryKeys.dossiers,
  list: (filters: DossierFilters) => [...queryKeys.dossiers, 'list', filters] as const,
  detail: (id: string) => [...queryKeys.dossiers, 'detail', id] as const,
  notes: (id: string) => [...queryKeys.dossiers, 'notes', id] as const,
  pros: (query: string) => ['me', 'pros', query] as const,
  pro: (slug: string | undefined) => ['me', 'pros', 'profile', slug] as const,
  reviewable: ['me', 'reviewable'] as const,
};

export const dossierPath = (dossierId: string, rest = '') =>
  `/api/dossiers/${encodeURIComponent(dossierId)}${rest}`;

export const documentPath = (documentId: string, rest = '') =>
  `/api/documents/${encodeURIComponent(documentId)}${rest}`;
