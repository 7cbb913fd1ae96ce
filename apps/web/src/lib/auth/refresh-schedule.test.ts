import { describe, expect, it } from 'vitest';
import { MIN_REFRESH_DELAY_MS, refreshDelayMs } from './refresh-schedule';

describe('refreshDelayMs', () => {
  it('refreshes a 15-minute token after 12 minutes (80 % of its life)', () => {
    expect(refreshDelayMs(900)).toBe(720_000);
  });

  it('keeps at least a minute of margin for short tokens', () => {
    // 80 % of 4 minutes is 3 min 12 s, which would leave only 48 s: refresh at 3 min instead.
    expect(refreshDelayMs(240)).toBe(180_000);
  });

  it('never schedules sooner than the minimum delay', () => {
    expect(refreshDelayMs(30)).toBe(MIN_REFRESH_DELAY_MS);
    expect(refreshDelayMs(0)).toBe(MIN_REFRESH_DELAY_MS);
    expect(refreshDelayMs(-5)).toBe(MIN_REFRESH_DELAY_MS);
  });
});
