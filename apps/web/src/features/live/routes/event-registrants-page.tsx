import type { TRegistrationStatus } from '@capitune/contracts';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';
import { usePageMeta } from '../../../lib/use-page-meta';
import { registrationsCsvPath, useDownloadFile } from '../api/download-file';
import { useEvent } from '../api/get-event';
import { useRegistrations } from '../api/list-registrations';
import { ChevronLeftIcon, DownloadIcon } from '../components/live-icons';
import { formatDateTimeShort, formatEventRange } from '../lib/format-event';
import { useViewerTimeZone } from '../lib/use-viewer-time-zone';

const statuses = ['registered', 'waitlisted', 'cancelled'] as const satisfies readonly TRegistrationStatus[];

/** `/live/:id/registrants`: for its hosts, who registered, who waits, who came; and the CSV export. */
export function EventRegistrantsPage() {
  const { t, i18n } = useTranslation('live');
  const { id } = useParams({ from: '/live/$id/registrants' });
  const timeZone = useViewerTimeZone();
  const language = i18n.language;
  const [status, setStatus] = useState<TRegistrationStatus>('registered');
  const event = useEvent(id);
  const pages = useRegistrations(id, status);
  const exportCsv = useDownloadFile(registrationsCsvPath(id), `inscriptions-${id.slice(0, 8)}.csv`);
  usePageMeta(event.data ? t('registrants.metaTitle', { title: event.data.title }) : t('registrants.title'));

  const counts = pages.first?.counts;
  const items = pages.items;

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-12 lg:px-8">
      <Link
        to="/live/$id"
        params={{ id }}
        className="inline-flex min-h-11 items-center gap-1 rounded-lg font-medium text-brand-800 no-underline hover:underline"
      >
        <ChevronLeftIcon />
        {t('editor.backToEvent')}
      </Link>
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('registrants.title')}
      </h1>
      {event.data && (
        <p className="mt-2 text-lg text-slate-700">
          <span className="font-medium text-slate-900">{event.data.title}</span> —{' '}
          <span className="first-letter:uppercase">
            {formatEventRange(event.data.startsAt, event.data.endsAt, language, timeZone)}
          </span>
        </p>
      )}

      {pages.query.isError ? (
        <ServerErrorAlert error={pages.query.error} className="mt-8" />
      ) : (
        <>
          {counts && (
            <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
              {(['registered', 'waitlisted', 'attended', 'cancelled'] as const).map((key) => (
                <div key={key} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
                  <dt className="text-slate-600 text-sm">{t(`registrants.counts.${key}`)}</dt>
                  <dd className="font-bold text-2xl text-brand-950">{counts[key]}</dd>
                </div>
              ))}
            </dl>
          )}

          <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <fieldset className="flex flex-wrap gap-2">
              <legend className="sr-only">{t('registrants.filterLabel')}</legend>
              {statuses.map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={status === value}
                  onClick={() => setStatus(value)}
                  className={cn(
                    'inline-flex min-h-11 items-center rounded-lg px-4 font-semibold ring-1 ring-inset',
                    status === value
                      ? 'bg-brand-800 text-white ring-brand-800'
                      : 'bg-white text-brand-900 ring-brand-300 hover:bg-brand-50',
                  )}
                >
                  {t(`registrants.tabs.${value}`)}
                </button>
              ))}
            </fieldset>
            <Button variant="secondary" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
              <DownloadIcon />
              {t('registrants.export')}
            </Button>
          </div>
          <ServerErrorAlert error={exportCsv.error} className="mt-3" />

          <div className="mt-6">
            <h2 id="registrants-table-title" className="sr-only">
              {t(`registrants.tabs.${status}`)}
            </h2>
            {pages.query.isPending ? (
              <Spinner label={t('loading')} />
            ) : items.length === 0 ? (
              <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">
                {t(`registrants.empty.${status}`)}
              </p>
            ) : (
              <section
                // A wide table scrolls on its own on phones; focusable so the keyboard can scroll it.
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
                tabIndex={0}
                aria-labelledby="registrants-table-title"
                className="overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
              >
                <table className="w-full min-w-[40rem] text-start text-sm">
                  <thead className="bg-slate-50 text-slate-700">
                    <tr>
                      <th scope="col" className="px-4 py-3 text-start font-semibold">
                        {t('registrants.columns.name')}
                      </th>
                      <th scope="col" className="px-4 py-3 text-start font-semibold">
                        {t('registrants.columns.email')}
                      </th>
                      <th scope="col" className="px-4 py-3 text-start font-semibold">
                        {t('registrants.columns.status')}
                      </th>
                      <th scope="col" className="px-4 py-3 text-start font-semibold">
                        {t('registrants.columns.registeredAt')}
                      </th>
                      <th scope="col" className="px-4 py-3 text-start font-semibold">
                        {t('registrants.columns.attendance')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((registration) => (
                      <tr key={registration.id} className="border-slate-200 border-t">
                        <th scope="row" className="px-4 py-3 text-start font-medium text-slate-900">
                          {registration.user.firstName} {registration.user.lastName}
                        </th>
                        <td className="break-all px-4 py-3 text-slate-800">{registration.user.email}</td>
                        <td className="px-4 py-3 text-slate-800">
                          {registration.status === 'waitlisted'
                            ? t('registrants.position', { position: registration.waitlistPosition ?? 1 })
                            : t(`registrants.statuses.${registration.status}`)}
                        </td>
                        <td className="px-4 py-3 text-slate-800">
                          {formatDateTimeShort(registration.registeredAt, language, timeZone)}
                        </td>
                        <td className="px-4 py-3 text-slate-800">
                          {registration.attendedAt
                            ? formatDateTimeShort(registration.attendedAt, language, timeZone)
                            : t('registrants.notAttended')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
            <ServerErrorAlert error={pages.moreError} className="mt-4" />
            {pages.hasMore && (
              <Button
                variant="secondary"
                className="mt-4"
                disabled={pages.loadingMore}
                onClick={() => void pages.loadMore()}
              >
                {t('list.more')}
              </Button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
