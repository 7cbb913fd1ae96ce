import { ZProReview } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys, reviewPath } from './keys';

/** `POST /api/reviews/{id}/reply`: the reviewed pro answers, once, publicly. */
export const replyToReview = (id: string, body: string) =>
  apiFetch(reviewPath(id, '/reply'), { method: 'POST', body: { body }, schema: ZProReview });

export function useReplyToReview(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) => replyToReview(id, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: prosKeys.reviews(slug) }),
        queryClient.invalidateQueries({ queryKey: prosKeys.profile(slug) }),
      ]);
    },
  });
}
