import type { TBatch } from '@capitune/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useBatch } from '../api/get-batch';
import { batchKeys } from '../api/keys';
import { useBatchTargets } from '../api/list-batch-targets';
import { useUndoBatch } from '../api/undo-batch';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { BatchStatusBadge } from '../components/batch-badges';
import { BatchProgress } from '../components/batch-progress';
import { UserStatusBadge } from '../components/user-badges';
import { useAdminFormatters } from '../components/user-formatters';

const route = getRouteApi('/admin/batches/$id');

export function BatchPage() {
  return (
    <AdminGate>
      <BatchDetail />
    </AdminGate>
  );
}

/** `/admin/batches/$id`: a batch's progress (asked every second while it runs), outcome and undo. */
function BatchDetail() {
  const { t } = useTranslation('admin-users');
  usePageMeta(t('batch.metaTitle'));
  const { id } = route.useParams();
  const batch = useBatch(id);
  const queryClient = useQueryClient();
  const status = batch.data?.status;

  // Each person's outcome is written as the batch goes: read them again once it has moved on.
  const seenStatus = useRef(status);
  useEffect(() => {
    if (seenStatus.current && status && seenStatus.current !== status) {
      void queryClient.invalidateQueries({ queryKey: batchKeys.targets(id) });
    }
    seenStatus.current = status;
  }, [status, id, queryClient]);

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <Link
        to="/admin/batches"
        className="mt-4 inline-flex min-h-11 items-center font-medium text-brand-800 underline"
      >
        {t('batch.back')}
      </Link>
      {batch.isPending && <Spinner label={t('batch.loading')} className="mt-6" />}
      {batch.isError && <ServerErrorAlert error={batch.error} className="mt-6" />}
      {batch.data && <Batch batch={batch.data} />}
    </div>
  );
}

function Batch({ batch }: { batch: TBatch }) {
  const { t } = useTranslation('admin-users');
  const { moment } = useAdminFormatters();
  const ids = { outcome: useId(), asked: useId(), targets: useId() };
  const params = batch.params;

  return (
    <>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
          {t('batch.title', { action: t(`batchActions.${batch.action}`) })}
        </h1>
        <BatchStatusBadge status={batch.status} />
      </div>
      <p className="mt-2 text-slate-700">
        {t('batch.created', { name: batch.createdBy.name, date: moment(batch.createdAt) })}
        {batch.startedAt && ` · ${t('batch.started', { date: moment(batch.startedAt) })}`}
        {batch.finishedAt && ` · ${t('batch.finished', { date: moment(batch.finishedAt) })}`}
      </p>

      {batch.status === 'dry_run' && (
        <Alert tone="info" live={false} className="mt-4">
          {t('batch.dryRunNote')}
        </Alert>
      )}
      {batch.error && (
        <Alert tone="error" live={false} className="mt-4">
          {t('batch.error', { error: batch.error })}
        </Alert>
      )}

      <Panel headingId={ids.outcome} title={t('batch.summary')}>
        {batch.status !== 'dry_run' && <BatchProgress batch={batch} />}
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Count term={t('batch.count')} value={batch.count} />
          <Count term={t('batch.processed')} value={batch.processed} />
          <Count term={t('batch.skipped')} value={batch.skipped} />
          <Count term={t('batch.undone')} value={batch.undone} />
        </dl>
        <Undo batch={batch} />
      </Panel>

      <Panel headingId={ids.asked} title={t('batch.asked')}>
        <ul className="flex flex-col gap-1 text-slate-800 text-sm">
          {params.userIdCount !== null && <li>{t('batch.byIds', { count: params.userIdCount })}</li>}
          {params.filter && <FilterSummary filter={params.filter} />}
          {params.reason && (
            <li className="whitespace-pre-line">{t('batch.reason', { value: params.reason })}</li>
          )}
          {params.until && <li>{t('batch.until', { value: moment(params.until) })}</li>}
          {params.tag && <li>{t('batch.tag', { value: params.tag })}</li>}
          {params.subjects && <li>{t('batch.subjects', params.subjects)}</li>}
        </ul>
      </Panel>

      <Panel headingId={ids.targets} title={t('batch.targets')}>
        <Targets batchId={batch.id} listLabelId={ids.targets} />
      </Panel>
    </>
  );
}

function FilterSummary({ filter }: { filter: NonNullable<TBatch['params']['filter']> }) {
  const { t } = useTranslation('admin-users');
  const { day } = useAdminFormatters();
  const parts: string[] = [];
  if (filter.q) parts.push(t('batchNew.filter.q', { value: filter.q }));
  if (filter.role) parts.push(t('batchNew.filter.role', { value: t(`roles.${filter.role}`) }));
  if (filter.status) parts.push(t('batchNew.filter.status', { value: t(`statuses.${filter.status}`) }));
  if (filter.tag) parts.push(t('batchNew.filter.tag', { value: filter.tag }));
  if (filter.signedUpFrom) parts.push(t('batchNew.filter.signedUpFrom', { value: day(filter.signedUpFrom) }));
  if (filter.signedUpTo) parts.push(t('batchNew.filter.signedUpTo', { value: day(filter.signedUpTo) }));
  if (parts.length === 0) return <li>{t('batchNew.everyone')}</li>;
  return (
    <>
      {parts.map((part) => (
        <li key={part}>{part}</li>
      ))}
    </>
  );
}

function Undo({ batch }: { batch: TBatch }) {
  const { t } = useTranslation('admin-users');
  const { moment } = useAdminFormatters();
  const undo = useUndoBatch(batch.id);
  const [started, setStarted] = useState(false);
  return (
    <div aria-live="polite" className="mt-4">
      {started && (
        <Alert tone="success" live={false} className="mb-3">
          {t('batch.undoStarted')}
        </Alert>
      )}
      {batch.canUndo && (
        <div className="flex flex-col items-start gap-2">
          {batch.undoUntil && (
            <p className="text-slate-700 text-sm">
              {t('batch.undoUntil', { date: moment(batch.undoUntil) })}
            </p>
          )}
          <ConfirmDialog
            trigger={<Button variant="secondary">{t('batch.undo')}</Button>}
            title={t('batch.undoTitle')}
            description={t('batch.undoBody')}
            confirmLabel={t('batch.undoConfirm')}
            cancelLabel={t('batch.undoKeep')}
            onConfirm={async () => {
              await undo.mutateAsync();
              setStarted(true);
            }}
          />
        </div>
      )}
    </div>
  );
}

function Targets({ batchId, listLabelId }: { batchId: string; listLabelId: string }) {
  const { t } = useTranslation('admin-users');
  const targets = useBatchTargets(batchId);
  const items = targets.data?.pages.flatMap((page) => page.items) ?? [];
  const listId = useId();
  if (targets.isPending) return <Spinner label={t('batch.targetsLoading')} />;
  if (targets.isError) return <ServerErrorAlert error={targets.error} />;
  return (
    <>
      <ol id={listId} aria-labelledby={listLabelId} className="flex flex-col gap-2 text-sm">
        {items.map((target) => (
          <li
            key={target.id}
            className="flex flex-wrap items-center gap-2 border-slate-200 border-b pb-2 last:border-b-0"
          >
            <Link
              to="/admin/users/$id"
              params={{ id: target.id }}
              className="font-medium text-brand-900 underline-offset-2 hover:underline"
            >
              {target.firstName} {target.lastName}
            </Link>
            <span className="break-all text-slate-700">{target.email}</span>
            <UserStatusBadge status={target.status} />
            <span className="text-slate-700">· {t(`outcomes.${target.outcome ?? 'pending'}`)}</span>
          </li>
        ))}
      </ol>
      {targets.hasNextPage && (
        <Button
          variant="secondary"
          className="mt-4"
          disabled={targets.isFetchingNextPage}
          aria-controls={listId}
          onClick={() => void targets.fetchNextPage()}
        >
          {t('batch.loadMoreTargets')}
        </Button>
      )}
    </>
  );
}

function Panel({ headingId, title, children }: { headingId: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={headingId}
      className="mt-6 min-w-0 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="mb-3 font-semibold text-lg text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Count({ term, value }: { term: string; value: number }) {
  const { i18n } = useTranslation();
  return (
    <div className="rounded-xl bg-slate-50 p-3">
      <dt className="text-slate-600 text-sm">{term}</dt>
      <dd className="font-semibold text-2xl text-slate-900">
        {new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language).format(value)}
      </dd>
    </div>
  );
}
