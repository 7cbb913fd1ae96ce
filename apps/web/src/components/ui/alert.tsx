import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

export type AlertTone = 'error' | 'success' | 'info' | 'warning';

const tones: Record<AlertTone, string> = {
  error: 'bg-maple-50 text-maple-700 ring-maple-100',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  info: 'bg-brand-50 text-brand-900 ring-brand-200',
  warning: 'bg-amber-50 text-amber-950 ring-amber-300',
};

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  className?: string;
  /**
   * Errors are `role="alert"` (announced at once), the others `role="status"` (announced politely).
   * Pass `live={false}` for a message that is on the page from the start.
   */
  live?: boolean;
}

/** A message box for a whole form or page: what went wrong, or what just worked. */
export function Alert({ tone = 'info', title, children, className, live = true }: AlertProps) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div role={role} className={cn('rounded-xl px-4 py-3 ring-1 ring-inset', tones[tone], className)}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={cn(title && 'mt-1')}>{children}</div>}
    </div>
  );
}
