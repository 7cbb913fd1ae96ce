import { describe, expect, it } from 'vitest';
import { countryName } from './place';

describe('countryName', () => {
  it('names the country in the page’s language', () => {
    expect(countryName('CA', 'fr')).toBe('Canada');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('DE', 'en')).toBe('Germany');
  });

  it('reads a lower-case code', () => {
    expect(countryName('fr', 'en')).toBe('France');
  });

  it('says nothing without a code or for a code that is not a region', () => {
    expect(countryName(null, 'fr')).toBeNull();
    expect(countryName('', 'fr')).toBeNull();
    expect(countryName('not-a-country', 'fr')).toBeNull();
  });
});
