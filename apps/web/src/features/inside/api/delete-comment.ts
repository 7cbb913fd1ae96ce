import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { commentPath } from './keys';
import { refreshComments } from './refresh-comments';

/** `DELETE /api/comments/{id}`. */
export const deleteComment = (commentId: string) => apiFetch(commentPath(commentId), { method: 'DELETE' });

export function useDeleteComment(postId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteComment(commentId),
    onSuccess: () => refreshComments(queryClient, postId),
  });
}
