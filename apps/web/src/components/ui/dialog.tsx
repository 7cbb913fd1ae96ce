import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { CloseIcon } from './icons';

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

export interface DialogContentProps {
  /** Announced when the dialog opens; required for accessibility. */
  title: string;
  /** One sentence on what the dialog is for. */
  description?: string;
  children?: ReactNode;
  className?: string;
}

/** A modal dialog: focus is trapped inside, Escape and the close button dismiss it. */
export function DialogContent({ title, description, children, className }: DialogContentProps) {
  const { t } = useTranslation();
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-brand-950/60" />
      <RadixDialog.Content
        // Without a description, tell Radix there is none rather than leaving a dangling reference.
        {...(description ? {} : { 'aria-describedby': undefined })}
        className={cn(
          'fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2',
          'overflow-y-auto rounded-2xl bg-white p-6 shadow-xl sm:p-8',
          className,
        )}
      >
        <div className="flex items-start justify-between gap-4">
          <RadixDialog.Title className="font-semibold text-slate-900 text-xl">{title}</RadixDialog.Title>
          <RadixDialog.Close
            className="-m-2 inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            aria-label={t('dialog.close')}
          >
            <CloseIcon className="size-5" />
          </RadixDialog.Close>
        </div>
        {description && (
          <RadixDialog.Description className="mt-2 text-slate-700">{description}</RadixDialog.Description>
        )}
        {children && <div className="mt-6">{children}</div>}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}
