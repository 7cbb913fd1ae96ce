import { type TDossier, ZDossier } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { dossierKeys } from './keys';

/** `POST /api/dossiers`: the candidate opens a dossier for a program. */
export const createDossier = (body: { programId: string; principalDateOfBirth?: string | null }) =>
  apiFetch('/api/dossiers', { method: 'POST', body, schema: ZDossier });

/** The new dossier is cached (its page opens at once); `onCreated` runs once the lists are fresh. */
export function useCreateDossier({
  onCreated,
}: {
  onCreated?: (dossier: TDossier) => Promise<unknown>;
} = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDossier,
    onSuccess: async (dossier) => {
      queryClient.setQueryData(dossierKeys.detail(dossier.id), dossier);
      await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
      await queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
      await onCreated?.(dossier);
    },
  });
}
