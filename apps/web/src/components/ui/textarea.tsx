import { type Ref, type TextareaHTMLAttributes, useId } from 'react';
import { cn } from '../../lib/cn';
import { FieldError, fieldClasses } from './input';

export interface TextareaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
  id?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line text field. */
export function Textarea({ label, hint, error, id, className, required, ...props }: TextareaProps) {
  const generatedId = useId();
  const textareaId = id ?? generatedId;
  const hintId = hint ? `${textareaId}-hint` : undefined;
  const errorId = error ? `${textareaId}-error` : undefined;
  const describedBy = [hintId, errorId, props['aria-describedby']].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={textareaId} className="font-medium text-slate-900">
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
      <textarea
        id={textareaId}
        required={required}
        rows={4}
        {...props}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(fieldClasses(error), 'resize-y')}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}
