import { describe, expect, it } from 'vitest';
import { batchPercent, confirmsCount, isBatchMoving, readTypedCount } from './batch-count';

describe('confirming a batch by its count', () => {
  it('reads the number as people write it', () => {
    expect(readTypedCount('500')).toBe(500);
    expect(readTypedCount(' 1 234 ')).toBe(1234);
    expect(readTypedCount('1\u00a0234')).toBe(1234);
    expect(readTypedCount('1\u202f234')).toBe(1234);
    expect(readTypedCount('1,234')).toBe(1234);
  });

  it('refuses what is not a number', () => {
    for (const typed of ['', '  ', 'cinq', '12a', '-3', '1e3'])
      expect(readTypedCount(typed), typed).toBeNull();
  });

  it('confirms only the exact count', () => {
    expect(confirmsCount('3', 3)).toBe(true);
    expect(confirmsCount('0', 0)).toBe(true);
    expect(confirmsCount('30', 3)).toBe(false);
    expect(confirmsCount('', 0)).toBe(false);
    expect(confirmsCount('2', 3)).toBe(false);
  });
});

describe('a batch’s progress', () => {
  it('is polled while queued, running or undoing only', () => {
    expect(isBatchMoving('queued')).toBe(true);
    expect(isBatchMoving('running')).toBe(true);
    expect(isBatchMoving('undoing')).toBe(true);
    for (const status of ['dry_run', 'done', 'failed', 'undone'] as const)
      expect(isBatchMoving(status)).toBe(false);
  });

  it('is a whole percentage, never above 100', () => {
    expect(batchPercent({ count: 500, processed: 120 })).toBe(24);
    expect(batchPercent({ count: 3, processed: 3 })).toBe(100);
    expect(batchPercent({ count: 3, processed: 5 })).toBe(100);
    expect(batchPercent({ count: 0, processed: 0 })).toBe(100);
  });
});
