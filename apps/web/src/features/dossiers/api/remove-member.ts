import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';
import { refreshDossier } from './refresh-dossier';

/** `DELETE /api/dossiers/{id}/members/{memberId}`: a member without documents. */
export const removeMember = (dossierId: string, memberId: string) =>
  apiFetch(dossierPath(dossierId, `/members/${encodeURIComponent(memberId)}`), { method: 'DELETE' });

export function useRemoveMember(dossierId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => removeMember(dossierId, memberId),
    onSuccess: () => refreshDossier(queryClient, dossierId),
  });
}
