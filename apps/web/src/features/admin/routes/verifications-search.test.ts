import { describe, expect, it } from 'vitest';
import { validateVerificationsSearch } from './verifications-search';

describe('validateVerificationsSearch', () => {
  it('keeps a known queue and the search text', () => {
    expect(validateVerificationsSearch({ queue: 'conflicts', q: ' R700123 ' })).toEqual({
      queue: 'conflicts',
      q: 'R700123',
    });
  });

  it('drops what it does not know rather than failing the page', () => {
    expect(validateVerificationsSearch({ queue: 'everything', q: '', other: 1 })).toEqual({});
    expect(validateVerificationsSearch({ q: 'x'.repeat(300) }).q).toHaveLength(100);
  });
});
