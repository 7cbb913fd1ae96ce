import { describe, expect, it } from 'vitest';
import { hasFilter, toUserFilter, validateBatchNewSearch, validateUsersSearch } from './users-search';

const id = '0b9f6a52-7c1e-4a55-9d7e-3f7a2b1c0d11';

describe('validateUsersSearch', () => {
  it('keeps the known filters', () => {
    expect(
      validateUsersSearch({
        q: ' Tremblay ',
        role: 'pro',
        status: 'suspended',
        tag: 'Beta-2026',
        signedUpFrom: '2026-01-01',
        signedUpTo: '2026-03-31',
      }),
    ).toEqual({
      q: 'Tremblay',
      role: 'pro',
      status: 'suspended',
      tag: 'beta-2026',
      signedUpFrom: '2026-01-01',
      signedUpTo: '2026-03-31',
    });
  });

  it('drops what it does not know rather than failing the page', () => {
    expect(
      validateUsersSearch({
        q: '  ',
        role: 'owner',
        status: 1,
        tag: 'not a tag!',
        signedUpFrom: '01/02/2026',
        signedUpTo: '2026-13-45',
        other: 'x',
      }),
    ).toEqual({});
    expect(validateUsersSearch({ q: 'x'.repeat(300) }).q).toHaveLength(200);
  });
});

describe('validateBatchNewSearch', () => {
  it('keeps well-formed ids once, with the filter', () => {
    expect(validateBatchNewSearch({ ids: [id, id, 'nope', 3], role: 'candidate' })).toEqual({
      role: 'candidate',
      ids: [id],
    });
    expect(validateBatchNewSearch({ ids: `${id},x` })).toEqual({ ids: [id] });
    expect(validateBatchNewSearch({ ids: [] })).toEqual({});
  });
});

describe('toUserFilter', () => {
  it('turns days into the instants that bound them, in local time', () => {
    const filter = toUserFilter({ q: 'ana', signedUpFrom: '2026-02-01', signedUpTo: '2026-02-28' });
    expect(filter.q).toBe('ana');
    expect(filter.signedUpFrom).toBe(new Date(2026, 1, 1).toISOString());
    expect(filter.signedUpTo).toBe(new Date(new Date(2026, 2, 1).getTime() - 1).toISOString());
  });

  it('says when nothing narrows the list', () => {
    expect(hasFilter({})).toBe(false);
    expect(hasFilter({ status: 'banned' })).toBe(true);
  });
});
