import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useBatches } from '../api/list-batches';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { BatchStatusBadge } from '../components/batch-badges';
import { useAdminFormatters } from '../components/user-formatters';

export function BatchesPage() {
  return (
    <AdminGate>
      <Batches />
    </AdminGate>
  );
}

/** `/admin/batches`: recent batch operations, newest first. */
function Batches() {
  const { t } = useTranslation('admin-users');
  usePageMeta(t('batches.metaTitle'));
  const { moment } = useAdminFormatters();
  const batches = useBatches();
  const items = batches.data?.pages.flatMap((page) => page.items) ?? [];
  const listId = useId();

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('batches.title')}</h1>
        <ButtonLink to="/admin/users">{t('batches.new')}</ButtonLink>
      </div>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">{t('batches.intro')}</p>

      {batches.isPending && <Spinner label={t('batches.loading')} className="mt-6" />}
      {batches.isError && <ServerErrorAlert error={batches.error} className="mt-6" />}
      {batches.isSuccess && items.length === 0 && (
        <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">
          {t('batches.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul id={listId} aria-label={t('batches.listLabel')} className="mt-6 flex flex-col gap-3">
          {items.map((batch) => (
            <li key={batch.id}>
              <article className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="font-semibold text-lg">
                    <Link
                      to="/admin/batches/$id"
                      params={{ id: batch.id }}
                      className="text-brand-900 underline-offset-2 hover:underline"
                    >
                      {t(`batchActions.${batch.action}`)}
                    </Link>
                  </h2>
                  <BatchStatusBadge status={batch.status} />
                </div>
                <p className="mt-1 text-slate-800 text-sm">
                  {t('batches.people', { count: batch.count })}
                  {batch.status !== 'dry_run' &&
                    ` · ${t('batches.progress', { processed: batch.processed, count: batch.count })}`}
                  {batch.params.subjects && ` · ${batch.params.subjects.fr} / ${batch.params.subjects.en}`}
                  {batch.params.tag && ` · ${batch.params.tag}`}
                </p>
                <p className="mt-1 text-slate-600 text-sm">
                  {t('batches.by', { name: batch.createdBy.name, date: moment(batch.createdAt) })}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
      {batches.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={batches.isFetchingNextPage}
            aria-controls={listId}
            onClick={() => void batches.fetchNextPage()}
          >
            {t('batches.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
