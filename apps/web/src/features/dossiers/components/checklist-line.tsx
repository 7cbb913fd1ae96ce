import type { TChecklistEntry, TChecklistItem, TDocument, TDossier } from '@capitune/contracts';
import { useRouterState } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { UploadIcon } from '../../../components/ui/app-icons';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { useSession } from '../../../lib/auth';
import { cn } from '../../../lib/cn';
import { checklistLineId } from '../../../lib/dossiers/anchors';
import { formatDay } from '../../../lib/dossiers/dates';
import { EXPIRY_WARNING_DAYS, expiryBadge, expiryState, todayIn } from '../../../lib/dossiers/expiry';
import { useLocalized } from '../../../lib/dossiers/programs';
import { formatDateTime, formatFileSize } from '../../../lib/format';
import { DownloadButton, EditDates, ReviewActions, WithdrawButton } from './document-actions';
import { DocumentUploader } from './document-uploader';

const stateTones: Record<TChecklistEntry['state'], BadgeTone> = {
  missing: 'neutral',
  pending: 'brand',
  approved: 'success',
  rejected: 'danger',
};

const statusTones: Record<TDocument['status'], BadgeTone> = {
  pending: 'brand',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};

/** The badge of a document's expiry: expired, expiring soon (relative), or valid until a date. */
export function ExpiryBadge({ expiryDate }: { expiryDate: string }) {
  const { t, i18n } = useTranslation('dossiers');
  const { user } = useSession();
  const today = todayIn(user?.timeZone);
  const badge = expiryBadge(expiryDate, today, i18n.resolvedLanguage ?? i18n.language, (key, options) =>
    t(key as 'expiry.expired', options),
  );
  return <Badge tone={badge.tone}>{badge.text}</Badge>;
}

/**
 * One line of the checklist: an item for one member, its state, its current document and older
 * versions, and what the viewer can do (upload, replace, withdraw, review, correct dates).
 */
export function ChecklistLine({
  dossier,
  entry,
  item,
  memberName,
}: {
  dossier: TDossier;
  entry: TChecklistEntry;
  item: TChecklistItem;
  memberName: string;
}) {
  const { t, i18n } = useTranslation('dossiers');
  const { user } = useSession();
  const localized = useLocalized();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const label = localized(item.label);
  const titleId = useId();
  // Arriving from a next action (`#line-…`): the line stands out.
  const targeted =
    useRouterState({ select: (state) => state.location.hash }) ===
    checklistLineId(entry.itemId, entry.memberId);
  const isOwner = dossier.viewerRole === 'owner';
  const current = entry.current;
  const today = todayIn(user?.timeZone);
  const expiringSoon =
    current?.expiryDate != null &&
    expiryState(current.expiryDate, today, EXPIRY_WARNING_DAYS).kind !== 'valid';
  // Open where something is urgent (rejected, expiring, the line a next action points at); one click
  // away otherwise, so that a long checklist stays readable.
  const [uploadOpen, setUploadOpen] = useState(
    isOwner && (entry.state === 'rejected' || expiringSoon || targeted),
  );
  const [datesOpen, setDatesOpen] = useState(false);
  // A document just rejected, or the line just pointed at: the uploader opens.
  const [seen, setSeen] = useState({ state: entry.state, targeted });
  if (seen.state !== entry.state || seen.targeted !== targeted) {
    setSeen({ state: entry.state, targeted });
    if (
      isOwner &&
      ((seen.state !== entry.state && entry.state === 'rejected') || (targeted && !seen.targeted))
    )
      setUploadOpen(true);
  }

  const uploadTitle =
    entry.state === 'missing'
      ? t('upload.title')
      : entry.state === 'rejected'
        ? t('upload.titleReplace')
        : t('upload.titleNewVersion');

  return (
    <li>
      <article
        id={checklistLineId(entry.itemId, entry.memberId)}
        tabIndex={-1}
        aria-label={t('line.name', { document: label, member: memberName })}
        className={cn(
          'rounded-xl p-4 ring-inset sm:p-6',
          targeted ? 'bg-brand-50 ring-2 ring-brand-700' : 'ring-1 ring-slate-200',
        )}
      >
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <h4 id={titleId} className="min-w-0 font-semibold text-slate-900">
            {label}
          </h4>
          <p className="flex flex-wrap gap-1.5">
            <Badge tone={stateTones[entry.state]}>{t(`state.${entry.state}`)}</Badge>
            {current?.expiryDate && <ExpiryBadge expiryDate={current.expiryDate} />}
            <Badge tone="neutral" className={item.required ? '' : ''}>
              {item.required ? t('line.required') : t('line.optional')}
            </Badge>
          </p>
        </div>

        <details className="mt-2 text-slate-700">
          <summary className="inline-flex min-h-9 cursor-pointer items-center font-medium text-brand-800 text-sm">
            {t('line.help')}
          </summary>
          <p className="mt-1 max-w-2xl text-sm">{localized(item.help)}</p>
        </details>

        {entry.state === 'rejected' && current && (
          <Alert
            tone="error"
            live={false}
            title={isOwner ? t('line.rejectedTitle') : t('line.rejectedTitlePro')}
            className="mt-3"
          >
            <p>
              <span className="font-semibold">{t('line.reason')}</span> {current.rejectionReason}
            </p>
          </Alert>
        )}

        {current && (
          <div className="mt-3 flex flex-col gap-3 rounded-lg bg-slate-50 p-4">
            <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
              <div className="flex flex-wrap gap-x-2">
                <dt className="text-slate-600">{t('document.file')}</dt>
                <dd className="break-all font-medium text-slate-900">
                  {current.originalName}{' '}
                  <span className="font-normal text-slate-600">
                    ({t('document.version', { version: current.version })},{' '}
                    {formatFileSize(current.sizeBytes, language)})
                  </span>
                </dd>
              </div>
              <div className="flex flex-wrap gap-x-2">
                <dt className="text-slate-600">{t('document.uploaded')}</dt>
                <dd className="text-slate-900">
                  {formatDateTime(current.uploadedAt, language, user?.timeZone)}
                </dd>
              </div>
              {current.issueDate && (
                <div className="flex flex-wrap gap-x-2">
                  <dt className="text-slate-600">{t('dates.issueDate')}</dt>
                  <dd className="text-slate-900">{formatDay(current.issueDate, language)}</dd>
                </div>
              )}
              {current.expiryDate && (
                <div className="flex flex-wrap gap-x-2">
                  <dt className="text-slate-600">{t('dates.expiryDate')}</dt>
                  <dd className="text-slate-900">{formatDay(current.expiryDate, language)}</dd>
                </div>
              )}
            </dl>
            <div className="flex flex-wrap gap-2">
              <DownloadButton document={current} />
              {!isOwner && current.status === 'pending' && (
                <ReviewActions document={current} documentLabel={`${label} — ${memberName}`} />
              )}
              {isOwner && current.status !== 'approved' && <WithdrawButton document={current} />}
            </div>
            {item.expiryRule && (
              <details open={datesOpen} onToggle={(event) => setDatesOpen(event.currentTarget.open)}>
                <summary className="inline-flex min-h-9 cursor-pointer items-center font-medium text-brand-800 text-sm">
                  {t('dates.edit')}
                </summary>
                {/* Rendered once opened: the uploader below has date fields of the same names. */}
                {datesOpen && (
                  <EditDates
                    key={`${current.id}-${current.issueDate}-${current.expiryDate}`}
                    document={current}
                    expiryRule={item.expiryRule}
                  />
                )}
              </details>
            )}
          </div>
        )}

        <details
          className="mt-3"
          open={uploadOpen}
          onToggle={(event) => setUploadOpen(event.currentTarget.open)}
        >
          <summary className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-4 font-semibold text-brand-900 ring-1 ring-brand-300 ring-inset hover:bg-brand-50">
            <UploadIcon className="size-5" />
            {isOwner ? uploadTitle : t('upload.titleForClient')}
          </summary>
          <div className="mt-2">
            <DocumentUploader
              dossierId={dossier.id}
              itemId={entry.itemId}
              memberId={entry.memberId}
              expiryRule={item.expiryRule}
              title={t('upload.chooseFile')}
              context={`${label} — ${memberName}`}
            />
          </div>
        </details>

        {entry.previousVersions.length > 0 && (
          <details className="mt-3">
            <summary className="inline-flex min-h-9 cursor-pointer items-center font-medium text-brand-800 text-sm">
              {t('line.previousVersions', { count: entry.previousVersions.length })}
            </summary>
            <ul className="mt-2 flex flex-col gap-2">
              {entry.previousVersions.map((version) => (
                <li
                  key={version.id}
                  className="flex flex-col gap-2 rounded-lg p-4 text-sm ring-1 ring-slate-200 ring-inset"
                >
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">
                      {t('document.version', { version: version.version })}
                    </span>
                    <Badge tone={statusTones[version.status]}>{t(`documentStatus.${version.status}`)}</Badge>
                    <span className="break-all text-slate-700">{version.originalName}</span>
                    <span className="text-slate-600">
                      {formatDateTime(version.uploadedAt, language, user?.timeZone)}
                    </span>
                  </p>
                  {version.rejectionReason && (
                    <p className="text-slate-700">
                      <span className="font-semibold">{t('line.reason')}</span> {version.rejectionReason}
                    </p>
                  )}
                  {version.status !== 'withdrawn' && (
                    <div>
                      <DownloadButton document={version} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
      </article>
    </li>
  );
}
