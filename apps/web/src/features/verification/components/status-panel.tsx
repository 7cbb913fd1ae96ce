import type { TMyVerification, TVerificationStatus } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { useSession } from '../../../lib/auth';
import { formatDay } from '../../../lib/dossiers/dates';
import { formatDateTime } from '../../../lib/format';
import { AppealForm } from './appeal-form';

const tones: Record<TVerificationStatus, BadgeTone> = {
  pending: 'warning',
  verified: 'success',
  rejected: 'danger',
  expired: 'warning',
  suspended: 'danger',
  revoked: 'danger',
};

/** Where the file stands: a pending file is "in preparation" until submitted, then "under review". */
export function statusKey(file: Pick<TMyVerification, 'status' | 'submittedAt'>) {
  if (file.status === 'pending') return file.submittedAt ? 'under_review' : 'preparing';
  return file.status;
}

/** The state of the pro's file in words: status, what it means now, the admin's words, the appeal. */
export function StatusPanel({ file, headingId }: { file: TMyVerification; headingId: string }) {
  const { t, i18n } = useTranslation('verification');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const key = statusKey(file);
  const day = (value: string) => formatDay(value, language, 'long');
  const moment = (value: string) => formatDateTime(value, language, user?.timeZone);

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
          {t('status.heading')}
        </h2>
        <Badge tone={file.standing === 'grace' ? 'warning' : tones[file.status]}>
          {file.standing === 'grace' ? t('status.labels.grace') : t(`status.labels.${key}`)}
        </Badge>
      </div>
      <p className="mt-3 text-slate-700">
        {file.standing === 'grace' && file.graceEndsOn
          ? t('status.explain.grace', { date: day(file.graceEndsOn) })
          : t(`status.explain.${key}`)}
      </p>

      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {file.submittedAt && <Fact term={t('status.submittedAt')} value={moment(file.submittedAt)} />}
        {file.verifiedSince && <Fact term={t('status.verifiedSince')} value={moment(file.verifiedSince)} />}
        {file.checkedAt && <Fact term={t('status.checkedAt')} value={moment(file.checkedAt)} />}
        {file.renewalDate && <Fact term={t('status.renewalDate')} value={day(file.renewalDate)} />}
      </dl>

      {file.infoRequest && (
        <Alert tone="warning" live={false} title={t('status.infoRequest')} className="mt-4">
          <p className="whitespace-pre-line">{file.infoRequest}</p>
        </Alert>
      )}
      {file.decisionReason && !file.infoRequest && (
        <Alert
          tone={file.status === 'verified' ? 'info' : 'error'}
          live={false}
          title={t('status.decisionReason')}
          className="mt-4"
        >
          <p className="whitespace-pre-line">{file.decisionReason}</p>
        </Alert>
      )}

      {file.appeal ? (
        <div className="mt-4 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
          <p className="font-medium text-slate-900">{t('appeal.sent', { date: moment(file.appeal.at) })}</p>
          <p className="mt-1 whitespace-pre-line text-slate-700">{file.appeal.text}</p>
        </div>
      ) : (
        file.canAppeal && <AppealForm />
      )}
    </section>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-slate-600">{term}</dt>
      <dd className="font-medium text-slate-900">{value}</dd>
    </div>
  );
}
