import type { TDataExport, TDataExportStatus } from '@capitune/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button, buttonClasses } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { formatFileSize } from '../../../lib/format';
import { isExportPending, useDataExports } from '../api/list-data-exports';
import { useRequestDataExport } from '../api/request-data-export';
import { PrivacySection, SubHeading } from './privacy-section';

const statusTones: Record<TDataExportStatus, BadgeTone> = {
  queued: 'neutral',
  building: 'brand',
  ready: 'success',
  failed: 'danger',
  expired: 'neutral',
};

/**
 * "Request my data": the API asks the person to confirm it is them (the step-up dialog opens by itself),
 * a background job prepares the ZIP, and the list follows it until it is ready. The download is the
 * signed link itself: a plain link, which works without the session until it expires.
 */
export function DataExportSection({ when }: { when: (iso: string) => string }) {
  const { t, i18n } = useTranslation('privacy-account');
  const exports = useDataExports();
  const request = useRequestDataExport();
  const [requested, setRequested] = useState(false);
  const announcement = useStatusAnnouncement(exports.data?.items, when);
  const listId = useId();
  const inProgress = exports.data?.items.some(isExportPending) ?? false;

  async function onRequest() {
    setRequested(false);
    try {
      await request.mutateAsync();
      setRequested(true);
    } catch {
      // shown below, translated from its code (a cancelled confirmation included)
    }
  }

  return (
    <PrivacySection id="data" title={t('exports.title')} intro={t('exports.intro')}>
      <div className="flex flex-col gap-4">
        <div>
          <Button onClick={() => void onRequest()} disabled={request.isPending || inProgress}>
            {t('exports.request')}
          </Button>
        </div>
        <ServerErrorAlert error={request.error} />
        <p role="status" className="text-slate-800">
          {requested && !request.error ? t('exports.requested') : ''}
          {announcement && <span className="block">{announcement}</span>}
        </p>

        <SubHeading id={listId}>{t('exports.listTitle')}</SubHeading>
        {exports.isPending && <Spinner label={t('loading')} />}
        {exports.isError && <ServerErrorAlert error={exports.error} />}
        {exports.data &&
          (exports.data.items.length === 0 ? (
            <p className="text-slate-700">{t('exports.empty')}</p>
          ) : (
            <ul aria-labelledby={listId} className="flex flex-col gap-3">
              {exports.data.items.map((item) => (
                <ExportItem
                  key={item.id}
                  item={item}
                  when={when}
                  language={i18n.resolvedLanguage ?? i18n.language}
                />
              ))}
            </ul>
          ))}
      </div>
    </PrivacySection>
  );
}

/**
 * What to say, politely, when an export changes status while the page is open ("ready", "failed"):
 * the list updates by itself, and a screen reader should hear it.
 */
function useStatusAnnouncement(items: TDataExport[] | undefined, when: (iso: string) => string) {
  const { t } = useTranslation('privacy-account');
  const previous = useRef<Map<string, TDataExportStatus> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!items) return;
    const before = previous.current;
    previous.current = new Map(items.map((item) => [item.id, item.status]));
    if (!before) return;
    const changed = items.find((item) => before.has(item.id) && before.get(item.id) !== item.status);
    if (changed) {
      setMessage(
        t('exports.statusChanged', {
          date: when(changed.requestedAt),
          status: t(`exports.status.${changed.status}`),
        }),
      );
    }
  }, [items, t, when]);
  return message;
}

function ExportItem({
  item,
  when,
  language,
}: {
  item: TDataExport;
  when: (iso: string) => string;
  language: string;
}) {
  const { t } = useTranslation('privacy-account');
  const titleId = useId();
  const ready = item.status === 'ready' && item.downloadUrl;
  return (
    <li className="flex flex-col gap-3 rounded-xl p-4 ring-1 ring-slate-200 ring-inset sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p id={titleId} className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
          <span>{t('exports.requestedAt', { date: when(item.requestedAt) })}</span>
          <Badge tone={statusTones[item.status]}>{t(`exports.status.${item.status}`)}</Badge>
        </p>
        <div className="mt-1 text-slate-700 text-sm">
          {item.sizeBytes !== null && (
            <p>{t('exports.size', { size: formatFileSize(item.sizeBytes, language) })}</p>
          )}
          {ready && item.expiresAt && <p>{t('exports.expiresAt', { date: when(item.expiresAt) })}</p>}
          {item.downloadedAt && <p>{t('exports.downloadedAt', { date: when(item.downloadedAt) })}</p>}
          {item.status === 'failed' && <p>{t('exports.failedHint')}</p>}
        </div>
      </div>
      {ready && (
        <a
          href={item.downloadUrl ?? undefined}
          download
          aria-describedby={titleId}
          className={`${buttonClasses({ variant: 'secondary' })} shrink-0`}
        >
          {t('exports.download')}
        </a>
      )}
      {isExportPending(item) && <Spinner label={t(`exports.status.${item.status}`)} className="shrink-0" />}
    </li>
  );
}
