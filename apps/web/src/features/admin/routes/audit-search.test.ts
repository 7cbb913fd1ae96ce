import { describe, expect, it } from 'vitest';
import { auditQueryString, toAuditFilter, validateAuditSearch } from './audit-search';

const id = '0b6f2c1e-8d1a-4f3b-9a57-2c0e4d7a9b11';

describe('audit viewer search', () => {
  it('keeps well-formed filters and drops the rest', () => {
    expect(
      validateAuditSearch({
        actor: ' Amina@Example.com ',
        action: 'user.',
        target: id.toUpperCase(),
        firm: 'not-a-uuid',
        from: '2026-02-30',
        to: '2026-03-01',
        other: 'x',
      }),
    ).toEqual({ actor: 'amina@example.com', action: 'user.', target: id, to: '2026-03-01' });
    expect(validateAuditSearch({ actor: 'nobody', action: 'DROP TABLE', from: 'yesterday' })).toEqual({});
    expect(validateAuditSearch({ action: 'user.*', firm: id })).toEqual({ action: 'user.*', firm: id });
  });

  it('turns days into instants of the admin’s time, the last day included', () => {
    const filter = toAuditFilter({ from: '2026-03-01', to: '2026-03-01' });
    expect(filter.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(filter.to).toBe(new Date(2026, 2, 2).toISOString());
  });

  it('writes the query string in a stable order', () => {
    expect(auditQueryString({ to: 'b', actor: 'a' }, { cursor: 'c' })).toBe('actor=a&to=b&cursor=c');
    expect(auditQueryString({})).toBe('');
  });
});
