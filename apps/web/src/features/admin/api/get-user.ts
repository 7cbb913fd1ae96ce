import { ZAdminUserDetail } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminUserKeys } from './keys';

export const getUser = (id: string) =>
  apiFetch(`/api/admin/users/${encodeURIComponent(id)}`, { schema: ZAdminUserDetail });

export const userQuery = (id: string) =>
  queryOptions({ queryKey: adminUserKeys.detail(id), queryFn: () => getUser(id) });

/** One member as the admins see them: account, sessions, factors, dossier counts, history, emails. */
export const useAdminUser = (id: string) => useQuery(userQuery(id));
