import { flagReasons, type TFlagReason } from '@capitune/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { FieldError } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useFlagReview } from '../api/flag-review';

/** "Report this review": the reason (a radio group) and an optional note, for the moderators. */
export function FlagReviewDialog({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation('pros');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<TFlagReason | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const flag = useFlagReview(reviewId);
  const groupId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setMissing(true);
      document.getElementById(`${groupId}-${flagReasons[0]}`)?.focus();
      return;
    }
    const trimmed = note.trim();
    flag.mutate({ reason, ...(trimmed ? { note: trimmed } : {}) });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setReason(null);
          setNote('');
          setMissing(false);
          flag.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          {t('reviews.flag')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('flag.title')} description={t('flag.description')}>
        {flag.isSuccess ? (
          <div className="flex flex-col gap-4">
            <Alert tone="success">{t('flag.sent')}</Alert>
            <DialogClose asChild>
              <Button variant="secondary">{t('flag.close')}</Button>
            </DialogClose>
          </div>
        ) : (
          <form noValidate onSubmit={submit} className="flex flex-col gap-4">
            <fieldset
              aria-describedby={missing ? `${groupId}-error` : undefined}
              aria-invalid={missing || undefined}
              className="flex flex-col gap-2"
            >
              <legend className="mb-1 font-medium text-slate-900">{t('flag.reason')}</legend>
              {flagReasons.map((value) => (
                <label key={value} className="flex min-h-11 items-center gap-3 text-slate-800">
                  <input
                    id={`${groupId}-${value}`}
                    type="radio"
                    name={`${groupId}-reason`}
                    value={value}
                    checked={reason === value}
                    onChange={() => {
                      setReason(value);
                      setMissing(false);
                    }}
                    className="size-5 accent-brand-700"
                  />
                  {t(`flag.reasons.${value}`)}
                </label>
              ))}
              <FieldError id={`${groupId}-error`} message={missing ? t('flag.reasonRequired') : undefined} />
            </fieldset>
            <Textarea
              label={t('flag.note')}
              rows={3}
              maxLength={1000}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
            <ServerErrorAlert error={flag.error} />
            <div className="flex flex-wrap justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{t('flag.cancel')}</Button>
              </DialogClose>
              <SubmitButton pending={flag.isPending}>{t('flag.send')}</SubmitButton>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
