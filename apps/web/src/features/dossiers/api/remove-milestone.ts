import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';
import { refreshDossier } from './refresh-dossier';

/** `DELETE /api/dossiers/{id}/milestones/{milestoneId}`. */
export const removeMilestone = (dossierId: string, milestoneId: string) =>
  apiFetch(dossierPath(dossierId, `/milestones/${encodeURIComponent(milestoneId)}`), { method: 'DELETE' });

export function useRemoveMilestone(dossierId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (milestoneId: string) => removeMilestone(dossierId, milestoneId),
    onSuccess: () => refreshDossier(queryClient, dossierId),
  });
}
