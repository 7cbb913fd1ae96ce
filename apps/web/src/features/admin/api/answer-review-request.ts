import type { ZReviewAnswerBody } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export type TReviewAnswer = z.infer<typeof ZReviewAnswerBody>;

/** An admin's answer: the decision upheld or reversed, with a note the person reads. */
export const answerReviewRequest = (id: string, body: TReviewAnswer) =>
  apiFetch(`/api/admin/review-requests/${encodeURIComponent(id)}`, { method: 'POST', body });

export function useAnswerReviewRequest(options: { onSuccess?: (id: string) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TReviewAnswer }) => answerReviewRequest(id, body),
    onSuccess: (_result, { id }) => {
      options.onSuccess?.(id);
      void queryClient.invalidateQueries({ queryKey: privacyKeys.reviews });
    },
  });
}
