import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useCreateIncident } from '../api/create-incident';
import { useIncidents } from '../api/list-incidents';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { IncidentBadges, missingNotices } from '../components/incident-badges';
import { IncidentForm } from '../components/incident-form';
import { useAdminFormatters } from '../components/user-formatters';
import { type IncidentsSearch, incidentStatuses } from './privacy-search';

const route = getRouteApi('/admin/privacy/incidents');

export function PrivacyIncidentsPage() {
  return (
    <AdminGate>
      <Incidents />
    </AdminGate>
  );
}

/** `/admin/privacy/incidents`: the confidentiality incident register, and the form of a new incident. */
function Incidents() {
  const { t } = useTranslation('admin-privacy');
  usePageMeta(t('incidents.metaTitle'));
  const search = route.useSearch();
  const [creating, setCreating] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
          {t('incidents.title')}
        </h1>
        {!creating && (
          <Button ref={openButton} onClick={() => setCreating(true)}>
            {t('incidents.new')}
          </Button>
        )}
      </div>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">{t('incidents.intro')}</p>
      {creating && (
        <NewIncident
          onCancel={() => {
            setCreating(false);
            // Back to the button that opened the form.
            requestAnimationFrame(() => openButton.current?.focus());
          }}
        />
      )}
      <IncidentFilters key={search.status ?? 'all'} search={search} />
      <IncidentList search={search} />
    </div>
  );
}

function NewIncident({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation('admin-privacy');
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();
  const create = useCreateIncident({
    onSuccess: (incident) =>
      void navigate({ to: '/admin/privacy/incidents/$id', params: { id: incident.id } }),
  });
  // The form appears where the button was: the focus goes to its heading, so it is read from the top.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section
      aria-labelledby={headingId}
      className="mt-8 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} ref={heading} tabIndex={-1} className="font-semibold text-slate-900 text-xl">
        {t('incidents.create.title')}
      </h2>
      <p className="mt-1 mb-4 text-slate-700">{t('incidents.create.intro')}</p>
      <IncidentForm
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body)}
        actions={
          <>
            <SubmitButton pending={create.isPending}>{t('incidents.create.submit')}</SubmitButton>
            <Button variant="ghost" onClick={onCancel}>
              {t('incidents.create.cancel')}
            </Button>
          </>
        }
      />
    </section>
  );
}

function IncidentFilters({ search }: { search: IncidentsSearch }) {
  const { t } = useTranslation('admin-privacy');
  const navigate = route.useNavigate();
  const [status, setStatus] = useState(search.status ?? '');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void navigate({ search: status ? { status: status as IncidentsSearch['status'] } : {} });
  }

  return (
    <search aria-label={t('incidents.filters.label')}>
      <form noValidate onSubmit={onSubmit} className="mt-8 flex flex-wrap items-end gap-3">
        <Select
          label={t('incidents.filters.status')}
          value={status}
          onChange={(event) => setStatus(event.target.value as typeof status)}
          className="w-full sm:w-56"
        >
          <option value="">{t('incidents.filters.all')}</option>
          {incidentStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary">
          {t('incidents.filters.apply')}
        </Button>
      </form>
    </search>
  );
}

function IncidentList({ search }: { search: IncidentsSearch }) {
  const { t } = useTranslation('admin-privacy');
  const { day } = useAdminFormatters();
  const incidents = useIncidents(search.status);
  const items = incidents.data?.pages.flatMap((page) => page.items) ?? [];
  const listId = useId();

  return (
    <>
      {incidents.isPending && <Spinner label={t('incidents.list.loading')} className="mt-6" />}
      {incidents.isError && <ServerErrorAlert error={incidents.error} className="mt-6" />}
      {incidents.isSuccess && items.length === 0 && (
        <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">
          {t('incidents.list.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul id={listId} aria-label={t('incidents.list.label')} className="mt-6 flex flex-col gap-3">
          {items.map((incident) => (
            <li key={incident.id}>
              <article
                aria-labelledby={`${listId}-${incident.id}`}
                className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <h2 id={`${listId}-${incident.id}`} className="min-w-0 break-words font-semibold text-lg">
                    <Link
                      to="/admin/privacy/incidents/$id"
                      params={{ id: incident.id }}
                      className="text-brand-900 underline-offset-2 hover:underline"
                    >
                      {incident.title}
                    </Link>
                  </h2>
                  <IncidentBadges incident={incident} />
                  {missingNotices(incident).length > 0 && (
                    <span className="font-semibold text-maple-700 text-sm">
                      {t('incidents.list.notificationsMissing')}
                    </span>
                  )}
                </div>
                <p className="mt-1 text-slate-800 text-sm">
                  {t(`kind.${incident.kind}`)} ·{' '}
                  {t('incidents.list.discovered', { date: day(incident.discoveredAt) })} ·{' '}
                  {incident.affectedCount === null
                    ? t('incidents.list.affectedUnknown')
                    : t('incidents.list.affected', { count: incident.affectedCount })}
                </p>
                <p className="mt-1 text-slate-600 text-sm">
                  {t('incidents.list.keepUntil', { date: day(incident.keepUntil) })}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
      {incidents.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={incidents.isFetchingNextPage}
            aria-controls={listId}
            onClick={() => void incidents.fetchNextPage()}
          >
            {t('incidents.list.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
