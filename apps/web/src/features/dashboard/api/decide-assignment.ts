import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { refreshDashboardAndDossiers } from './refresh';

export type AssignmentDecision = { decision: 'accept' } | { decision: 'decline'; reason: string | null };

/** `POST /api/dossiers/{id}/assignment/decision`: the requested pro's answer to a candidate's request. */
export const decideAssignment = (dossierId: string, body: AssignmentDecision) =>
  apiFetch(`/api/dossiers/${encodeURIComponent(dossierId)}/assignment/decision`, { method: 'POST', body });

/** `onDecided` runs first (the request leaves the list once the dashboard is fresh). */
export function useDecideAssignment(dossierId: string, { onDecided }: { onDecided?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignmentDecision) => decideAssignment(dossierId, body),
    onSuccess: async () => {
      onDecided?.();
      await refreshDashboardAndDossiers(queryClient);
    },
  });
}
