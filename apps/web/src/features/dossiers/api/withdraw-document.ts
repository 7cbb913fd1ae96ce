import { type TDocument, ZDocument } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { documentPath } from './keys';
import { refreshDossier } from './refresh-dossier';

/** `POST /api/documents/{id}/withdraw`: the candidate takes back a document not approved yet. */
export const withdrawDocument = (documentId: string): Promise<TDocument> =>
  apiFetch(documentPath(documentId, '/withdraw'), { method: 'POST', schema: ZDocument });

export function useWithdrawDocument(document: Pick<TDocument, 'id' | 'dossierId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => withdrawDocument(document.id),
    onSuccess: () => refreshDossier(queryClient, document.dossierId),
  });
}
