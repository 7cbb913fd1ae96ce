import { regulatorInfo, verificationQueues } from '@capitune/contracts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';
import { formatDay } from '../../../lib/dossiers/dates';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useVerifications } from '../api/get-verifications';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { VerificationStatusBadge } from '../components/verification-status-badge';

const route = getRouteApi('/admin/verifications');

export function VerificationsPage() {
  return (
    <AdminGate>
      <VerificationQueue />
    </AdminGate>
  );
}

const tabClasses =
  'inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-3 font-medium text-slate-700 no-underline hover:bg-brand-50 hover:text-brand-900';

/** `/admin/verifications?queue=&q=`: the files waiting for the team, one queue at a time. */
function VerificationQueue() {
  const { t, i18n } = useTranslation('admin');
  usePageMeta(t('verifications.metaTitle'));
  const { queue = 'pending', q = '' } = route.useSearch();
  const navigate = route.useNavigate();
  const [search, setSearch] = useState(q);
  const listId = useId();
  const files = useVerifications(queue, q);
  const items = files.data?.pages.flatMap((page) => page.items) ?? [];
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';

  function onSearch(event: FormEvent) {
    event.preventDefault();
    const next = search.trim();
    void navigate({ search: (previous) => ({ ...previous, q: next || undefined }) });
  }

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <h1 className="mt-6 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('verifications.title')}
      </h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">{t('verifications.intro')}</p>

      <nav aria-label={t('verifications.queuesLabel')} className="mt-6">
        <ul className="flex flex-wrap gap-1 border-slate-200 border-b pb-2">
          {verificationQueues.map((value) => (
            <li key={value}>
              <Link
                to="/admin/verifications"
                search={(previous) => ({ ...previous, queue: value })}
                className={cn(
                  tabClasses,
                  value === queue && 'bg-brand-50 text-brand-900 ring-1 ring-brand-200',
                )}
                aria-current={value === queue ? 'page' : undefined}
              >
                {t(`verifications.queues.${value}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="mt-3 text-slate-700 text-sm">{t(`verifications.queueHints.${queue}`)}</p>

      <search>
        <form noValidate onSubmit={onSearch} className="mt-4 flex flex-wrap items-end gap-3">
          <Input
            label={t('verifications.search')}
            hint={t('verifications.searchHint')}
            type="search"
            value={search}
            maxLength={100}
            onChange={(event) => setSearch(event.target.value)}
            className="min-w-0 flex-1 basis-64"
          />
          <Button type="submit" variant="secondary">
            {t('verifications.searchSubmit')}
          </Button>
        </form>
      </search>

      {files.isPending && <Spinner label={t('verifications.loading')} className="mt-6" />}
      {files.isError && <ServerErrorAlert error={files.error} className="mt-6" />}
      {files.isSuccess && items.length === 0 && (
        <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">
          {q ? t('verifications.emptySearch', { q }) : t('verifications.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul id={listId} aria-label={t(`verifications.queues.${queue}`)} className="mt-6 flex flex-col gap-3">
          {items.map((item) => (
            <li key={item.id}>
              <article className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
                <div className="flex flex-wrap items-center gap-2">
                  <VerificationStatusBadge status={item.status} submitted={item.submittedAt !== null} />
                  {item.openConflicts > 0 && (
                    <Badge tone="danger">
                      {t('verifications.conflictsCount', { count: item.openConflicts })}
                    </Badge>
                  )}
                  {item.appealed && <Badge tone="warning">{t('verifications.appealed')}</Badge>}
                </div>
                <h2 className="mt-2 font-semibold text-lg">
                  <Link
                    to="/admin/verifications/$id"
                    params={{ id: item.id }}
                    className="text-brand-900 underline-offset-2 hover:underline"
                  >
                    {item.pro.firstName} {item.pro.lastName}
                  </Link>
                </h2>
                <p className="break-words text-slate-700 text-sm">
                  {item.pro.email}
                  {item.organisation && ` · ${item.organisation.name}`}
                </p>
                <p className="mt-1 text-slate-800 text-sm">
                  {t(`verifications.professions.${item.profession}`)} ·{' '}
                  {regulatorInfo[item.regulator].name[language]}
                  {item.licenceNumber && ` · ${item.licenceNumber}`}
                </p>
                <p className="mt-1 text-slate-600 text-sm">
                  {item.submittedAt
                    ? t('verifications.submittedAt', { date: formatDateTime(item.submittedAt, language) })
                    : t('verifications.notSubmitted')}
                  {' · '}
                  {t('verifications.referencesCount', {
                    confirmed: item.referencesConfirmed,
                    waiting: item.referencesWaiting,
                  })}
                  {item.renewalDate &&
                    ` · ${t('verifications.renewal', { date: formatDay(item.renewalDate, language) })}`}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
      {files.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={files.isFetchingNextPage}
            aria-controls={listId}
            onClick={() => void files.fetchNextPage()}
          >
            {t('verifications.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
