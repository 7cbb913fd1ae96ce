import { type TDossier, type TDossierStatus, ZDossier } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys, dossierPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

export type DossierPatch = { status?: TDossierStatus; fileNumber?: string | null };

/** `PATCH /api/dossiers/{id}`: the pro in charge sets the status and the file number. */
export const updateDossier = (dossierId: string, patch: DossierPatch): Promise<TDossier> =>
  apiFetch(dossierPath(dossierId), { method: 'PATCH', body: patch, schema: ZDossier });

export function useUpdateDossier(dossierId: string, options: DossierMutationOptions<TDossier> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: DossierPatch) => updateDossier(dossierId, patch),
    onSuccess: async (updated) => {
      queryClient.setQueryData(dossierKeys.detail(dossierId), updated);
      options.onSuccess?.(updated);
      await refreshDossier(queryClient, dossierId);
    },
  });
}
