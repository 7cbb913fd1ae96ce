import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../lib/cn';
import { useVerifyAudit } from '../api/verify-audit';
import { useAdminFormatters } from './user-formatters';

/** Whether the log's hash chain is intact, checked when the admin asks; the result is announced. */
export function AuditChainPanel({ className }: { className?: string }) {
  const { t } = useTranslation('admin-audit');
  const { moment } = useAdminFormatters();
  const verify = useVerifyAudit();
  const headingId = useId();
  const status = verify.data;

  return (
    <section
      aria-labelledby={headingId}
      className={cn('rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5', className)}
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="me-auto font-semibold text-brand-950 text-lg">
          {t('chain.title')}
        </h2>
        <Button variant="secondary" size="sm" disabled={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? t('chain.verifying') : t('chain.verify')}
        </Button>
      </div>
      <div role="status" aria-live="polite" className="mt-3">
        {!status && !verify.isPending && <p className="text-slate-700">{t('chain.notChecked')}</p>}
        {verify.isPending && <p className="text-slate-700">{t('chain.verifying')}</p>}
        {status && !verify.isPending && (
          <div
            className={cn(
              'rounded-xl px-4 py-3',
              status.intact ? 'bg-emerald-50 text-emerald-900' : 'bg-maple-50 text-maple-900',
            )}
          >
            <p className="font-semibold">
              {status.firstBreak
                ? t('chain.broken', { seq: status.firstBreak.seq })
                : t('chain.intact', { count: status.checked })}
            </p>
            {status.firstBreak && <p className="mt-1">{t(`chain.reasons.${status.firstBreak.reason}`)}</p>}
            <p className="mt-1 text-sm">{t('chain.checkedAt', { date: moment(status.verifiedAt) })}</p>
          </div>
        )}
      </div>
      {verify.isError && <ServerErrorAlert error={verify.error} className="mt-3" />}
    </section>
  );
}
