import { type TRetentionRuleId, ZDestructionsPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export const listDestructions = (rule: TRetentionRuleId | undefined, cursor?: string) => {
  const search = new URLSearchParams();
  if (rule) search.set('rule', rule);
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/destructions?${search}`, { schema: ZDestructionsPage });
};

/** The destruction register, newest first, for one rule or all. */
export const useDestructions = (rule: TRetentionRuleId | undefined) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: privacyKeys.destructions(rule),
      queryFn: ({ pageParam }) => listDestructions(rule, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
