import { type TDossier, type TLegalHold, type TLegalHoldBody, ZLegalHold } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys, dossierPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

/**
 * `POST /api/dossiers/{id}/legal-hold`: the firm places a hold (with its reason), which suspends the
 * file's destruction at the end of its retention, or lifts it.
 */
export const setLegalHold = (dossierId: string, body: TLegalHoldBody): Promise<TLegalHold> =>
  apiFetch(dossierPath(dossierId, '/legal-hold'), { method: 'POST', body, schema: ZLegalHold });

export function useSetLegalHold(dossierId: string, options: DossierMutationOptions<TLegalHold> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLegalHoldBody) => setLegalHold(dossierId, body),
    onSuccess: async (hold) => {
      queryClient.setQueryData<TDossier>(dossierKeys.detail(dossierId), (dossier) =>
        dossier
          ? { ...dossier, legalHold: { held: hold.held, reason: hold.reason, since: hold.since } }
          : dossier,
      );
      options.onSuccess?.(hold);
      await refreshDossier(queryClient, dossierId);
    },
  });
}
