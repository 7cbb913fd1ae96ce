import type { TAdminUserRole, TAdminUserStatus, TUserFilter } from '@capitune/contracts';

/** `/admin/users?q=&role=&status=&tag=&signedUpFrom=&signedUpTo=`: the list's filters, days as `YYYY-MM-DD`. */
export interface UsersSearch {
  q?: string;
  role?: TAdminUserRole;
  status?: TAdminUserStatus;
  tag?: string;
  signedUpFrom?: string;
  signedUpTo?: string;
}

/** `/admin/batches/new`: the people chosen on the users page, by id, or else by the filter. */
export interface BatchNewSearch extends UsersSearch {
  ids?: string[];
}

// The router is in the main bundle: the lists are written here rather than imported with zod.
const roles: readonly string[] = ['candidate', 'pro', 'admin'];
const statuses: readonly string[] = ['active', 'suspended', 'banned'];
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const tagPattern = /^[\p{Ll}\p{N}][\p{Ll}\p{N}-]*$/u;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** As many ids as a URL carries safely (servers cap request lines near 16 KB); more go by the filter. */
export const MAX_SELECTED_IDS = 200;

function day(value: unknown): string | undefined {
  if (typeof value !== 'string' || !dayPattern.test(value)) return undefined;
  return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? undefined : value;
}

/** The users list's search; anything else (or malformed) is dropped rather than failing the page. */
export function validateUsersSearch(search: Record<string, unknown>): UsersSearch {
  const q = typeof search.q === 'string' ? search.q.trim().slice(0, 200) : '';
  const role = typeof search.role === 'string' && roles.includes(search.role) ? search.role : undefined;
  const status =
    typeof search.status === 'string' && statuses.includes(search.status) ? search.status : undefined;
  const tag = typeof search.tag === 'string' ? search.tag.trim().toLowerCase().slice(0, 40) : '';
  const signedUpFrom = day(search.signedUpFrom);
  const signedUpTo = day(search.signedUpTo);
  return {
    ...(q ? { q } : {}),
    ...(role ? { role: role as TAdminUserRole } : {}),
    ...(status ? { status: status as TAdminUserStatus } : {}),
    ...(tag && tagPattern.test(tag) ? { tag } : {}),
    ...(signedUpFrom ? { signedUpFrom } : {}),
    ...(signedUpTo ? { signedUpTo } : {}),
  };
}

/** The batch page's search: the filter's fields, and the chosen ids when there are some. */
export function validateBatchNewSearch(search: Record<string, unknown>): BatchNewSearch {
  const raw = Array.isArray(search.ids)
    ? search.ids
    : typeof search.ids === 'string'
      ? search.ids.split(',')
      : [];
  const ids = [
    ...new Set(raw.filter((id): id is string => typeof id === 'string' && uuidPattern.test(id))),
  ].slice(0, MAX_SELECTED_IDS);
  return { ...validateUsersSearch(search), ...(ids.length > 0 ? { ids } : {}) };
}

/** The start of a local day, as an instant. */
function startOfDay(value: string): Date {
  const [year, month, date] = value.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/**
 * The API's filter for a search: the days become instants in the admin's own time (from the start of
 * the first day to the end of the last, both included).
 */
export function toUserFilter(search: UsersSearch): TUserFilter {
  const filter: TUserFilter = {};
  if (search.q) filter.q = search.q;
  if (search.role) filter.role = search.role;
  if (search.status) filter.status = search.status;
  if (search.tag) filter.tag = search.tag;
  if (search.signedUpFrom) filter.signedUpFrom = startOfDay(search.signedUpFrom).toISOString();
  if (search.signedUpTo) {
    const end = startOfDay(search.signedUpTo);
    end.setDate(end.getDate() + 1);
    filter.signedUpTo = new Date(end.getTime() - 1).toISOString();
  }
  return filter;
}

/** Whether the search narrows the list at all (a batch "of everyone" is said so, in plain words). */
export function hasFilter(search: UsersSearch): boolean {
  return Object.keys(toUserFilter(search)).length > 0;
}
