import { ZProReview } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys, reviewPath } from './keys';

/** `POST /api/reviews/{id}/feature`: the pro shows (or stops showing) a consenting review as a testimonial. */
export const featureReview = (id: string, featured: boolean) =>
  apiFetch(reviewPath(id, '/feature'), { method: 'POST', body: { featured }, schema: ZProReview });

export function useFeatureReview(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, featured }: { id: string; featured: boolean }) => featureReview(id, featured),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: prosKeys.reviews(slug) }),
        queryClient.invalidateQueries({ queryKey: prosKeys.profile(slug) }),
      ]);
    },
  });
}
