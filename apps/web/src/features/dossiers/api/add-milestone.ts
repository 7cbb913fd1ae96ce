import { type TMilestone, type TMilestoneKind, ZMilestone } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

export interface MilestoneInput {
  kind: TMilestoneKind;
  label: string | null;
  date: string | null;
  done: boolean;
  note: string | null;
}

/** `POST /api/dossiers/{id}/milestones`. */
export const addMilestone = (dossierId: string, body: MilestoneInput): Promise<TMilestone> =>
  apiFetch(dossierPath(dossierId, '/milestones'), { method: 'POST', body, schema: ZMilestone });

export function useAddMilestone(dossierId: string, options: DossierMutationOptions<TMilestone> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MilestoneInput) => addMilestone(dossierId, body),
    onSuccess: async (milestone) => {
      options.onSuccess?.(milestone);
      await refreshDossier(queryClient, dossierId);
    },
  });
}
