import type { TProReview } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { getProReviews } from './get-pro-reviews';
import { prosKeys } from './keys';

/** The candidate's own review, looked for in the profile's reviews (`GET /api/pros/{slug}/reviews`, page by page). */
export async function findMyReview(slug: string, reviewId: string): Promise<TProReview | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await getProReviews(slug, cursor);
    const found = result.items.find((item) => item.id === reviewId);
    if (found) return found;
    if (!result.nextCursor) return null;
    cursor = result.nextCursor;
  }
  return null;
}

/** Asked only when there is a review to edit. */
export function useMyReview(slug: string, reviewId: string | null | undefined) {
  return useQuery({
    queryKey: [...prosKeys.reviews(slug), 'mine', reviewId],
    queryFn: () => findMyReview(slug, reviewId ?? ''),
    enabled: Boolean(reviewId),
  });
}
