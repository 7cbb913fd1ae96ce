import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, Ref } from 'react';
import { cn } from '../../lib/cn';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'inverse' | 'inverseOutline';
export type ButtonSize = 'sm' | 'md' | 'lg';

export interface ButtonStyleProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Stretch to the width of the container. */
  block?: boolean;
}

const base =
  'inline-flex items-center justify-center gap-2 rounded-lg font-semibold leading-tight text-center no-underline ' +
  'transition-colors duration-150 disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:pointer-events-none aria-disabled:opacity-60';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-brand-800 text-white shadow-sm hover:bg-brand-900 active:bg-brand-950',
  secondary:
    'bg-white text-brand-900 shadow-sm ring-1 ring-brand-300 ring-inset hover:bg-brand-50 active:bg-brand-100',
  ghost: 'text-brand-800 hover:bg-brand-50 active:bg-brand-100',
  danger: 'bg-maple-600 text-white shadow-sm hover:bg-maple-700',
  // The last two are for dark surfaces.
  inverse: 'bg-white text-brand-900 shadow-sm hover:bg-brand-50 active:bg-brand-100',
  inverseOutline: 'text-white ring-1 ring-white/70 ring-inset hover:bg-white/10 active:bg-white/20',
};

// Heights of 44 px and more (md, lg) meet the touch-target guidance of WCAG 2.5.5.
const sizes: Record<ButtonSize, string> = {
  sm: 'min-h-9 px-3 py-1.5 text-sm',
  md: 'min-h-11 px-4 py-2 text-base',
  lg: 'min-h-12 px-5 py-3 text-base sm:text-[1.0625rem]',
};

export function buttonClasses({ variant = 'primary', size = 'md', block }: ButtonStyleProps = {}): string {
  return cn(base, variants[variant], sizes[size], block && 'w-full');
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, ButtonStyleProps {
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant, size, block, className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={cn(buttonClasses({ variant, size, block }), className)} {...props} />;
}

interface ButtonAnchorProps extends AnchorHTMLAttributes<HTMLAnchorElement>, ButtonStyleProps {
  ref?: Ref<HTMLAnchorElement>;
}

function ButtonAnchor({ variant, size, block, className, ...props }: ButtonAnchorProps) {
  return <a className={cn(buttonClasses({ variant, size, block }), className)} {...props} />;
}

/** A router link that looks like a button: `<ButtonLink to="/signup" search={{ role: 'pro' }}>`. */
export const ButtonLink = createLink(ButtonAnchor);
