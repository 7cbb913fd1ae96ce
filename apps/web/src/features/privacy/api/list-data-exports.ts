import { type TDataExport, ZDataExportList } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './keys';

/** How often the list is asked again while an export is being prepared. */
export const EXPORT_POLL_MS = 2_000;

/** `GET /api/me/data-exports`: the person's requests, newest first. */
export const listDataExports = () => apiFetch('/api/me/data-exports', { schema: ZDataExportList });

/** Still moving: the background job has yet to finish it. */
export const isExportPending = (item: Pick<TDataExport, 'status'>) =>
  item.status === 'queued' || item.status === 'building';

/** The list, asked again every two seconds while one of its exports is queued or being built. */
export const useDataExports = () =>
  useQuery({
    queryKey: privacyKeys.dataExports,
    queryFn: listDataExports,
    refetchInterval: (query) => (query.state.data?.items.some(isExportPending) ? EXPORT_POLL_MS : false),
  });
