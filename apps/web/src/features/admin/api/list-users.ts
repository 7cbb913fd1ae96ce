import { type TUserFilter, ZAdminUserPage } from '@capitune/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminUserKeys } from './keys';

export const listUsers = (filter: TUserFilter, cursor?: string) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) search.set(key, String(value));
  if (cursor) search.set('cursor', cursor);
  return apiFetch(`/api/admin/users?${search}`, { schema: ZAdminUserPage });
};

export const usersQuery = (filter: TUserFilter) =>
  infiniteQueryOptions({
    queryKey: adminUserKeys.list(filter),
    queryFn: ({ pageParam }) => listUsers(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** Members matching the filters, newest sign-ups first, a keyset page at a time ("load more"). */
export const useUsers = (filter: TUserFilter) => useInfiniteQuery(usersQuery(filter));
