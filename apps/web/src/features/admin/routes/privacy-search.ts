import type { TRetentionRuleId } from '@capitune/contracts';

// The router is in the main bundle: the lists are written here rather than imported with zod (a unit
// test keeps the rules equal to the contracts').
export const incidentStatuses = ['open', 'closed'] as const;
export const ruleIds = [
  'client_file',
  'personal_dossier',
  'deleted_account',
  'data_export',
  'expired_tokens',
  'ended_sessions',
  'rate_limits',
  'sent_emails',
  'read_notifications',
  'incident_register',
  'audit_log',
] as const satisfies readonly TRetentionRuleId[];

export interface IncidentsSearch {
  status?: (typeof incidentStatuses)[number];
}

export interface RetentionSearch {
  rule?: TRetentionRuleId;
}

/** `?status=` of the incident register; anything else is dropped. */
export function validateIncidentsSearch(search: Record<string, unknown>): IncidentsSearch {
  const status = incidentStatuses.find((value) => value === search.status);
  return status ? { status } : {};
}

/** `?rule=` of the destruction register; anything else is dropped. */
export function validateRetentionSearch(search: Record<string, unknown>): RetentionSearch {
  const rule = ruleIds.find((value) => value === search.rule);
  return rule ? { rule } : {};
}
