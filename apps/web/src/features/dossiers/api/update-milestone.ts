import { type TMilestone, ZMilestone } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { MilestoneInput } from './add-milestone';
import { dossierPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

export interface MilestoneChange {
  milestoneId: string;
  body: Partial<MilestoneInput>;
}

/** `PATCH /api/dossiers/{id}/milestones/{milestoneId}`. */
export const updateMilestone = (
  dossierId: string,
  { milestoneId, body }: MilestoneChange,
): Promise<TMilestone> =>
  apiFetch(dossierPath(dossierId, `/milestones/${encodeURIComponent(milestoneId)}`), {
    method: 'PATCH',
    body,
    schema: ZMilestone,
  });

export function useUpdateMilestone(dossierId: string, options: DossierMutationOptions<TMilestone> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: MilestoneChange) => updateMilestone(dossierId, change),
    onSuccess: async (milestone) => {
      options.onSuccess?.(milestone);
      await refreshDossier(queryClient, dossierId);
    },
  });
}
