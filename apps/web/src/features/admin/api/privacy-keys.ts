import type { TRetentionRuleId } from '@capitune/contracts';

export type TIncidentStatusFilter = 'open' | 'closed' | undefined;

/** Query keys of the privacy pages of the admin console (incidents, retention, reviews). */
export const privacyKeys = {
  incidents: ['admin', 'privacy', 'incidents'] as const,
  incidentList: (status: TIncidentStatusFilter) =>
    ['admin', 'privacy', 'incidents', 'list', status ?? 'all'] as const,
  incident: (id: string) => ['admin', 'privacy', 'incidents', 'detail', id] as const,
  retention: ['admin', 'privacy', 'retention'] as const,
  destructions: (rule: TRetentionRuleId | undefined) =>
    ['admin', 'privacy', 'destructions', rule ?? 'all'] as const,
  reviews: ['admin', 'privacy', 'reviews'] as const,
};
