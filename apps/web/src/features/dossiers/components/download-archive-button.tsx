import type { TDossier } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { DownloadIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { fallbackLocale, toLocale } from '../../../lib/locale';
import { useDownloadArchive } from '../api/download-archive';

/** What the archive holds: the latest version of each document, unless it was refused or taken back. */
function hasArchivableDocuments(dossier: TDossier): boolean {
  const archivable = (status: string) => status === 'pending' || status === 'approved';
  return (
    dossier.checklist.some((entry) => entry.current && archivable(entry.current.status)) ||
    dossier.otherDocuments.some((document) => archivable(document.status))
  );
}

/**
 * Downloads every current document of the dossier as one ZIP, its folders named in the page's language.
 * Shown only when there is something to put in it.
 */
export function DownloadArchiveButton({ dossier }: { dossier: TDossier }) {
  const { t, i18n } = useTranslation('dossiers');
  const download = useDownloadArchive(dossier.id);
  if (!hasArchivableDocuments(dossier)) return null;
  const busy = download.isPending;
  const locale = toLocale(i18n.resolvedLanguage ?? i18n.language) ?? fallbackLocale;

  return (
    <div className="flex flex-col gap-2 sm:items-end">
      {/* aria-disabled rather than disabled: the button keeps the focus while the "confirm that it's you"
          dialog is open, so that the focus comes back to it when the dialog closes. */}
      <Button
        variant="secondary"
        className="w-full sm:w-auto"
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        onClick={() => {
          if (!busy) download.mutate(locale);
        }}
      >
        <DownloadIcon className="size-4 shrink-0" />
        {t('archive.download')}
      </Button>
      {busy && <Spinner label={t('archive.preparing')} className="text-sm" />}
      <ServerErrorAlert error={download.error} className="w-full sm:max-w-md" />
    </div>
  );
}
