import { describe, expect, it } from 'vitest';
import { formatIsoDuration, fromLocalInput, parseIsoDuration, toLocalInput } from './privacy-format';

describe('parseIsoDuration', () => {
  it('reads the periods of the retention rules', () => {
    expect(parseIsoDuration('P6Y')).toMatchObject({ year: 6, day: 0, hour: 0 });
    expect(parseIsoDuration('P30D')).toMatchObject({ year: 0, day: 30 });
    expect(parseIsoDuration('PT1H')).toMatchObject({ day: 0, hour: 1 });
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      year: 1,
      month: 2,
      week: 3,
      day: 4,
      hour: 5,
      minute: 6,
      second: 7,
    });
    expect(parseIsoDuration('P0D')).toMatchObject({ day: 0 });
  });

  it('refuses what is not a duration', () => {
    for (const wrong of ['', 'P', 'PT', '6Y', 'P6', 'six years', 'P1H', 'P-1D']) {
      expect(parseIsoDuration(wrong), wrong).toBeNull();
    }
  });
});

describe('formatIsoDuration', () => {
  it('writes a period in words in French and English, number and unit never split', () => {
    expect(formatIsoDuration('P6Y', 'fr')).toBe('6\u00a0ans');
    expect(formatIsoDuration('P6Y', 'en')).toBe('6\u00a0years');
    expect(formatIsoDuration('P30D', 'fr')).toBe('30\u00a0jours');
    expect(formatIsoDuration('P30D', 'en')).toBe('30\u00a0days');
    expect(formatIsoDuration('PT1H', 'fr')).toBe('1\u00a0heure');
    expect(formatIsoDuration('PT1H', 'en')).toBe('1\u00a0hour');
    expect(formatIsoDuration('P1D', 'en')).toBe('1\u00a0day');
  });

  it('joins several units as a list', () => {
    expect(formatIsoDuration('P1Y6M', 'fr')).toBe('1\u00a0an et 6\u00a0mois');
    expect(formatIsoDuration('P1Y6M', 'en')).toBe('1\u00a0year and 6\u00a0months');
  });

  it('says zero in days, and shows anything else as it came', () => {
    expect(formatIsoDuration('P0D', 'fr')).toBe('0\u00a0jour');
    expect(formatIsoDuration('P0D', 'en')).toBe('0\u00a0days');
    expect(formatIsoDuration('forever', 'en')).toBe('forever');
  });
});

describe('datetime-local values', () => {
  it('go to ISO and back in the browser’s time zone', () => {
    const iso = fromLocalInput('2026-12-06T09:30');
    expect(iso).toBe(new Date(2026, 11, 6, 9, 30).toISOString());
    expect(toLocalInput(iso)).toBe('2026-12-06T09:30');
    expect(fromLocalInput('2026-12-06')).toBe(new Date(2026, 11, 6).toISOString());
  });

  it('are empty or undefined when there is nothing valid', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('pas une date')).toBeUndefined();
    expect(toLocalInput(null)).toBe('');
  });
});
