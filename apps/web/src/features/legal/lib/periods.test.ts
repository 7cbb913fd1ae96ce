import { describe, expect, it } from 'vitest';
import { formatPeriod as format, isZeroPeriod } from './periods';

// Intl may put a no-break space between the number and the unit.
const formatPeriod = (iso: string, locale: string) => format(iso, locale)?.replace(/\s/g, ' ') ?? null;

describe('retention periods in words', () => {
  it('reads years, days and hours in both languages', () => {
    expect(formatPeriod('P6Y', 'fr')).toBe('6 ans');
    expect(formatPeriod('P6Y', 'en')).toBe('6 years');
    expect(formatPeriod('P30D', 'fr')).toBe('30 jours');
    expect(formatPeriod('P1D', 'en')).toBe('1 day');
    expect(formatPeriod('PT1H', 'fr')).toBe('1 heure');
    expect(formatPeriod('P1Y6M', 'en')).toBe('1 year and 6 months');
  });

  it('gives nothing for a zero or unreadable period', () => {
    expect(formatPeriod('P0D', 'fr')).toBeNull();
    expect(formatPeriod('six years', 'en')).toBeNull();
    expect(formatPeriod('P', 'en')).toBeNull();
    expect(formatPeriod('PT', 'en')).toBeNull();
  });

  it('tells a zero period', () => {
    expect(isZeroPeriod('P0D')).toBe(true);
    expect(isZeroPeriod('PT0H')).toBe(true);
    expect(isZeroPeriod('P6Y')).toBe(false);
    expect(isZeroPeriod('P10D')).toBe(false);
  });
});
