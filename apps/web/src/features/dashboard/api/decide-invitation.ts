import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { refreshDashboardAndDossiers } from './refresh';

/** `POST /api/dossiers/invitations/{id}/decision`: the candidate's answer to a pro's invitation; accepting opens the dossier. */
export const decideInvitation = (invitationId: string, decision: 'accept' | 'decline') =>
  apiFetch(`/api/dossiers/invitations/${encodeURIComponent(invitationId)}/decision`, {
    method: 'POST',
    body: { decision },
    schema: z.object({ dossierId: z.string().nullable() }),
  });

/** `onDecided` runs once the dashboard is fresh, with the opened dossier's id (if accepted). */
export function useDecideInvitation(
  invitationId: string,
  { onDecided }: { onDecided?: (dossierId: string | null) => Promise<unknown> } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: 'accept' | 'decline') => decideInvitation(invitationId, decision),
    onSuccess: async ({ dossierId }) => {
      await refreshDashboardAndDossiers(queryClient);
      await onDecided?.(dossierId);
    },
  });
}
