import { type TFlagTargetType, type TModerationAction, ZModerationResult } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { adminKeys } from './keys';

export interface ModerateInput {
  targetType: TFlagTargetType;
  id: string;
  action: TModerationAction;
  note?: string | undefined;
}

/** `POST /api/admin/moderation/{type}/{id}/{action}`: answers how many flags it resolved. */
export const moderate = ({ targetType, id, action, note }: ModerateInput) =>
  apiFetch(`/api/admin/moderation/${targetType}/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body: note ? { note } : {},
    schema: ZModerationResult,
  });

/** After a decision: the queue, and the Inside pages (a post or comment may be hidden or shown again). */
export function useModerate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moderate,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.queue }),
        queryClient.invalidateQueries({ queryKey: queryKeys.inside }),
      ]),
  });
}
