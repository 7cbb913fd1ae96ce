import { type ReactNode, useState } from 'react';
import { ServerErrorAlert } from '../forms/server-error-alert';
import { Button } from './button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from './dialog';

export interface ConfirmDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Resolves when done (the dialog then closes); rejects to keep it open with the error. */
  onConfirm: () => Promise<unknown>;
  /** The button that opens the dialog; without it, the caller opens it with `open`/`onOpenChange`. */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** `danger` (the default) for what cannot be undone; `primary` for a heavy but harmless step. */
  tone?: 'danger' | 'primary';
  /** More to say between the description and the buttons. */
  children?: ReactNode;
}

/**
 * Asks before an action that cannot be undone (withdrawing a file, deleting a post, cancelling a
 * webinar…): the action's error shows inside, and the dialog closes once it is done.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  trigger,
  open: controlledOpen,
  onOpenChange,
  tone = 'danger',
  children,
}: ConfirmDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = controlledOpen ?? ownOpen;

  function changeOpen(next: boolean) {
    if (!next) setError(null);
    setOwnOpen(next);
    onOpenChange?.(next);
  }

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      changeOpen(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      {trigger && <DialogTrigger asChild>{trigger}</DialogTrigger>}
      <DialogContent title={title} description={description}>
        {children}
        <ServerErrorAlert error={error} className="mb-4" />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">{cancelLabel}</Button>
          </DialogClose>
          <Button
            variant={tone}
            disabled={pending}
            aria-busy={pending || undefined}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
