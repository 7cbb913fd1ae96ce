import type { TFlagReason } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { reviewPath } from './keys';

export interface ReviewFlag {
  reason: TFlagReason;
  note?: string;
}

/** `POST /api/reviews/{id}/flags`: sends a review to Inside's moderation queue, with the reason. */
export const flagReview = (id: string, body: ReviewFlag) =>
  apiFetch(reviewPath(id, '/flags'), { method: 'POST', body });

export function useFlagReview(id: string) {
  return useMutation({ mutationFn: (body: ReviewFlag) => flagReview(id, body) });
}
