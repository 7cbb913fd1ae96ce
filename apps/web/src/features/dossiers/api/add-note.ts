import { ZNote } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys, dossierPath } from './keys';
import type { TNote } from './list-notes';
import type { DossierMutationOptions } from './refresh-dossier';

/** `POST /api/dossiers/{id}/notes`. */
export const addNote = (dossierId: string, body: string) =>
  apiFetch(dossierPath(dossierId, '/notes'), { method: 'POST', body: { body }, schema: ZNote });

export function useAddNote(dossierId: string, options: DossierMutationOptions<TNote> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addNote(dossierId, body),
    onSuccess: async (note) => {
      options.onSuccess?.(note);
      await queryClient.invalidateQueries({ queryKey: dossierKeys.notes(dossierId) });
    },
  });
}
