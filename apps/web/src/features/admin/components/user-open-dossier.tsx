import type { TAdminDossierSummary } from '@capitune/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Textarea } from '../../../components/ui/textarea';
import { fieldErrorsOf, translateMessage } from '../../../lib/form-errors';
import { useActOnUser } from '../api/act-on-user';
import { useAdminFormatters } from './user-formatters';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REASON_MIN = 10;

/** A sensitive read: the reason is typed first, and the look is audited; the answer is a summary. */
export function UserOpenDossier({ userId }: { userId: string }) {
  const { t } = useTranslation(['admin-users', 'forms']);
  const { moment, language } = useAdminFormatters();
  const act = useActOnUser(userId);
  const summaryId = useId();
  const summaryRef = useRef<HTMLElement>(null);
  const [dossierId, setDossierId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ dossierId?: string; reason?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [summary, setSummary] = useState<TAdminDossierSummary | null>(null);

  async function open(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const next: typeof errors = {};
    if (!dossierId.trim()) next.dossierId = 'i18n:{"key":"forms:validation.required"}';
    else if (!uuidPattern.test(dossierId.trim())) next.dossierId = 'i18n:{"key":"forms:validation.format"}';
    if (!reason.trim()) next.reason = 'i18n:{"key":"forms:validation.required"}';
    else if (reason.trim().length < REASON_MIN)
      next.reason = `i18n:{"key":"forms:validation.tooShort","params":{"count":${REASON_MIN}}}`;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      const result = await act.mutateAsync({
        action: 'open_dossier',
        dossierId: dossierId.trim(),
        reason: reason.trim(),
      });
      if (result.kind === 'dossier') {
        setSummary(result.dossier);
        setReason('');
        window.setTimeout(() => summaryRef.current?.focus(), 0);
      }
    } catch (caught) {
      const mapped = fieldErrorsOf(caught, ['dossierId', 'reason']);
      if (mapped.length > 0) setErrors(Object.fromEntries(mapped.map((item) => [item.name, item.message])));
      else setError(caught);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700 text-sm">{t('actions.dossier.intro')}</p>
      <form noValidate onSubmit={open} className="flex flex-col gap-3">
        <Input
          label={t('actions.dossier.id')}
          required
          value={dossierId}
          maxLength={36}
          autoCapitalize="none"
          error={translateMessage(t, errors.dossierId)}
          onChange={(event) => setDossierId(event.target.value)}
        />
        <Textarea
          label={t('actions.dossier.reason')}
          hint={t('actions.dossier.reasonHint')}
          required
          rows={2}
          maxLength={1000}
          value={reason}
          error={translateMessage(t, errors.reason)}
          onChange={(event) => setReason(event.target.value)}
        />
        <Button type="submit" variant="secondary" className="self-start" disabled={act.isPending}>
          {t('actions.dossier.submit')}
        </Button>
      </form>
      <ServerErrorAlert error={error} />
      {summary && (
        <section
          ref={summaryRef}
          tabIndex={-1}
          aria-labelledby={summaryId}
          className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200"
        >
          <h4 id={summaryId} className="font-semibold text-slate-900">
            {t('actions.dossier.summary')}
          </h4>
          <p className="mt-1 text-emerald-800">{t('actions.done.open_dossier')}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-600">{t('actions.dossier.program')}</dt>
            <dd className="font-medium">{summary.programName[language]}</dd>
            <dt className="text-slate-600">{t('actions.dossier.status')}</dt>
            <dd className="font-medium">{t(`dossierStatuses.${summary.status}`)}</dd>
            <dt className="text-slate-600">{t('actions.dossier.owner')}</dt>
            <dd className="font-medium">
              {summary.owner.firstName} {summary.owner.lastName}
            </dd>
            <dt className="text-slate-600">{t('actions.dossier.firm')}</dt>
            <dd className="font-medium">{summary.firm?.name ?? t('users.none')}</dd>
            <dt className="text-slate-600">{t('actions.dossier.documents')}</dt>
            <dd className="font-medium">{summary.documentCount}</dd>
            <dt className="text-slate-600">{t('actions.dossier.messages')}</dt>
            <dd className="font-medium">{summary.messageCount}</dd>
            <dt className="text-slate-600">{t('actions.dossier.created')}</dt>
            <dd className="font-medium">{moment(summary.createdAt)}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}
