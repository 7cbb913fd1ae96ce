import type { TAuditFilter } from '@capitune/contracts';

/** `/admin/audit?actor=&action=&target=&firm=&from=&to=`: the viewer's filters, days as `YYYY-MM-DD`. */
export interface AuditSearch {
  actor?: string;
  action?: string;
  target?: string;
  firm?: string;
  from?: string;
  to?: string;
}

// The router is in the main bundle: the patterns are written here rather than imported with zod.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailPattern = /^[^\s@]+@[^\s@]+$/;
const actionPattern = /^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*?)?$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

function day(value: unknown): string | undefined {
  if (typeof value !== 'string' || !dayPattern.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  // An impossible day (02-30) rolls over to the next month: writing it back shows it.
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value ? value : undefined;
}

/** The viewer's search; anything malformed is dropped rather than failing the page. */
export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const actor = text(search.actor, 254);
  const action = text(search.action, 100).toLowerCase();
  const target = text(search.target, 36);
  const firm = text(search.firm, 36);
  const from = day(search.from);
  const to = day(search.to);
  return {
    ...(uuidPattern.test(actor) || emailPattern.test(actor) ? { actor: actor.toLowerCase() } : {}),
    ...(actionPattern.test(action) ? { action } : {}),
    ...(uuidPattern.test(target) ? { target: target.toLowerCase() } : {}),
    ...(uuidPattern.test(firm) ? { firm: firm.toLowerCase() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** The start of a local day, as an instant. */
function startOfDay(value: string): Date {
  const [year, month, date] = value.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/**
 * The API's filter for a search: the days become instants in the admin's own time, from the start of
 * the first day to the start of the day after the last (the API's `to` is excluded).
 */
export function toAuditFilter(search: AuditSearch): TAuditFilter {
  const filter: TAuditFilter = {};
  if (search.actor) filter.actor = search.actor;
  if (search.action) filter.action = search.action;
  if (search.target) filter.target = search.target;
  if (search.firm) filter.firm = search.firm;
  if (search.from) filter.from = startOfDay(search.from).toISOString();
  if (search.to) {
    const end = startOfDay(search.to);
    end.setDate(end.getDate() + 1);
    filter.to = end.toISOString();
  }
  return filter;
}

/** The filter as a query string, its keys in a stable order (the list's cache key, the CSV's URL). */
export function auditQueryString(filter: TAuditFilter, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const key of ['actor', 'action', 'target', 'firm', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) search.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return search.toString();
}
