import { type TMember, type TMemberRole, ZMember } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

export type NewMember = {
  role: Exclude<TMemberRole, 'principal'>;
  fullName: string;
  dateOfBirth?: string | null;
};

/** `POST /api/dossiers/{id}/members`: a spouse, a dependant or a sponsor; their documents join the checklist. */
export const addMember = (dossierId: string, body: NewMember): Promise<TMember> =>
  apiFetch(dossierPath(dossierId, '/members'), { method: 'POST', body, schema: ZMember });

export function useAddMember(dossierId: string, options: DossierMutationOptions<TMember> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMember) => addMember(dossierId, body),
    onSuccess: async (member) => {
      options.onSuccess?.(member);
      await refreshDossier(queryClient, dossierId);
    },
  });
}
