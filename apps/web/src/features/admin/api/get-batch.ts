import { ZBatch } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { isBatchMoving } from '../components/batch-count';
import { batchKeys } from './keys';

export const getBatch = (id: string) =>
  apiFetch(`/api/admin/batches/${encodeURIComponent(id)}`, { schema: ZBatch });

/** Asked again every second while the batch is queued, running or being undone. */
export const batchQuery = (id: string) =>
  queryOptions({
    queryKey: batchKeys.detail(id),
    queryFn: () => getBatch(id),
    refetchInterval: (query) => (query.state.data && isBatchMoving(query.state.data.status) ? 1000 : false),
  });

export const useBatch = (id: string) => useQuery(batchQuery(id));
