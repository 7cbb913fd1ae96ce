import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getErrorMessage, isApiError } from '../../lib/api-error';
import { Alert } from '../ui/alert';
import { UploadIcon } from '../ui/app-icons';
import { SubmitButton } from '../ui/submit-button';

/** What the verification files accept (the API decides from the bytes in the end). */
const acceptedTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic'];
const acceptedExtensions = ['pdf', 'jpg', 'jpeg', 'png', 'webp', 'heic', 'heif'];
const accept = [...acceptedTypes, ...acceptedExtensions.map((extension) => `.${extension}`)].join(',');

export type FileProblem = 'empty' | 'tooLarge' | 'wrongType' | 'noFile';

/** What can be told before sending: no file, an empty one, one too large, one plainly not a PDF or image. */
export function checkFile(
  file: Pick<File, 'name' | 'size' | 'type'> | null,
  maxBytes: number,
): FileProblem | null {
  if (!file) return 'noFile';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'tooLarge';
  const extension = file.name.includes('.') ? file.name.split('.').pop()?.toLowerCase() : undefined;
  if (acceptedTypes.includes(file.type.toLowerCase())) return null;
  // Without a type (HEIC often has none), the extension decides.
  const generic = file.type === '' || file.type === 'application/octet-stream' || file.type === 'image/heif';
  return generic && extension && acceptedExtensions.includes(extension) ? null : 'wrongType';
}

export interface FileUploadTexts {
  /** The file input's label ("Identity document"). */
  label: string;
  hint: string;
  submit: string;
  sending: string;
  /** Said once the file is stored, with its name. */
  done: (name: string) => string;
  problems: Record<FileProblem, string>;
}

/**
 * One file sent with a real, labelled file input (keyboard and screen readers), checked here first for
 * type and size, sent with a progress bar; the outcome is announced. The verification pages use it for
 * the identity document and the register capture, as Mon dossier does for documents.
 */
export function FileUploadForm({
  texts,
  maxBytes,
  upload,
}: {
  texts: FileUploadTexts;
  maxBytes: number;
  upload: (file: File, onProgress: (fraction: number) => void) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  function choose(next: File | null) {
    setDone(null);
    setError(null);
    setFile(next);
    setProblem(next ? checkFile(next, maxBytes) : null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkFile(file, maxBytes);
    if (found || !file) {
      setProblem(found);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setProgress(0);
    try {
      await upload(file, setProgress);
      setDone(file.name);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  }

  const uploading = progress !== null;
  const percent = Math.round((progress ?? 0) * 100);
  const errorText = error
    ? isApiError(error) && error.code === 'PAYLOAD_TOO_LARGE'
      ? texts.problems.tooLarge
      : getErrorMessage(t, error)
    : null;

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-300">
        <div className="flex items-start gap-3">
          <UploadIcon className="hidden size-6 shrink-0 text-brand-700 sm:block" />
          <div className="flex flex-col gap-1">
            <label htmlFor={inputId} className="font-medium text-slate-900">
              {texts.label}
            </label>
            <p id={hintId} className="text-slate-600 text-sm">
              {texts.hint}
            </p>
          </div>
        </div>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={accept}
          aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
          aria-invalid={problem ? true : undefined}
          disabled={uploading}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
          className="block w-full min-w-0 text-slate-700 text-sm"
        />
      </div>
      {problem && (
        <p id={problemId} className="font-medium text-maple-700 text-sm">
          {texts.problems[problem]}
        </p>
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
              {texts.sending}
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
        <SubmitButton pending={uploading} variant="secondary">
          {texts.submit}
        </SubmitButton>
        <p role="status" className="font-medium text-emerald-800 text-sm">
          {done && texts.done(done)}
        </p>
      </div>
    </form>
  );
}
