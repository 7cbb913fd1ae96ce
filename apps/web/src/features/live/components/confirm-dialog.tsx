import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, type ButtonVariant } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';

interface ConfirmDialogProps {
  /** The text of the button that opens the dialog. */
  trigger: string;
  title: string;
  description: string;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  /** Resolves when done (the dialog then closes); rejects to keep it open with the error. */
  onConfirm: () => Promise<unknown>;
  triggerVariant?: ButtonVariant;
  danger?: boolean;
}

/** A button that asks before an action that cannot be undone (cancel a webinar, a registration…). */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  pending,
  error,
  onConfirm,
  triggerVariant = 'secondary',
  danger = false,
}: ConfirmDialogProps) {
  const { t } = useTranslation('live');
  const [open, setOpen] = useState(false);

  async function confirm() {
    try {
      await onConfirm();
      setOpen(false);
    } catch {
      // shown in the dialog through `error`
    }
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={triggerVariant}>{trigger}</Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        {open && <ServerErrorAlert error={error} className="mb-4" />}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">{t('confirm.back')}</Button>
          </DialogClose>
          <Button
            variant={danger ? 'danger' : 'primary'}
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
