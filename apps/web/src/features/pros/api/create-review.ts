import { type TReviewScores, ZProReview } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys, slugPath } from './keys';

export interface ReviewInput {
  dossierId: string;
  scores: TReviewScores;
  body: string;
  display: 'name' | 'anonymous';
  featureConsent: boolean;
}

/** `POST /api/pros/{slug}/reviews`: a candidate reviews the pro who followed one of their dossiers. */
export const createReview = (slug: string, body: ReviewInput) =>
  apiFetch(slugPath(slug, '/reviews'), { method: 'POST', body, schema: ZProReview });

export function useCreateReview(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewInput) => createReview(slug, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: prosKeys.reviewable }),
        queryClient.invalidateQueries({ queryKey: prosKeys.reviews(slug) }),
        queryClient.invalidateQueries({ queryKey: prosKeys.profile(slug) }),
        queryClient.invalidateQueries({ queryKey: ['pros', 'directory'] }),
      ]);
    },
  });
}
