import { type TAuditFilter, ZAuditPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { auditQueryString } from '../routes/audit-search';
import { auditKeys } from './keys';

const PAGE_SIZE = '50';

export const listAudit = (filter: TAuditFilter, cursor?: string) =>
  apiFetch(
    `/api/admin/audit?${auditQueryString(filter, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })}`,
    { schema: ZAuditPage },
  );

/** The audit log's entries the filters select, newest first, a page at a time. */
export const useAuditEntries = (filter: TAuditFilter) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: auditKeys.list(auditQueryString(filter)),
      queryFn: ({ pageParam }) => listAudit(filter, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
