import { type TDocument, ZDocument } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { documentPath } from './keys';
import { type DossierMutationOptions, refreshDossier } from './refresh-dossier';

export type ReviewDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

/** `POST /api/documents/{id}/review`: the pro in charge approves, or rejects with a reason. */
export const reviewDocument = (documentId: string, body: ReviewDecision): Promise<TDocument> =>
  apiFetch(documentPath(documentId, '/review'), { method: 'POST', body, schema: ZDocument });

/** A document someone else reviewed meanwhile refreshes the dossier too (the error still shows). */
export function useReviewDocument(
  document: Pick<TDocument, 'id' | 'dossierId'>,
  options: DossierMutationOptions<TDocument> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewDecision) => reviewDocument(document.id, body),
    onSuccess: async (reviewed) => {
      options.onSuccess?.(reviewed);
      await refreshDossier(queryClient, document.dossierId);
    },
    onError: (error, body) => {
      if (body.decision === 'approve' && (error as { code?: string }).code === 'DOCUMENT_ALREADY_REVIEWED')
        void refreshDossier(queryClient, document.dossierId);
    },
  });
}
