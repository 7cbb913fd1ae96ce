import { type ReactNode, type Ref, type SelectHTMLAttributes, useId } from 'react';
import { cn } from '../../lib/cn';
import { FieldError, fieldClasses } from './input';

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  hint?: string;
  /** A translated error message; marks the field invalid. */
  error?: string;
  id?: string;
  ref?: Ref<HTMLSelectElement>;
  children: ReactNode;
}

/** A labelled native select (the most robust choice on phones and with screen readers). */
export function Select({ label, hint, error, id, className, required, children, ...props }: SelectProps) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const hintId = hint ? `${selectId}-hint` : undefined;
  const errorId = error ? `${selectId}-error` : undefined;
  const describedBy = [hintId, errorId, props['aria-describedby']].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={selectId} className="font-medium text-slate-900">
        {label}
        {required && (
          <span aria-hidden="true" className="ms-0.5 text-maple-700">
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="text-slate-600 text-sm">
          {hint}
        </p>
      )}
      <select
        id={selectId}
        required={required}
        {...props}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(fieldClasses(error), 'pe-8')}
      >
        {children}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
