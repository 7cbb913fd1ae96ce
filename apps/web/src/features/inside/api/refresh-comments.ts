import type { QueryClient } from '@tanstack/react-query';
import { insideKeys } from './keys';

/** After a change to a comment: the thread, and the post (its comment count). */
export const refreshComments = (queryClient: QueryClient, postId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: insideKeys.comments(postId) }),
    queryClient.invalidateQueries({ queryKey: insideKeys.post(postId) }),
  ]);
