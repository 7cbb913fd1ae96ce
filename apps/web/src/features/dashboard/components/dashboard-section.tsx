import { type ReactNode, useId } from 'react';
import { cn } from '../../../lib/cn';

/** A titled block of the dashboard: a landmark region named by its heading. */
export function DashboardSection({
  title,
  description,
  action,
  children,
  className,
  id,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  const headingId = useId();
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={cn('rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6', className)}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
            {title}
          </h2>
          {description && <p className="mt-1 text-slate-600 text-sm">{description}</p>}
        </div>
        {action}
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** What to do when a list is empty: one sentence and, often, a way to do it. */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl bg-slate-50 px-4 py-4 text-slate-700 ring-1 ring-slate-200 ring-inset">
      <p>{children}</p>
      {action && <div className="mt-3">{action}</div>}
    </div>
  );
}
