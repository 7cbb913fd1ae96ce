import { ZAutomatedDecisionsPage } from '@capitune/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './keys';

/** `GET /api/me/automated-decisions`: what automated rules decided about the person, newest first. */
export const listAutomatedDecisions = (cursor?: string) =>
  apiFetch(`/api/me/automated-decisions${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
    schema: ZAutomatedDecisionsPage,
  });

export const useAutomatedDecisions = () =>
  useInfiniteQuery({
    queryKey: privacyKeys.decisions,
    queryFn: ({ pageParam }) => listAutomatedDecisions(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
