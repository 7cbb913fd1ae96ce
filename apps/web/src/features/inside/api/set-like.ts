import { type TPost, ZLikeState } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { commentPath, insideKeys, postPath } from './keys';

export type LikeTarget = 'post' | 'comment';

export interface LikeInput {
  target: LikeTarget;
  targetId: string;
  liked: boolean;
}

/** `PUT` (like) or `DELETE` (unlike) `/api/posts|comments/{id}/like`: answers the new count. */
export const setLike = ({ target, targetId, liked }: LikeInput) =>
  apiFetch(target === 'post' ? postPath(targetId, '/like') : commentPath(targetId, '/like'), {
    method: liked ? 'PUT' : 'DELETE',
    schema: ZLikeState,
  });

/** A liked post's page (if cached) shows the new count. */
export function useSetLike() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setLike,
    onSuccess: (state, { target, targetId }) => {
      if (target !== 'post') return;
      queryClient.setQueryData<TPost>(insideKeys.post(targetId), (post) =>
        post ? { ...post, ...state } : post,
      );
    },
  });
}
