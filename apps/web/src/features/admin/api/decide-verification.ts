import { type TVerificationDecisionBody, ZAdminVerification } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { verificationKeys } from './keys';

export const decideVerification = (id: string, body: TVerificationDecisionBody) =>
  apiFetch(`/api/admin/verifications/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body,
    schema: ZAdminVerification,
  });

/** A decision on a file: the answer is the file as it now stands; the queues change with it. */
export function useDecideVerification(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TVerificationDecisionBody) => decideVerification(id, body),
    onSuccess: (file) => {
      queryClient.setQueryData(verificationKeys.detail(id), file);
      void queryClient.invalidateQueries({ queryKey: [...verificationKeys.all, 'list'] });
    },
  });
}
