import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';
import { refreshDossier } from './refresh-dossier';

/** `DELETE /api/dossiers/{id}/assignment`: ends the pro's follow-up, or cancels a pending request. */
export const endAssignment = (dossierId: string) =>
  apiFetch(dossierPath(dossierId, '/assignment'), { method: 'DELETE' });

export function useEndAssignment(dossierId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => endAssignment(dossierId),
    onSuccess: () => refreshDossier(queryClient, dossierId),
  });
}
