import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../../components/ui/input';
import { cn } from '../../../lib/cn';

export const scoreValues = ['1', '2', '3', '4', '5'] as const;

/**
 * A 1–5 score as a group of native radio buttons: arrow keys move between them, and each one says its
 * value in words ("4 — very good").
 */
export function ScoreRadioGroup({
  legend,
  hint,
  error,
  registration,
}: {
  legend: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
}) {
  const { t } = useTranslation('pros');
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      className="flex flex-col gap-2"
    >
      <legend className="font-medium text-slate-900">
        {legend}
        <span aria-hidden="true" className="ms-0.5 text-maple-700">
          *
        </span>
      </legend>
      {hint && (
        <p id={hintId} className="text-slate-600 text-sm">
          {hint}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {scoreValues.map((value) => (
          <label
            key={value}
            className={cn(
              'flex min-h-11 cursor-pointer items-center gap-2 rounded-xl px-3 py-2 text-slate-800 ring-1 ring-inset',
              'has-checked:bg-brand-50 has-checked:ring-2 has-checked:ring-brand-700',
              error ? 'ring-maple-600' : 'ring-slate-300',
            )}
          >
            <input
              type="radio"
              value={value}
              aria-invalid={error ? true : undefined}
              {...registration}
              className="size-5 accent-brand-700"
            />
            <span>
              <span className="font-semibold">{value}</span>
              <span className="text-slate-600 text-sm"> — {t(`scores.${value}`)}</span>
            </span>
          </label>
        ))}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
