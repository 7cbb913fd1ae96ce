import { describe, expect, it } from 'vitest';
import { formatDateTime, formatFileSize, formatWait } from './format';

describe('formatWait', () => {
  it('says seconds, minutes or hours, rounded up', () => {
    expect(formatWait(45, 'en')).toBe('45 seconds');
    expect(formatWait(61, 'en')).toBe('2 minutes');
    expect(formatWait(900, 'fr')).toBe('15 minutes');
    expect(formatWait(3 * 3600, 'en')).toBe('3 hours');
  });

  it('never says zero', () => {
    expect(formatWait(0, 'en')).toBe('1 second');
  });
});

describe('formatDateTime', () => {
  const iso = '2026-03-01T15:30:00.000Z';

  it('shows the time in the given time zone', () => {
    expect(formatDateTime(iso, 'en-CA', 'America/Vancouver')).toContain('7:30');
    expect(formatDateTime(iso, 'fr-CA', 'America/Toronto')).toContain('10 h 30');
  });

  it('falls back to the default zone for an unknown one', () => {
    expect(() => formatDateTime(iso, 'en', 'Mars/Olympus_Mons')).not.toThrow();
  });
});

describe('formatFileSize', () => {
  it('writes octets in French: o, Ko, Mo', () => {
    expect(formatFileSize(48, 'fr')).toBe('48\u00a0o');
    expect(formatFileSize(1536, 'fr')).toBe('1,5\u00a0Ko');
    expect(formatFileSize(20 * 1024 * 1024, 'fr-CA')).toBe('20\u00a0Mo');
  });

  it('writes bytes in English: B, kB, MB', () => {
    expect(formatFileSize(48, 'en')).toBe('48\u00a0B');
    expect(formatFileSize(1536, 'en')).toBe('1.5\u00a0kB');
    expect(formatFileSize(20 * 1024 * 1024, 'en')).toBe('20\u00a0MB');
  });
});
