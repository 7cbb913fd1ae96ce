import { ZProReview } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import type { ReviewInput } from './create-review';
import { prosKeys, reviewPath } from './keys';

export type ReviewPatch = Partial<Omit<ReviewInput, 'dossierId'>>;

/** `PATCH /api/reviews/{id}`: the author edits their review (within 30 days of writing it). */
export const updateReview = (id: string, body: ReviewPatch) =>
  apiFetch(reviewPath(id), { method: 'PATCH', body, schema: ZProReview });

export function useUpdateReview(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ReviewPatch }) => updateReview(id, patch),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: prosKeys.reviews(slug) }),
        queryClient.invalidateQueries({ queryKey: prosKeys.profile(slug) }),
      ]);
    },
  });
}
