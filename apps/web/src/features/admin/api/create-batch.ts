import { type TBatchDryRunBody, type TBatchRunBody, ZBatch, ZBatchDryRun } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { batchKeys } from './keys';

export const dryRunBatch = (body: TBatchDryRunBody) =>
  apiFetch('/api/admin/batches', { method: 'POST', body, schema: ZBatchDryRun });

export const runBatch = (body: TBatchRunBody) =>
  apiFetch('/api/admin/batches', { method: 'POST', body, schema: ZBatch });

/** The first step of a batch: who it would touch, frozen, nothing done yet. */
export const useDryRunBatch = () => useMutation({ mutationFn: dryRunBatch });

/** The second step: the dry run confirmed by its count; the batch is queued. */
export function useRunBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runBatch,
    onSuccess: (batch) => {
      queryClient.setQueryData(batchKeys.detail(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: batchKeys.list });
    },
  });
}
