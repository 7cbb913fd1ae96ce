import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/card';

/** One part of the security page, reachable by its anchor (`/profile/security#passkeys`). */
export function SecuritySection({
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
      <div className="mt-6 flex flex-col gap-4">{children}</div>
    </Card>
  );
}

/** The buttons of a section, stacked on a phone, in a row beyond. */
export function SectionActions({ children }: { children: ReactNode }) {
  return <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">{children}</div>;
}
