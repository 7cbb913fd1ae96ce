import { type TDocument, ZDocument } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { documentPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

export type DocumentDates = { issueDate?: string | null; expiryDate?: string | null };

/** `PATCH /api/documents/{id}`: corrects the issue or expiry date. */
export const updateDocumentDates = (documentId: string, body: DocumentDates): Promise<TDocument> =>
  apiFetch(documentPath(documentId), { method: 'PATCH', body, schema: ZDocument });

export function useUpdateDocumentDates(
  document: Pick<TDocument, 'id' | 'dossierId'>,
  options: DossierMutationOptions<TDocument> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DocumentDates) => updateDocumentDates(document.id, body),
    onSuccess: async (updated) => {
      options.onSuccess?.(updated);
      await refreshDossier(queryClient, document.dossierId);
    },
  });
}
