import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

export type AssignmentRequest = { proId: string; message: string | null };

/** `POST /api/dossiers/{id}/assignment`: the candidate asks a pro to follow the dossier. */
export const requestAssignment = (dossierId: string, body: AssignmentRequest) =>
  apiFetch(dossierPath(dossierId, '/assignment'), { method: 'POST', body });

export function useRequestAssignment(dossierId: string, options: DossierMutationOptions = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignmentRequest) => requestAssignment(dossierId, body),
    onSuccess: async (answer) => {
      options.onSuccess?.(answer);
      await refreshDossier(queryClient, dossierId);
    },
  });
}
