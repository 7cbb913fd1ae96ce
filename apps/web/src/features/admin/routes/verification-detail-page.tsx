import { regulatorInfo, type TAdminVerification, type TStoredFile } from '@capitune/contracts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileUploadForm } from '../../../components/forms/file-upload-form';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { formatDay } from '../../../lib/dossiers/dates';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDownloadVerificationFile, type VerificationFileKind } from '../api/download-verification-file';
import { useVerification } from '../api/get-verification';
import { useResolveConflict } from '../api/resolve-conflict';
import { REGISTER_CAPTURE_MAX_BYTES, useUploadRegisterCapture } from '../api/upload-register-capture';
import { AdminGate } from '../components/admin-gate';
import { type Decision, VerificationDecisionForm } from '../components/verification-decision-form';
import { VerificationStatusBadge } from '../components/verification-status-badge';

const route = getRouteApi('/admin/verifications/$id');

export function VerificationDetailPage() {
  return (
    <AdminGate>
      <VerificationDetail />
    </AdminGate>
  );
}

function useFormatters() {
  const { i18n } = useTranslation();
  const { user } = useSession();
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  return {
    language,
    moment: (iso: string) => formatDateTime(iso, language, user?.timeZone),
    day: (date: string) => formatDay(date, language),
  } as const;
}

/** `/admin/verifications/$id`: every piece of evidence of one file side by side, and the decision. */
function VerificationDetail() {
  const { t } = useTranslation('admin');
  const { id } = route.useParams();
  const file = useVerification(id);
  const name = file.data ? `${file.data.pro.firstName} ${file.data.pro.lastName}` : '';
  usePageMeta(name ? t('verifications.detail.metaTitle', { name }) : t('verifications.metaTitle'));

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <Link
        to="/admin/verifications"
        className="inline-flex min-h-11 items-center font-medium text-brand-800 underline"
      >
        {t('verifications.detail.back')}
      </Link>
      {file.isPending && <Spinner label={t('verifications.loading')} className="mt-6" />}
      {file.isError && <ServerErrorAlert error={file.error} className="mt-6" />}
      {file.data && <Evidence file={file.data} />}
    </div>
  );
}

function Evidence({ file }: { file: TAdminVerification }) {
  const { t } = useTranslation(['admin', 'common']);
  const { moment, day, language } = useFormatters();
  const regulator = regulatorInfo[file.regulator];
  const ids = {
    declaration: useId(),
    register: useId(),
    identity: useId(),
    references: useId(),
    conflicts: useId(),
    history: useId(),
    decision: useId(),
  };
  const [decided, setDecided] = useState<Decision | null>(null);

  return (
    <>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
          {file.pro.firstName} {file.pro.lastName}
        </h1>
        <VerificationStatusBadge status={file.status} submitted={file.submittedAt !== null} />
        {file.openConflicts > 0 && (
          <Badge tone="danger">{t('verifications.conflictsCount', { count: file.openConflicts })}</Badge>
        )}
      </div>

      {(file.infoRequest || file.decisionReason || file.appeal) && (
        <div className="mt-4 flex flex-col gap-3">
          {file.infoRequest && <Note title={t('verifications.detail.infoRequest')}>{file.infoRequest}</Note>}
          {file.decisionReason && (
            <Note title={t('verifications.detail.decisionReason')}>{file.decisionReason}</Note>
          )}
          {file.appeal && (
            <Note title={t('verifications.detail.appeal', { date: moment(file.appeal.at) })}>
              {file.appeal.text}
            </Note>
          )}
        </div>
      )}

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel headingId={ids.declaration} title={t('verifications.detail.declaration')}>
          <dl className="grid gap-2 text-sm">
            <Fact term={t('verifications.detail.email')} value={file.pro.email} />
            <Fact term={t('verifications.detail.firm')} value={file.organisation?.name ?? '—'} />
            <Fact
              term={t('verifications.detail.profession')}
              value={t(`verifications.professions.${file.profession}`)}
            />
            <Fact term={t('verifications.detail.regulator')} value={regulator.name[language]} />
            <Fact term={t('verifications.detail.licence')} value={file.licenceNumber ?? '—'} />
            {file.regulator === 'cicc' && (
              <Fact term={t('verifications.detail.licenceClass')} value={file.licenceClass ?? '—'} />
            )}
            <Fact
              term={t('verifications.detail.submittedAt')}
              value={file.submittedAt ? moment(file.submittedAt) : t('verifications.notSubmitted')}
            />
            <Fact term={t('verifications.detail.activeClients')} value={String(file.activeClients)} />
          </dl>
          <a
            href={file.registerUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="mt-4 inline-flex min-h-11 items-center font-medium text-brand-800 underline"
          >
            {t('verifications.detail.registerLink', { regulator: regulator.name[language] })}
            <span className="sr-only"> {t('common:newTab')}</span>
          </a>
        </Panel>

        <Panel headingId={ids.register} title={t('verifications.detail.register')}>
          <RegisterCapture file={file} />
          {file.registerEntry ? (
            <dl className="mt-4 grid gap-2 text-sm">
              <Fact
                term={t('verifications.decision.nameOnRegister')}
                value={file.registerEntry.nameOnRegister}
              />
              <Fact
                term={t('verifications.decision.statusOnRegister')}
                value={file.registerEntry.statusOnRegister}
              />
              {file.registerEntry.licenceClass && (
                <Fact
                  term={t('verifications.decision.licenceClass')}
                  value={file.registerEntry.licenceClass}
                />
              )}
              <Fact
                term={t('verifications.decision.entitledToPractise')}
                value={
                  file.registerEntry.entitledToPractise
                    ? t('verifications.detail.yes')
                    : t('verifications.detail.no')
                }
              />
              {file.registerEntry.restrictions && (
                <Fact
                  term={t('verifications.decision.restrictions')}
                  value={file.registerEntry.restrictions}
                />
              )}
              {file.registerEntry.notes && (
                <Fact term={t('verifications.decision.notes')} value={file.registerEntry.notes} />
              )}
              {file.checkedAt && (
                <Fact
                  term={t('verifications.detail.checked')}
                  value={
                    file.checkedBy
                      ? t('verifications.detail.checkedBy', {
                          date: moment(file.checkedAt),
                          name: `${file.checkedBy.firstName} ${file.checkedBy.lastName}`,
                        })
                      : moment(file.checkedAt)
                  }
                />
              )}
              {file.verifiedSince && (
                <Fact term={t('verifications.detail.verifiedSince')} value={moment(file.verifiedSince)} />
              )}
              {file.renewalDate && (
                <Fact term={t('verifications.decision.renewalDate')} value={day(file.renewalDate)} />
              )}
              {file.nextCheckDate && (
                <Fact term={t('verifications.decision.nextCheckDate')} value={day(file.nextCheckDate)} />
              )}
            </dl>
          ) : (
            <p className="mt-4 text-slate-700 text-sm">{t('verifications.detail.noEntry')}</p>
          )}
        </Panel>

        <Panel headingId={ids.identity} title={t('verifications.detail.identity')}>
          <StoredFile
            file={file}
            stored={file.identityDocument}
            kind="identity-document"
            missing={t('verifications.detail.noIdentity')}
          />
        </Panel>

        <Panel headingId={ids.references} title={t('verifications.detail.references')}>
          {file.references.length === 0 ? (
            <p className="text-slate-700 text-sm">{t('verifications.detail.noReferences')}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {file.references.map((reference) => (
                <li key={reference.id} className="rounded-xl bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-slate-900">{reference.name}</span>
                    <Badge
                      tone={
                        reference.status === 'confirmed'
                          ? 'success'
                          : reference.status === 'declined'
                            ? 'danger'
                            : 'neutral'
                      }
                    >
                      {t(`verifications.referenceStatuses.${reference.status}`)}
                    </Badge>
                  </div>
                  <p className="break-words text-slate-700">
                    {reference.email} · {reference.relationship}
                  </p>
                  <p className="text-slate-600">
                    {reference.answeredAt
                      ? t('verifications.detail.answeredAt', { date: moment(reference.answeredAt) })
                      : reference.sentAt
                        ? t('verifications.detail.sentAt', { date: moment(reference.sentAt) })
                        : t('verifications.detail.notSent')}
                  </p>
                  {reference.comment && (
                    <blockquote className="mt-2 whitespace-pre-line border-slate-300 border-s-4 ps-3 text-slate-800">
                      {reference.comment}
                    </blockquote>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel headingId={ids.conflicts} title={t('verifications.detail.conflicts')}>
          <Conflicts file={file} />
        </Panel>

        <Panel headingId={ids.history} title={t('verifications.detail.history')}>
          {file.history.length === 0 ? (
            <p className="text-slate-700 text-sm">{t('verifications.detail.noHistory')}</p>
          ) : (
            <ol className="flex flex-col gap-2 text-sm">
              {file.history.map((entry, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and keep their order
                <li key={index} className="border-slate-200 border-b pb-2 last:border-b-0">
                  <p className="font-medium text-slate-900">
                    <HistoryAction action={entry.action} />
                  </p>
                  <p className="text-slate-600">
                    {moment(entry.at)}
                    {entry.actor && ` · ${entry.actor.firstName} ${entry.actor.lastName}`}
                  </p>
                  {entry.reason && <p className="whitespace-pre-line text-slate-800">{entry.reason}</p>}
                </li>
              ))}
            </ol>
          )}
        </Panel>
      </div>

      <section
        aria-labelledby={ids.decision}
        className="mt-6 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h2 id={ids.decision} className="font-semibold text-slate-900 text-xl">
          {t('verifications.decision.heading')}
        </h2>
        <div aria-live="polite">
          {decided && (
            <Alert tone="success" live={false} className="mt-3">
              {t(`verifications.decided.${decided}`)}
            </Alert>
          )}
        </div>
        <VerificationDecisionForm
          key={`${file.status}-${file.updatedAt}`}
          file={file}
          headingId={ids.decision}
          onDecided={setDecided}
        />
      </section>
    </>
  );
}

const knownActions = [
  'updated',
  'identity_document_uploaded',
  'submitted',
  'appealed',
  'register_capture_uploaded',
  'identity_document_downloaded',
  'register_capture_downloaded',
  'conflict_resolved',
  'approve',
  'recheck',
  'reject',
  'request_info',
  'suspend',
  'revoke',
  'reinstate',
  'dismiss_appeal',
  'expired',
] as const;

/** An audit action (`verification.approve`…) in words; an action this page does not know, as is. */
function HistoryAction({ action }: { action: string }) {
  const { t } = useTranslation('admin');
  const short = action.replace(/^verification\./, '');
  const known = knownActions.find((value) => value === short);
  return <>{known ? t(`verifications.actions.${known}`) : action}</>;
}

function Panel({ headingId, title, children }: { headingId: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={headingId}
      className="min-w-0 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="mb-3 font-semibold text-lg text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Note({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-xl bg-amber-50 px-4 py-3 text-amber-950 ring-1 ring-amber-300 ring-inset">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 whitespace-pre-line">{children}</p>
    </div>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="grid gap-x-3 sm:grid-cols-[12rem_1fr]">
      <dt className="text-slate-600">{term}</dt>
      <dd className="break-words font-medium text-slate-900">{value}</dd>
    </div>
  );
}

/** A stored file's name, size and date, with a download button (each download is audited). */
function StoredFile({
  file,
  stored,
  kind,
  missing,
}: {
  file: TAdminVerification;
  stored: TStoredFile | null;
  kind: VerificationFileKind;
  missing: string;
}) {
  const { t } = useTranslation('admin');
  const { moment } = useFormatters();
  const download = useDownloadVerificationFile(file.id, kind);
  if (!stored) return <p className="text-slate-700 text-sm">{missing}</p>;

  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="break-words text-slate-800">
        {t('verifications.detail.storedFile', { name: stored.originalName, date: moment(stored.uploadedAt) })}
      </p>
      <Button
        variant="secondary"
        size="sm"
        className="self-start"
        disabled={download.isPending}
        onClick={() => download.mutate(stored.originalName)}
      >
        {kind === 'identity-document'
          ? t('verifications.detail.downloadIdentity')
          : t('verifications.detail.downloadCapture')}
      </Button>
      <ServerErrorAlert error={download.error} />
    </div>
  );
}

function RegisterCapture({ file }: { file: TAdminVerification }) {
  const { t } = useTranslation('admin');
  const upload = useUploadRegisterCapture(file.id);
  return (
    <div className="flex flex-col gap-3">
      <StoredFile
        file={file}
        stored={file.registerCapture}
        kind="register-capture"
        missing={t('verifications.detail.noCapture')}
      />
      <FileUploadForm
        maxBytes={REGISTER_CAPTURE_MAX_BYTES}
        upload={(capture, onProgress) => upload.mutateAsync({ file: capture, onProgress })}
        texts={{
          label: file.registerCapture
            ? t('verifications.capture.replace')
            : t('verifications.capture.choose'),
          hint: t('verifications.capture.hint'),
          submit: t('verifications.capture.submit'),
          sending: t('verifications.capture.sending'),
          done: (name) => t('verifications.capture.done', { name }),
          problems: {
            noFile: t('verifications.capture.problems.noFile'),
            empty: t('verifications.capture.problems.empty'),
            tooLarge: t('verifications.capture.problems.tooLarge'),
            wrongType: t('verifications.capture.problems.wrongType'),
          },
        }}
      />
    </div>
  );
}

function Conflicts({ file }: { file: TAdminVerification }) {
  const { t } = useTranslation('admin');
  const { moment } = useFormatters();
  const resolve = useResolveConflict(file.id);
  if (file.conflicts.length === 0)
    return <p className="text-slate-700 text-sm">{t('verifications.detail.noConflicts')}</p>;
  return (
    <>
      <p className="mb-3 text-slate-700 text-sm">{t('verifications.detail.conflictsIntro')}</p>
      <ul className="flex flex-col gap-3">
        {file.conflicts.map((conflict) => (
          <li key={conflict.id} className="rounded-xl bg-maple-50 p-3 text-sm ring-1 ring-maple-100">
            <p className="font-semibold text-slate-900">{conflict.claimant.name}</p>
            <p className="break-words text-slate-800">
              {conflict.claimant.email}
              {conflict.claimant.organisationName && ` · ${conflict.claimant.organisationName}`}
            </p>
            <p className="text-slate-700">
              {t('verifications.detail.conflictAt', {
                licence: conflict.licenceNumber,
                date: moment(conflict.at),
              })}
            </p>
            {conflict.claimant.userId ? (
              <p className="text-slate-700">{t('verifications.detail.claimantHasAccount')}</p>
            ) : (
              <p className="text-slate-700">{t('verifications.detail.claimantNoAccount')}</p>
            )}
            {conflict.resolvedAt ? (
              <p className="mt-1 font-medium text-emerald-800">
                {t('verifications.detail.resolvedAt', { date: moment(conflict.resolvedAt) })}
              </p>
            ) : (
              <Button
                variant="secondary"
                size="sm"
                className="mt-2"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate(conflict.id)}
              >
                {t('verifications.detail.resolve')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <ServerErrorAlert error={resolve.error} className="mt-3" />
    </>
  );
}
