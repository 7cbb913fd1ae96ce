import { type TCreatePostBody, ZPost } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { insideKeys } from './keys';

/** `POST /api/posts`. */
export const createPost = (body: TCreatePostBody) =>
  apiFetch('/api/posts', { method: 'POST', body, schema: ZPost });

/** The new post is cached (its page opens at once) and the feeds are read again. */
export function useCreatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPost,
    onSuccess: async (post) => {
      queryClient.setQueryData(insideKeys.post(post.id), post);
      await queryClient.invalidateQueries({ queryKey: insideKeys.feeds });
    },
  });
}
