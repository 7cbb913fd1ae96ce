import { ZDossierPage } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys } from './keys';

/**
 * `GET /api/dossiers`: the candidate's dossiers, to choose which one a pro is asked to follow. Only the
 * first 100 are read: a candidate has a handful.
 */
export const listMyDossiers = (signal?: AbortSignal) =>
  apiFetch('/api/dossiers?limit=100', { schema: ZDossierPage, signal });

export function useMyOpenDossiers(enabled: boolean) {
  return useQuery({
    queryKey: prosKeys.myOpenDossiers,
    queryFn: async ({ signal }) =>
      (await listMyDossiers(signal)).items.filter(
        (dossier) => dossier.agent === null && dossier.status !== 'closed',
      ),
    enabled,
  });
}
