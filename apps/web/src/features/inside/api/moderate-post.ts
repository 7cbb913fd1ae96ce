import { ZModerationResult } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { insideKeys } from './keys';

/** Admins moderate a post from its page too (the queue only lists what waits for a decision). */
export const moderatePost = (postId: string, action: 'hide' | 'restore') =>
  apiFetch(`/api/admin/moderation/post/${encodeURIComponent(postId)}/${action}`, {
    method: 'POST',
    body: {},
    schema: ZModerationResult,
  });

export function useModeratePost(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'hide' | 'restore') => moderatePost(postId, action),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: insideKeys.all }),
  });
}
