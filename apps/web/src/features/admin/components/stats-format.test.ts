import { describe, expect, it } from 'vitest';
import { statsFormat } from './stats-format';

describe('statsFormat', () => {
  it('writes days and months as calendar dates, whatever the time zone', () => {
    const fr = statsFormat('fr');
    const en = statsFormat('en');
    expect(fr.longDay('2026-11-01')).toBe('1 novembre 2026');
    expect(en.longDay('2026-11-01')).toBe('November 1, 2026');
    expect(fr.month('2026-11')).toBe('nov. 2026');
    expect(en.month('2026-11')).toBe('Nov 2026');
  });

  it('writes numbers and durations in the reader’s language', () => {
    const fr = statsFormat('fr');
    const en = statsFormat('en');
    // French groups thousands with a narrow no-break space; a number never leaves its unit.
    expect(fr.number(12345)).toBe('12\u202f345');
    expect(en.number(12345)).toBe('12,345');
    expect(fr.duration(45 * 60)).toBe('45\u00a0minutes');
    expect(en.duration(3 * 3600)).toBe('3\u00a0hours');
    expect(fr.duration(3.5 * 3600)).toBe('3,5\u00a0heures');
    expect(en.duration(5 * 86400)).toBe('5\u00a0days');
  });
});
