import { ZCommentPage } from '@capitune/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { insideKeys, postPath, searchOf } from './keys';

export const COMMENT_PAGE_SIZE = 50;

/** `GET /api/posts/{id}/comments`: in keyset pages. */
export const getComments = (postId: string, cursor?: string) =>
  apiFetch(postPath(postId, `/comments${searchOf({ cursor, limit: COMMENT_PAGE_SIZE })}`), {
    schema: ZCommentPage,
  });

export function useComments(postId: string) {
  return useInfiniteQuery({
    queryKey: insideKeys.comments(postId),
    queryFn: ({ pageParam }) => getComments(postId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
