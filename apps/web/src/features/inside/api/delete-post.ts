import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { insideKeys, postPath } from './keys';

/** `DELETE /api/posts/{id}`. */
export const deletePost = (postId: string) => apiFetch(postPath(postId), { method: 'DELETE' });

export function useDeletePost(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deletePost(postId),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: insideKeys.post(postId) });
      await queryClient.invalidateQueries({ queryKey: insideKeys.feeds });
    },
  });
}
