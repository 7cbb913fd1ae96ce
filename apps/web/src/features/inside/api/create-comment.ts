import { type TCreateCommentBody, ZComment } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { postPath } from './keys';
import { refreshComments } from './refresh-comments';

/** `POST /api/posts/{id}/comments`: a comment, or a reply (`parentId`). */
export const createComment = (postId: string, body: TCreateCommentBody) =>
  apiFetch(postPath(postId, '/comments'), { method: 'POST', body, schema: ZComment });

export function useCreateComment(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCommentBody) => createComment(postId, body),
    // Not awaited: the field empties once the comment is saved, not after the list has been read again
    // (the comment never shows twice, in the list and still in the field).
    onSuccess: () => void refreshComments(queryClient, postId),
  });
}
