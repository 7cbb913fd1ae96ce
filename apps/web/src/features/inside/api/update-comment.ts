import { ZComment } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { commentPath } from './keys';
import { refreshComments } from './refresh-comments';

/** `PATCH /api/comments/{id}`. */
export const updateComment = (commentId: string, body: string) =>
  apiFetch(commentPath(commentId), { method: 'PATCH', body: { body }, schema: ZComment });

export function useUpdateComment(postId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => updateComment(commentId, body),
    onSuccess: () => refreshComments(queryClient, postId),
  });
}
