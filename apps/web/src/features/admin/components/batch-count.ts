import type { TBatch, TBatchStatus } from '@capitune/contracts';

/**
 * The number the admin typed to confirm a batch, read as people write it: "1 234", "1,234" and "1234"
 * alike (group separators and spaces of any kind are ignored). Anything else than digits: null.
 */
export function readTypedCount(typed: string): number | null {
  const digits = typed.replace(/[\s\u00a0\u202f,.'’]/g, '');
  if (!/^\d{1,10}$/.test(digits)) return null;
  return Number(digits);
}

/** The confirmation matches only when the typed number is exactly the dry run's count. */
export function confirmsCount(typed: string, count: number): boolean {
  return readTypedCount(typed) === count;
}

/** A batch whose page keeps asking for its progress. */
export function isBatchMoving(status: TBatchStatus): boolean {
  return status === 'queued' || status === 'running' || status === 'undoing';
}

/** How far a batch is, 0 to 100 (an empty batch is done at once). */
export function batchPercent(batch: Pick<TBatch, 'count' | 'processed'>): number {
  if (batch.count <= 0) return 100;
  return Math.min(100, Math.max(0, Math.floor((batch.processed / batch.count) * 100)));
}
