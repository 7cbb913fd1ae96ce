import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/card';

/** One section of the privacy page, reachable by its anchor (`/profile/privacy#decisions`). */
export function PrivacySection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-title`;
  return (
    <Card as="section" id={id} aria-labelledby={headingId} className="scroll-mt-24">
      <h2 id={headingId} className="font-semibold text-brand-950 text-xl sm:text-2xl">
        {title}
      </h2>
      {intro && <p className="mt-2 text-slate-700">{intro}</p>}
      <div className="mt-6">{children}</div>
    </Card>
  );
}

/** A heading inside a section (h3), in the page's outline. */
export function SubHeading({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h3 id={id} className="font-semibold text-lg text-slate-900">
      {children}
    </h3>
  );
}

export const linkClasses = 'font-medium text-brand-800 underline underline-offset-4 hover:text-brand-950';
