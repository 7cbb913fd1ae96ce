import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldError } from '../../../components/ui/input';

/** A labelled group of checkboxes sharing one form field (an array of the checked values). */
export function CheckboxGroup({
  legend,
  hint,
  error,
  options,
  registration,
  columns = 'sm:grid-cols-2',
}: {
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
  registration: UseFormRegisterReturn;
  columns?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
      <legend className="font-medium text-slate-900">{legend}</legend>
      {hint && (
        <p id={hintId} className="mt-1 text-slate-600 text-sm">
          {hint}
        </p>
      )}
      <div className={`mt-2 grid gap-x-4 ${columns}`}>
        {options.map((option) => (
          <label key={option.value} className="flex min-h-11 items-center gap-3 text-slate-800">
            <input
              type="checkbox"
              value={option.value}
              aria-invalid={error ? true : undefined}
              {...registration}
              className="size-5 shrink-0 accent-brand-700"
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
