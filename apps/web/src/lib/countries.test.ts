import { describe, expect, it } from 'vitest';
import { countryCodes, countryOptions } from './countries';

describe('countryOptions', () => {
  it('lists unique ISO alpha-2 codes', () => {
    expect(new Set(countryCodes).size).toBe(countryCodes.length);
    for (const code of countryCodes) expect(code).toMatch(/^[A-Z]{2}$/);
    expect(countryCodes).toContain('CA');
  });

  it('names the countries in the language and sorts them as it sorts', () => {
    const fr = countryOptions('fr');
    expect(fr.find((country) => country.code === 'DE')?.name).toBe('Allemagne');
    const names = fr.map((country) => country.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
    expect(countryOptions('en').find((country) => country.code === 'DE')?.name).toBe('Germany');
  });

  it('keeps a saved code that the list lacks', () => {
    expect(countryOptions('en', 'AQ').some((country) => country.code === 'AQ')).toBe(true);
  });
});
