import { type TUpdatePostBody, ZPost } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { insideKeys, postPath } from './keys';

/** `PATCH /api/posts/{id}`. */
export const updatePost = (postId: string, body: TUpdatePostBody) =>
  apiFetch(postPath(postId), { method: 'PATCH', body, schema: ZPost });

export function useUpdatePost(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdatePostBody) => updatePost(postId, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(insideKeys.post(postId), updated);
      await queryClient.invalidateQueries({ queryKey: insideKeys.feeds });
    },
  });
}
