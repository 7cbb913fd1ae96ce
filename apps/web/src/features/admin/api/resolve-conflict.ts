import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { verificationKeys } from './keys';

export const resolveConflict = (id: string, conflictId: string) =>
  apiFetch(
    `/api/admin/verifications/${encodeURIComponent(id)}/conflicts/${encodeURIComponent(conflictId)}/resolve`,
    { method: 'POST', body: {} },
  );

/** Marks a licence conflict as looked into: the file leaves the conflicts queue when none is left open. */
export function useResolveConflict(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (conflictId: string) => resolveConflict(id, conflictId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: verificationKeys.all }),
  });
}
