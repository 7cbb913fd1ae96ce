import { cn } from '../../../lib/cn';

interface SectionHeadingProps {
  id: string;
  eyebrow: string;
  title: string;
  lead?: string;
  className?: string;
}

/** Eyebrow + h2 + lead, the opening of each home page section. `id` names the h2 for `aria-labelledby`. */
export function SectionHeading({ id, eyebrow, title, lead, className }: SectionHeadingProps) {
  return (
    <div className={cn('max-w-3xl', className)}>
      <p className="font-semibold text-maple-700 text-sm uppercase tracking-wider">{eyebrow}</p>
      <h2 id={id} className="mt-2 text-balance font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {title}
      </h2>
      {lead && <p className="mt-4 text-lg text-slate-700">{lead}</p>}
    </div>
  );
}
