import type { TDossier } from '@capitune/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Select } from '../../../components/ui/select';
import { useSession } from '../../../lib/auth';
import { dossierSections } from '../../../lib/dossiers/anchors';
import { formatDateTime, formatFileSize } from '../../../lib/format';
import { DownloadButton, ReviewActions, WithdrawButton } from './document-actions';
import { DocumentUploader } from './document-uploader';

const tones: Record<string, BadgeTone> = { pending: 'brand', approved: 'success', rejected: 'danger' };

/** Documents outside the checklist (a letter, a translation…), with their own upload. */
export function OtherDocuments({ dossier }: { dossier: TDossier }) {
  const { t, i18n } = useTranslation('dossiers');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const headingId = useId();
  const principal = dossier.members.find((member) => member.role === 'principal') ?? dossier.members[0];
  const [memberId, setMemberId] = useState(principal?.id ?? '');
  const isOwner = dossier.viewerRole === 'owner';
  const memberName = (id: string) => dossier.members.find((member) => member.id === id)?.fullName ?? '';

  return (
    <section
      id={dossierSections.otherDocuments}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('other.title')}
      </h2>
      <p className="mt-1 text-slate-700">{t('other.intro')}</p>
      {dossier.otherDocuments.length > 0 && (
        <ul className="mt-4 flex flex-col gap-3">
          {dossier.otherDocuments.map((document) => (
            <li
              key={document.id}
              className="flex flex-col gap-3 rounded-xl p-4 ring-1 ring-slate-200 ring-inset"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="break-all font-medium text-slate-900">{document.originalName}</span>
                <Badge tone={tones[document.status] ?? 'neutral'}>
                  {t(`documentStatus.${document.status}`)}
                </Badge>
              </div>
              <p className="text-slate-600 text-sm">
                {memberName(document.memberId)} · {formatFileSize(document.sizeBytes, language)} ·{' '}
                {formatDateTime(document.uploadedAt, language, user?.timeZone)}
              </p>
              {document.rejectionReason && (
                <p className="text-slate-700 text-sm">
                  <span className="font-semibold">{t('line.reason')}</span> {document.rejectionReason}
                </p>
              )}
              <div className="flex flex-wrap gap-2">
                <DownloadButton document={document} />
                {!isOwner && document.status === 'pending' && (
                  <ReviewActions document={document} documentLabel={document.originalName} />
                )}
                {isOwner && document.status !== 'approved' && <WithdrawButton document={document} />}
              </div>
            </li>
          ))}
        </ul>
      )}
      <details className="mt-4">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-800">
          {t('other.add')}
        </summary>
        <div className="mt-2 flex flex-col gap-4">
          {dossier.members.length > 1 && (
            <Select
              label={t('other.member')}
              value={memberId}
              onChange={(event) => setMemberId(event.target.value)}
            >
              {dossier.members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.fullName} ({t(`roles.${member.role}`)})
                </option>
              ))}
            </Select>
          )}
          <DocumentUploader
            dossierId={dossier.id}
            itemId={null}
            memberId={memberId}
            expiryRule={null}
            title={t('upload.chooseFile')}
            context={t('other.title')}
          />
        </div>
      </details>
    </section>
  );
}
