import { ZReviewable } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys } from './keys';

const ZReviewableList = z.array(ZReviewable);
export type TReviewable = z.infer<typeof ZReviewable>;

/** `GET /api/me/reviewable`: the candidate's dossiers whose pro they may review (or already reviewed). */
export const getReviewable = (signal?: AbortSignal) =>
  apiFetch('/api/me/reviewable', { schema: ZReviewableList, signal });

export function useReviewable(enabled: boolean) {
  return useQuery({
    queryKey: prosKeys.reviewable,
    queryFn: ({ signal }) => getReviewable(signal),
    enabled,
  });
}
