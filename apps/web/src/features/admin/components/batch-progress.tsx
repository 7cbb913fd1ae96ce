import type { TBatch } from '@capitune/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { batchPercent } from './batch-count';

/**
 * How far a batch is: a `progressbar` (its value a percentage, its text "120 of 500") and the same words
 * in a polite live region, so a screen reader hears the count move without being interrupted.
 */
export function BatchProgress({ batch }: { batch: Pick<TBatch, 'count' | 'processed'> }) {
  const { t } = useTranslation('admin-users');
  const labelId = useId();
  const percent = batchPercent(batch);
  const text = t('batch.progressText', { processed: batch.processed, count: batch.count });
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between gap-3 text-sm">
        <span id={labelId} className="font-medium text-slate-800">
          {t('batch.progressLabel')}
        </span>
        <span aria-live="polite" className="text-slate-700">
          {text}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-3 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className="h-3 rounded-full bg-brand-600 transition-[width] motion-reduce:transition-none"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
