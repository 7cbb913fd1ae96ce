import type { TExpiryRule } from '@capitune/contracts';
import { type DragEvent, type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { UploadIcon } from '../../../components/ui/app-icons';
import { Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { getErrorMessage, isApiError } from '../../../lib/api-error';
import { cn } from '../../../lib/cn';
import { formatFileSize } from '../../../lib/format';
import { useUploadDocument } from '../api/upload-document';
import { acceptAttribute, checkUpload, type UploadProblem } from '../lib/upload-check';

/**
 * Sends a file for a checklist line (or an extra document): dropped on the zone or chosen with a real,
 * labelled file input (keyboard and screen readers), checked here for type and size first, sent with a
 * progress bar, with the item's dates when it has an expiry rule.
 */
export function DocumentUploader({
  dossierId,
  itemId,
  memberId,
  expiryRule,
  title,
  context,
}: {
  dossierId: string;
  itemId: string | null;
  memberId: string;
  expiryRule: TExpiryRule | null;
  /** "Upload the document", "Upload a new version"… */
  title: string;
  /** What the file is for, for the input's name ("Passport — Amina Diallo"). */
  context: string;
}) {
  const { t, i18n } = useTranslation('dossiers');
  const language = i18n.resolvedLanguage ?? i18n.language;
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const upload = useUploadDocument(dossierId);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const [issueDate, setIssueDate] = useState('');
  const [expiryDate, setExpiryDate] = useState('');
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  function choose(next: File | null) {
    setDone(null);
    setError(null);
    setFile(next);
    setProblem(next ? checkUpload(next) : null);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (!dropped) return;
    // Keep the input in step, so what is shown and what is sent are the same file.
    if (inputRef.current) {
      try {
        const transfer = new DataTransfer();
        transfer.items.add(dropped);
        inputRef.current.files = transfer.files;
      } catch {
        // older browsers: the state alone holds the file
      }
    }
    choose(dropped);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem(null);
      setError(null);
      inputRef.current?.focus();
      setDone(null);
      setError('NO_FILE');
      return;
    }
    if (problem) return;
    setError(null);
    setProgress(0);
    try {
      await upload.mutateAsync({
        fields: { itemId, memberId, issueDate: issueDate || null, expiryDate: expiryDate || null },
        file,
        onProgress: setProgress,
      });
      setDone(file.name);
      setFile(null);
      setIssueDate('');
      setExpiryDate('');
      if (inputRef.current) inputRef.current.value = '';
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  }

  const uploading = progress !== null;
  const percent = Math.round((progress ?? 0) * 100);
  const problemText = problem ? t(`upload.problems.${problem}`) : null;
  const errorText =
    error === 'NO_FILE'
      ? t('upload.noFile')
      : error
        ? isApiError(error) && error.code === 'PAYLOAD_TOO_LARGE'
          ? t('upload.problems.PAYLOAD_TOO_LARGE')
          : getErrorMessage(t, error)
        : null;

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the labelled file input inside is the way for keyboards and screen readers */}
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-col gap-3 rounded-xl ring-1 p-4 transition-colors',
          dragging ? 'ring-brand-700 bg-brand-50' : 'border-slate-300 bg-slate-50',
        )}
      >
        <div className="flex items-start gap-3">
          <UploadIcon className="hidden size-6 shrink-0 text-brand-700 sm:block" />
          <div className="flex flex-col gap-1">
            <label htmlFor={inputId} className="font-medium text-slate-900">
              {title}
              <span className="sr-only"> — {context}</span>
            </label>
            <p id={hintId} className="text-slate-600 text-sm">
              {t('upload.hint')}
            </p>
          </div>
        </div>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={acceptAttribute}
          aria-describedby={hintId}
          aria-invalid={problem ? true : undefined}
          disabled={uploading}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
          className="block w-full min-w-0 text-slate-700 text-sm"
        />
        {file && !problem && (
          <p className="break-all text-slate-700 text-sm">
            {t('upload.chosen', { name: file.name, size: formatFileSize(file.size, language) })}
          </p>
        )}
      </div>

      {expiryRule && (
        <div className="grid gap-4 sm:grid-cols-2">
          {expiryRule.kind === 'own_date' ? (
            <Input
              type="date"
              label={t('dates.expiryDate')}
              hint={t('dates.ownDateHint')}
              value={expiryDate}
              onChange={(event) => setExpiryDate(event.target.value)}
              disabled={uploading}
            />
          ) : (
            <Input
              type="date"
              label={t('dates.issueDate')}
              hint={
                expiryRule.kind === 'valid_for'
                  ? t('dates.validForHint', { count: expiryRule.months })
                  : t('dates.recentHint', { count: expiryRule.months })
              }
              value={issueDate}
              max={new Date().toISOString().slice(0, 10)}
              onChange={(event) => setIssueDate(event.target.value)}
              disabled={uploading}
            />
          )}
        </div>
      )}

      {problemText && (
        <Alert tone="error">
          <p>{problemText}</p>
        </Alert>
      )}
      {errorText && (
        <Alert tone="error">
          <p>{errorText}</p>
        </Alert>
      )}

      {uploading && (
        <div className="flex flex-col gap-1.5">
          <div className="flex justify-between text-sm">
            <span id={`${inputId}-progress`} className="font-medium text-slate-800">
              {t('upload.sending')}
            </span>
            <span aria-hidden="true">{percent} %</span>
          </div>
          <div
            role="progressbar"
            aria-labelledby={`${inputId}-progress`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-2 bg-brand-800" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={uploading} disabled={!!problem} variant="primary">
          {t('upload.submit')}
        </SubmitButton>
        <p role="status" className="font-medium text-emerald-800 text-sm">
          {done && t('upload.done', { name: done })}
        </p>
      </div>
    </form>
  );
}
