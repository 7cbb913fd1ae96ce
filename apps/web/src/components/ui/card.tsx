import type { HTMLAttributes, Ref } from 'react';
import { cn } from '../../lib/cn';

export interface CardProps extends HTMLAttributes<HTMLElement> {
  as?: 'div' | 'article' | 'section' | 'li' | 'aside';
  ref?: Ref<HTMLElement>;
}

/** A white surface with a soft border, for grouping related content. */
export function Card({ as: Tag = 'div', className, ...props }: CardProps) {
  return (
    <Tag
      className={cn('rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8', className)}
      {...(props as HTMLAttributes<HTMLElement>)}
    />
  );
}
