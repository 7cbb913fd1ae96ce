import type { TDestruction, TRetentionOverview, TRetentionRuleId } from '@capitune/contracts';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useRetention } from '../api/get-retention';
import { useDestructions } from '../api/list-destructions';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { formatIsoDuration } from '../components/privacy-format';
import { useAdminFormatters } from '../components/user-formatters';
import { type RetentionSearch, ruleIds } from './privacy-search';

const route = getRouteApi('/admin/privacy/retention');

export function RetentionPage() {
  return (
    <AdminGate>
      <Retention />
    </AdminGate>
  );
}

const cell = 'px-3 py-3 align-top';

/**
 * A wide table scrolls inside its own box on a phone, never the page: the box is focusable (so the
 * keyboard scrolls it) and named after the table.
 */
function ScrollBox({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={labelledBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      className="mt-4 overflow-x-auto rounded-xl ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-700"
    >
      {children}
    </section>
  );
}

/** `/admin/privacy/retention`: the retention rules as they stand, and the destruction register. */
function Retention() {
  const { t } = useTranslation('admin-privacy');
  usePageMeta(t('retention.metaTitle'));
  const search = route.useSearch();
  const overview = useRetention();

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <h1 className="mt-6 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('retention.title')}
      </h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">{t('retention.intro')}</p>
      {overview.isPending && <Spinner label={t('retention.loading')} className="mt-6" />}
      {overview.isError && <ServerErrorAlert error={overview.error} className="mt-6" />}
      {overview.data && <Rules overview={overview.data} />}
      <Register key={search.rule ?? 'all'} search={search} />
    </div>
  );
}

/** A rule's starting point in words, from the code that leads it (`closed_at`…); else as it came. */
function useStartsFrom() {
  const { t, i18n } = useTranslation('admin-privacy');
  return (startsFrom: string) => {
    const code = /^[a-z_]+/.exec(startsFrom)?.[0];
    const key = `retention.startsFrom.${code}`;
    return code && i18n.exists(key, { ns: 'admin-privacy' })
      ? t(key as 'retention.startsFrom.closed_at')
      : startsFrom;
  };
}

function Rules({ overview }: { overview: TRetentionOverview }) {
  const { t } = useTranslation('admin-privacy');
  const { moment, language } = useAdminFormatters();
  const startsFrom = useStartsFrom();
  const headingId = useId();
  const captionId = useId();
  const number = new Intl.NumberFormat(language);
  const count = (value: number | null) =>
    value === null ? t('retention.rules.notCounted') : number.format(value);
  const columns = ['rule', 'period', 'startsFrom', 'mode', 'source', 'due', 'held'] as const;

  return (
    <section aria-labelledby={headingId} className="mt-8">
      <h2 id={headingId} className="font-semibold text-2xl text-slate-900">
        {t('retention.rules.title')}
      </h2>
      <p className="mt-2 text-slate-700">
        {overview.lastRunAt
          ? t('retention.lastRun', { date: moment(overview.lastRunAt) })
          : t('retention.neverRun')}
      </p>
      <ScrollBox labelledBy={captionId}>
        <table className="w-full min-w-[56rem] border-collapse bg-white text-left text-sm">
          <caption id={captionId} className="sr-only">
            {t('retention.rules.caption')}
          </caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" className={cell}>
                  {t(`retention.rules.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.rules.map((rule) => (
              <tr key={rule.id} className="border-slate-200 border-t">
                <th scope="row" className={`${cell} font-semibold text-slate-900`}>
                  {t(`retention.rule.${rule.id}`)}
                </th>
                <td className={`${cell} whitespace-nowrap`}>
                  <span title={rule.period}>{formatIsoDuration(rule.period, language)}</span>
                </td>
                <td className={cell}>{startsFrom(rule.startsFrom)}</td>
                <td className={cell}>
                  {rule.destroyedAutomatically ? t('retention.rules.automatic') : t('retention.rules.manual')}
                </td>
                <td className={`${cell} min-w-64 text-slate-700`}>{rule.source}</td>
                <td className={`${cell} text-end tabular-nums`}>{count(rule.due)}</td>
                <td className={`${cell} text-end tabular-nums`}>{count(rule.held)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

function RecordType({ type }: { type: string }) {
  const { t, i18n } = useTranslation('admin-privacy');
  const key = `retention.recordType.${type}`;
  return i18n.exists(key, { ns: 'admin-privacy' }) ? t(key as 'retention.recordType.dossier') : type;
}

/** The register's short description: a dossier's program and firm, never a person. */
function Detail({ destruction }: { destruction: TDestruction }) {
  const entries = Object.entries(destruction.detail).filter(
    ([, value]) => value !== null && value !== undefined && value !== '',
  );
  if (entries.length === 0 && !destruction.recordId) return <span aria-hidden="true">—</span>;
  return (
    <dl className="flex flex-col gap-0.5">
      {destruction.recordId && (
        <div className="flex flex-wrap gap-x-1">
          <dt className="text-slate-600">id</dt>
          <dd className="break-all font-mono text-xs">{destruction.recordId}</dd>
        </div>
      )}
      {entries.map(([key, value]) => (
        <div key={key} className="flex flex-wrap gap-x-1">
          <dt className="text-slate-600">{key}</dt>
          <dd className="break-all">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Register({ search }: { search: RetentionSearch }) {
  const { t } = useTranslation('admin-privacy');
  const { moment, language } = useAdminFormatters();
  const navigate = route.useNavigate();
  const [rule, setRule] = useState<string>(search.rule ?? '');
  const destructions = useDestructions(search.rule);
  const items = destructions.data?.pages.flatMap((page) => page.items) ?? [];
  const headingId = useId();
  const captionId = useId();
  const tableId = useId();
  const number = new Intl.NumberFormat(language);
  const columns = ['date', 'rule', 'recordType', 'count', 'files', 'detail'] as const;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void navigate({ search: rule ? { rule: rule as TRetentionRuleId } : {} });
  }

  return (
    <section aria-labelledby={headingId} className="mt-12">
      <h2 id={headingId} className="font-semibold text-2xl text-slate-900">
        {t('retention.register.title')}
      </h2>
      <p className="mt-2 max-w-3xl text-slate-700">{t('retention.register.intro')}</p>
      <search aria-label={t('retention.register.filterLabel')}>
        <form noValidate onSubmit={onSubmit} className="mt-4 flex flex-wrap items-end gap-3">
          <Select
            label={t('retention.register.rule')}
            value={rule}
            onChange={(event) => setRule(event.target.value)}
            className="w-full sm:w-96"
          >
            <option value="">{t('retention.register.all')}</option>
            {ruleIds.map((id) => (
              <option key={id} value={id}>
                {t(`retention.rule.${id}`)}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary">
            {t('retention.register.apply')}
          </Button>
        </form>
      </search>
      {destructions.isPending && <Spinner label={t('retention.register.loading')} className="mt-6" />}
      {destructions.isError && <ServerErrorAlert error={destructions.error} className="mt-6" />}
      {destructions.isSuccess && items.length === 0 && (
        <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">
          {search.rule ? t('retention.register.empty') : t('retention.register.emptyAll')}
        </p>
      )}
      {items.length > 0 && (
        <ScrollBox labelledBy={captionId}>
          <table id={tableId} className="w-full min-w-[48rem] border-collapse bg-white text-left text-sm">
            <caption id={captionId} className="sr-only">
              {t('retention.register.caption')}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col" className={cell}>
                    {t(`retention.register.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((destruction) => (
                <tr key={destruction.id} className="border-slate-200 border-t">
                  <th scope="row" className={`${cell} whitespace-nowrap font-normal`}>
                    <time dateTime={destruction.destroyedAt}>{moment(destruction.destroyedAt)}</time>
                  </th>
                  <td className={cell}>{t(`retention.rule.${destruction.rule}`)}</td>
                  <td className={cell}>
                    <RecordType type={destruction.recordType} />
                  </td>
                  <td className={`${cell} text-end tabular-nums`}>{number.format(destruction.count)}</td>
                  <td className={`${cell} text-end tabular-nums`}>{number.format(destruction.files)}</td>
                  <td className={`${cell} min-w-56`}>
                    <Detail destruction={destruction} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {destructions.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={destructions.isFetchingNextPage}
            aria-controls={tableId}
            onClick={() => void destructions.fetchNextPage()}
          >
            {t('retention.register.loadMore')}
          </Button>
        </div>
      )}
    </section>
  );
}
