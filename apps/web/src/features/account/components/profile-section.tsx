import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/card';

/** One section of the profile page, reachable by its anchor (`/profile#goals`). */
export function ProfileSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
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

/** The button row of a section's form: the button, and the "saved" message beside it. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:gap-4">{children}</div>;
}
