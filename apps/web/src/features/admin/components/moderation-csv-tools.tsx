import type { TWatchedWordImportResult } from '@capitune/contracts';
import { WATCHED_WORDS_IMPORT_MAX_BYTES } from '@capitune/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useDownloadWatchedWords } from '../api/download-watched-words';
import { importRowErrors, useImportWatchedWords } from '../api/import-watched-words';

/** CSV export and import of the watched words. */
export function ModerationCsvTools() {
  const { t, i18n } = useTranslation('admin');
  const download = useDownloadWatchedWords();
  const upload = useImportWatchedWords();
  const inputId = useId();
  const [result, setResult] = useState<TWatchedWordImportResult | null>(null);
  const [tooLarge, setTooLarge] = useState(false);

  async function importFile(file: File) {
    setResult(null);
    setTooLarge(false);
    upload.reset();
    if (file.size > WATCHED_WORDS_IMPORT_MAX_BYTES) {
      setTooLarge(true);
      return;
    }
    try {
      setResult(await upload.mutateAsync(await file.text()));
    } catch {
      // Shown below from the mutation's error.
    }
  }

  const rowErrors = importRowErrors(upload.error);
  const day = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="watched-words-csv-title" className="mt-8">
      <h2 id="watched-words-csv-title" className="font-semibold text-slate-900 text-xl">
        {t('watchedWords.csv.title')}
      </h2>
      <p className="mt-1 text-slate-700">{t('watchedWords.csv.intro')}</p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          onClick={() => download.mutate(`${t('watchedWords.csv.fileName')}-${day}.csv`)}
          disabled={download.isPending}
        >
          {t('watchedWords.csv.export')}
        </Button>
        <label
          htmlFor={inputId}
          className="inline-flex min-h-11 cursor-pointer items-center rounded-lg border border-slate-400 bg-white px-4 font-medium text-slate-900 focus-within:outline-2 focus-within:outline-brand-600 hover:bg-slate-50"
        >
          {upload.isPending ? t('watchedWords.csv.importing') : t('watchedWords.csv.import')}
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            disabled={upload.isPending}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      <div className="mt-3">
        <ServerErrorAlert error={download.error} />
        {tooLarge && <Alert tone="error">{t('watchedWords.csv.tooLarge')}</Alert>}
        {rowErrors.length > 0 ? (
          <Alert tone="error">
            <p className="font-medium">{t('watchedWords.csv.rejected', { count: rowErrors.length })}</p>
            <ul className="mt-2 list-disc ps-5">
              {rowErrors.slice(0, 50).map((rowError) => (
                <li key={`${rowError.row}-${rowError.column}`}>
                  {t('watchedWords.csv.rowError', {
                    row: rowError.row.toLocaleString(i18n.language),
                    column: rowError.column === 'row' ? '' : rowError.column,
                    message: t(`watchedWords.csv.codes.${rowError.code}`, {
                      defaultValue: t('watchedWords.csv.codes.invalid'),
                    }),
                  })}
                </li>
              ))}
            </ul>
            {rowErrors.length > 50 && (
              <p className="mt-2">{t('watchedWords.csv.more', { count: rowErrors.length - 50 })}</p>
            )}
          </Alert>
        ) : (
          <ServerErrorAlert error={upload.error} />
        )}
        <SaveStatus message={result ? t('watchedWords.csv.done', result) : null} />
      </div>
    </section>
  );
}
