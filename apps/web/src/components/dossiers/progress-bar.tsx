import type { TProgress } from '@capitune/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';

/**
 * How many required documents are approved: a labelled `progressbar` whose value text says it in words
 * ("3 documents approuvés sur 9"), the percentage beside it for everyone to see.
 */
export function ProgressBar({
  progress,
  label,
  className,
}: {
  progress: Pick<TProgress, 'approved' | 'required' | 'percent'>;
  label?: string;
  className?: string;
}) {
  const { t } = useTranslation('dossiers');
  const labelId = useId();
  const percent = Math.max(0, Math.min(100, progress.percent));
  const valueText = t('progress.valueText', {
    approved: progress.approved,
    required: progress.required,
    percent,
  });
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <div className="flex items-center justify-between gap-3 text-sm">
        <span id={labelId} className="font-medium text-slate-800">
          {label ?? t('progress.label')}
        </span>
        <span aria-hidden="true" className="text-slate-700">
          {valueText}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-2 rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
