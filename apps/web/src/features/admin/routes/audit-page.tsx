import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDownloadAudit } from '../api/download-audit';
import { useAuditEntries } from '../api/list-audit';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { AuditChainPanel } from '../components/audit-chain-panel';
import { AuditCards, AuditTable } from '../components/audit-entries';
import { type AuditSearch, toAuditFilter, validateAuditSearch } from './audit-search';

const route = getRouteApi('/admin/audit');

export function AuditPage() {
  return (
    <AdminGate>
      <Audit />
    </AdminGate>
  );
}

/** `/admin/audit`: the audit log, filtered from the URL, its export, and the check of its chain. */
function Audit() {
  const { t } = useTranslation('admin-audit');
  usePageMeta(t('metaTitle'));
  const search = route.useSearch();
  // Each search has its own form values.
  const searchKey = JSON.stringify(search);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <h1 className="mt-6 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">{t('intro')}</p>
      <AuditChainPanel className="mt-6" />
      <AuditFilters key={`filters-${searchKey}`} search={search} />
      <AuditResults key={`results-${searchKey}`} search={search} />
    </div>
  );
}

function AuditFilters({ search }: { search: AuditSearch }) {
  const { t } = useTranslation('admin-audit');
  const navigate = route.useNavigate();
  const [values, setValues] = useState({
    actor: search.actor ?? '',
    action: search.action ?? '',
    target: search.target ?? '',
    firm: search.firm ?? '',
    from: search.from ?? '',
    to: search.to ?? '',
  });
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [name]: event.target.value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void navigate({ search: validateAuditSearch(values) });
  }

  const text = { autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false } as const;
  return (
    <search aria-label={t('filters.label')}>
      <form noValidate onSubmit={onSubmit} className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
        <Input
          label={t('filters.actor')}
          hint={t('filters.actorHint')}
          value={values.actor}
          maxLength={254}
          onChange={set('actor')}
          className="lg:col-span-2"
          {...text}
        />
        <Input
          label={t('filters.action')}
          hint={t('filters.actionHint')}
          value={values.action}
          maxLength={100}
          onChange={set('action')}
          className="lg:col-span-2"
          {...text}
        />
        <Input
          label={t('filters.from')}
          type="date"
          value={values.from}
          onChange={set('from')}
          className="lg:col-span-1"
        />
        <Input
          label={t('filters.to')}
          type="date"
          value={values.to}
          onChange={set('to')}
          className="lg:col-span-1"
        />
        <Input
          label={t('filters.target')}
          hint={t('filters.targetHint')}
          value={values.target}
          maxLength={36}
          onChange={set('target')}
          className="lg:col-span-3"
          {...text}
        />
        <Input
          label={t('filters.firm')}
          hint={t('filters.firmHint')}
          value={values.firm}
          maxLength={36}
          onChange={set('firm')}
          className="lg:col-span-3"
          {...text}
        />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
          <Button type="submit">{t('filters.apply')}</Button>
          <ButtonLink to="/admin/audit" search={{}} variant="ghost">
            {t('filters.reset')}
          </ButtonLink>
        </div>
      </form>
    </search>
  );
}

function AuditResults({ search }: { search: AuditSearch }) {
  const { t } = useTranslation('admin-audit');
  const filter = useMemo(() => toAuditFilter(search), [search]);
  const entries = useAuditEntries(filter);
  const download = useDownloadAudit();
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const resultsId = useId();

  function onDownload() {
    const date = new Date().toISOString().slice(0, 10);
    download.mutate({ filter, fileName: t('export.fileName', { date }) });
  }

  return (
    <section aria-labelledby={`${resultsId}-heading`} className="mt-8">
      <h2 id={`${resultsId}-heading`} className="sr-only">
        {t('list.label')}
      </h2>
      <div className="flex flex-col gap-2 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 sm:flex-row sm:items-center">
        <p className="text-slate-700 text-sm sm:me-auto">{t('export.hint')}</p>
        <Button variant="secondary" size="sm" disabled={download.isPending} onClick={onDownload}>
          {download.isPending ? t('export.downloading') : t('export.download')}
        </Button>
      </div>
      {download.isError && <ServerErrorAlert error={download.error} className="mt-3" />}
      {entries.isPending && <Spinner label={t('list.loading')} className="mt-6" />}
      {entries.isError && <ServerErrorAlert error={entries.error} className="mt-6" />}
      {entries.isSuccess && items.length === 0 && (
        <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">{t('list.empty')}</p>
      )}
      {items.length > 0 && (
        <>
          <AuditTable id={resultsId} items={items} />
          <AuditCards id={`${resultsId}-cards`} items={items} />
        </>
      )}
      {entries.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={entries.isFetchingNextPage}
            aria-controls={`${resultsId} ${resultsId}-cards`}
            onClick={() => void entries.fetchNextPage()}
          >
            {t('list.loadMore')}
          </Button>
        </div>
      )}
    </section>
  );
}
