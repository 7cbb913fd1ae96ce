import type { TDocument, TExpiryRule } from '@capitune/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { DownloadIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Dialog, DialogClose, DialogContent } from '../../../components/ui/dialog';
import { CheckIcon, CloseIcon } from '../../../components/ui/icons';
import { Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useDownloadDocument } from '../api/download-document';
import { useReviewDocument } from '../api/review-document';
import { useUpdateDocumentDates } from '../api/update-document-dates';
import { useWithdrawDocument } from '../api/withdraw-document';

/** Fetches the file with the access token and saves it under its name. */
export function DownloadButton({ document }: { document: TDocument }) {
  const { t } = useTranslation('dossiers');
  const download = useDownloadDocument();
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => download.mutate(document)}
        disabled={download.isPending}
        aria-busy={download.isPending || undefined}
      >
        <DownloadIcon className="size-4" />
        {t('document.download')}
        <span className="sr-only"> {document.originalName}</span>
      </Button>
      {download.error ? <ServerErrorAlert error={download.error} className="w-full" /> : null}
    </>
  );
}

/** The candidate takes back a document not approved yet (its file is erased). */
export function WithdrawButton({ document }: { document: TDocument }) {
  const { t } = useTranslation('dossiers');
  const [open, setOpen] = useState(false);
  const withdraw = useWithdrawDocument(document);
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)}>
        {t('document.withdraw')}
        <span className="sr-only"> {document.originalName}</span>
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t('document.withdrawTitle')}
        description={t('document.withdrawDescription', { name: document.originalName })}
        confirmLabel={t('document.withdrawConfirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={() => withdraw.mutateAsync()}
      />
    </>
  );
}

const REASON_MIN = 3;
const REASON_MAX = 1000;

/** The pro in charge approves, or rejects with a reason the candidate will read. */
export function ReviewActions({ document, documentLabel }: { document: TDocument; documentLabel: string }) {
  const { t } = useTranslation(['dossiers', 'forms']);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const approve = useReviewDocument(document);
  const reject = useReviewDocument(document, {
    onSuccess: () => {
      setRejectOpen(false);
      setReason('');
    },
  });

  function submitReject(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < REASON_MIN) {
      setReasonError(
        trimmed.length === 0
          ? t('review.reasonRequired')
          : t('forms:validation.tooShort', { count: REASON_MIN }),
      );
      return;
    }
    if (trimmed.length > REASON_MAX) {
      setReasonError(t('forms:validation.tooLong', { count: REASON_MAX }));
      return;
    }
    reject.mutate({ decision: 'reject', reason: trimmed });
  }

  return (
    <>
      <Button onClick={() => approve.mutate({ decision: 'approve' })} disabled={approve.isPending}>
        <CheckIcon className="size-4" />
        {t('review.approve')}
        <span className="sr-only"> {documentLabel}</span>
      </Button>
      <Button variant="danger" onClick={() => setRejectOpen(true)}>
        <CloseIcon className="size-4" />
        {t('review.reject')}
        <span className="sr-only"> {documentLabel}</span>
      </Button>
      {approve.error ? <ServerErrorAlert error={approve.error} className="w-full" /> : null}
      <Dialog
        open={rejectOpen}
        onOpenChange={(next) => {
          setRejectOpen(next);
          if (!next) {
            setReasonError(undefined);
            reject.reset();
          }
        }}
      >
        <DialogContent
          title={t('review.rejectTitle')}
          description={t('review.rejectDescription', { document: documentLabel })}
        >
          <form noValidate onSubmit={submitReject} className="flex flex-col gap-4">
            <Textarea
              label={t('review.reason')}
              hint={t('review.reasonHint')}
              required
              value={reason}
              maxLength={REASON_MAX}
              error={reasonError}
              onChange={(event) => {
                setReason(event.target.value);
                setReasonError(undefined);
              }}
            />
            <ServerErrorAlert error={reject.error} />
            <div className="flex flex-wrap justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{t('actions.cancel')}</Button>
              </DialogClose>
              <SubmitButton variant="danger" pending={reject.isPending}>
                {t('review.confirmReject')}
              </SubmitButton>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}

/** Corrects the issue or expiry date of a document (an empty expiry goes back to the item's rule). */
export function EditDates({ document, expiryRule }: { document: TDocument; expiryRule: TExpiryRule }) {
  const { t } = useTranslation('dossiers');
  const [issueDate, setIssueDate] = useState(document.issueDate ?? '');
  const [expiryDate, setExpiryDate] = useState(document.expiryDate ?? '');
  const [saved, setSaved] = useState(false);
  const save = useUpdateDocumentDates(document, { onSuccess: () => setSaved(true) });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate({
          ...(expiryRule.kind === 'own_date' ? {} : { issueDate: issueDate || null }),
          expiryDate: expiryDate || null,
        });
      }}
      className="mt-3 flex flex-col gap-4"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {expiryRule.kind !== 'own_date' && (
          <Input
            type="date"
            label={t('dates.issueDate')}
            value={issueDate}
            onChange={(event) => setIssueDate(event.target.value)}
          />
        )}
        <Input
          type="date"
          label={t('dates.expiryDate')}
          hint={expiryRule.kind === 'own_date' ? undefined : t('dates.expiryOverrideHint')}
          value={expiryDate}
          onChange={(event) => setExpiryDate(event.target.value)}
        />
      </div>
      <ServerErrorAlert error={save.error} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pending={save.isPending}>
          {t('dates.save')}
        </SubmitButton>
        <SaveStatus message={saved ? t('dates.saved') : null} />
      </div>
    </form>
  );
}
