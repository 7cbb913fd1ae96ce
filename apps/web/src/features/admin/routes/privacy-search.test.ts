import { retentionRuleIds, ZIncidentStatus } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import {
  incidentStatuses,
  ruleIds,
  validateIncidentsSearch,
  validateRetentionSearch,
} from './privacy-search';

describe('the privacy pages’ search', () => {
  it('knows the contracts’ rules and statuses', () => {
    expect([...ruleIds].sort()).toEqual([...retentionRuleIds].sort());
    expect([...incidentStatuses].sort()).toEqual([...ZIncidentStatus.options].sort());
  });

  it('keeps a known status or rule and drops anything else', () => {
    expect(validateIncidentsSearch({ status: 'open' })).toEqual({ status: 'open' });
    expect(validateIncidentsSearch({ status: 'lost', other: 1 })).toEqual({});
    expect(validateRetentionSearch({ rule: 'client_file' })).toEqual({ rule: 'client_file' });
    expect(validateRetentionSearch({ rule: ['client_file'] })).toEqual({});
  });
});
