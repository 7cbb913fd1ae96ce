import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from 'react';
import { cn } from '../../lib/cn';

export interface InputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Help shown under the label, read by screen readers with the field. */
  hint?: string;
  /** A translated error message; marks the field invalid. */
  error?: string;
  id?: string;
  ref?: Ref<HTMLInputElement>;
  /** Shown inside the field, at its end (the show/hide button of a password). */
  trailing?: ReactNode;
}

/** A labelled text field. Works with react-hook-form: `<Input label=… {...register('email')} />`. */
export function Input({ label, hint, error, id, className, required, trailing, ...props }: InputProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId, props['aria-describedby']].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={inputId} className="font-medium text-slate-900">
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
      <div className="relative">
        <input
          id={inputId}
          required={required}
          {...props}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cn(fieldClasses(error), trailing && 'pe-14')}
        />
        {trailing && <div className="absolute inset-y-0 end-0 flex items-center pe-0.5">{trailing}</div>}
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** The look of every text-like control (input, select, textarea), red when invalid. */
export function fieldClasses(error?: string): string {
  return cn(
    'min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-xs',
    'placeholder:text-slate-500 disabled:cursor-not-allowed disabled:bg-slate-100',
    error ? 'border-maple-600' : 'border-slate-400 hover:border-slate-500',
  );
}

/** The message under an invalid field; its id goes in the field's `aria-describedby`. */
export function FieldError({ id, message }: { id: string | undefined; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="flex items-start gap-1.5 font-medium text-maple-700 text-sm">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 20 20"
        className="mt-0.5 size-4 shrink-0"
        fill="currentColor"
      >
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v5.2H9.1V6Zm0 6.8h1.8v1.8H9.1v-1.8Z" />
      </svg>
      {message}
    </p>
  );
}
