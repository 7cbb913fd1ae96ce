import { flagReasons, type TCreateFlagBody, type TFlagReason } from '@capitune/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { FieldError } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useCreateFlag } from '../api/create-flag';
import { FlagIcon } from './inside-icons';

/** "Report": a dialog with the reason (a radio group) and an optional note, sent to the moderators. */
export function FlagDialog({
  targetType,
  targetId,
  size = 'md',
}: {
  targetType: TCreateFlagBody['targetType'];
  targetId: string;
  size?: 'sm' | 'md';
}) {
  const { t } = useTranslation('inside');
  const flag = useCreateFlag();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<TFlagReason | null>(null);
  const [note, setNote] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<'sent' | 'already' | null>(null);
  const groupId = useId();

  function reset() {
    setReason(null);
    setNote('');
    setMissingReason(false);
    setError(null);
    setResult(null);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!reason) {
      setMissingReason(true);
      document.getElementById(`${groupId}-${flagReasons[0]}`)?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const trimmed = note.trim();
      const response = await flag.mutateAsync({
        targetType,
        targetId,
        reason,
        ...(trimmed ? { note: trimmed } : {}),
      });
      setResult(response.created ? 'sent' : 'already');
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size={size}>
          <FlagIcon className="size-5" />
          {t('flag.button')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('flag.title')} description={t('flag.description')}>
        {result ? (
          <div className="flex flex-col gap-4">
            <Alert tone="success">{t(`flag.${result}`)}</Alert>
            <DialogClose asChild>
              <Button variant="secondary" className="self-end">
                {t('dialog.close', { ns: 'common' })}
              </Button>
            </DialogClose>
          </div>
        ) : (
          <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-5">
            <fieldset aria-describedby={missingReason ? `${groupId}-error` : undefined}>
              <legend className="font-medium text-slate-900">
                {t('flag.reason')}
                <span aria-hidden="true" className="ms-0.5 text-maple-700">
                  *
                </span>
              </legend>
              <div className="mt-2 flex flex-col gap-1">
                {flagReasons.map((value) => (
                  <label
                    key={value}
                    htmlFor={`${groupId}-${value}`}
                    className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-slate-50"
                  >
                    <input
                      id={`${groupId}-${value}`}
                      type="radio"
                      name={`${groupId}-reason`}
                      value={value}
                      checked={reason === value}
                      required
                      aria-invalid={missingReason || undefined}
                      onChange={() => {
                        setReason(value);
                        setMissingReason(false);
                      }}
                      className="size-5 accent-brand-800"
                    />
                    {t(`flag.reasons.${value}`)}
                  </label>
                ))}
              </div>
              <FieldError
                id={`${groupId}-error`}
                message={missingReason ? t('flag.chooseReason') : undefined}
              />
            </fieldset>
            <Textarea
              label={t('flag.note')}
              hint={t('flag.noteHint')}
              maxLength={1000}
              rows={3}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
            <ServerErrorAlert error={error} />
            <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
              <DialogClose asChild>
                <Button variant="secondary">{t('post.cancel')}</Button>
              </DialogClose>
              <SubmitButton pending={pending}>{t('flag.submit')}</SubmitButton>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
