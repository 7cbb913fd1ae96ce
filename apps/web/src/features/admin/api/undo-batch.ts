import { ZBatch } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { batchKeys } from './keys';

export const undoBatch = (id: string) =>
  apiFetch(`/api/admin/batches/${encodeURIComponent(id)}/undo`, { method: 'POST', schema: ZBatch });

/** Puts every member the batch changed back as they were (within the undo window). */
export function useUndoBatch(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => undoBatch(id),
    onSuccess: (batch) => {
      queryClient.setQueryData(batchKeys.detail(id), batch);
      void queryClient.invalidateQueries({ queryKey: batchKeys.targets(id) });
      void queryClient.invalidateQueries({ queryKey: batchKeys.list });
    },
  });
}
