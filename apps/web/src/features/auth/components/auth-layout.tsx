import { type ReactNode, useEffect, useRef } from 'react';
import { Card } from '../../../components/ui/card';
import { cn } from '../../../lib/cn';

/** The narrow, centred card of the account pages (sign-up, login, password reset…). */
export function AuthLayout({
  title,
  intro,
  children,
  wide,
  focusTitle,
}: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
  /** The sign-up form needs a little more room. */
  wide?: boolean;
  /** Move focus to the title when it appears (a step that replaced the form, for screen readers). */
  focusTitle?: boolean;
}) {
  const ownRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) ownRef.current?.focus();
  }, [focusTitle]);

  return (
    <div className={cn('mx-auto px-4 py-10 sm:px-6 sm:py-16', wide ? 'max-w-2xl' : 'max-w-xl')}>
      <Card>
        <h1
          ref={ownRef}
          tabIndex={-1}
          className="font-bold text-2xl text-brand-950 tracking-tight focus:outline-none sm:text-3xl"
        >
          {title}
        </h1>
        {intro && <div className="mt-3 text-slate-700">{intro}</div>}
        <div className="mt-6">{children}</div>
      </Card>
    </div>
  );
}

/** A line of links under a form ("Already have an account? Log in"). */
export function AuthFooter({ children }: { children: ReactNode }) {
  return (
    <p className="mt-6 flex flex-wrap gap-x-2 gap-y-1 border-slate-200 border-t pt-6 text-slate-700">
      {children}
    </p>
  );
}

export const textLinkClasses =
  'font-semibold text-brand-800 underline underline-offset-4 hover:text-brand-950';
