import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { isApiError } from '../../../lib/api-error';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useEvent, useRefetchEvent } from '../api/get-event';
import { useRecordAttendance } from '../api/record-attendance';
import { EventDescription, EventFacts, EventHeading, type EventView } from '../components/event-details';
import { ChevronLeftIcon } from '../components/live-icons';
import { RegistrationPanel } from '../components/registration-panel';
import { StreamPanel } from '../components/stream-panel';
import { type StreamPhase, streamPhase } from '../lib/stream-window';
import { useNow } from '../lib/use-now';
import { useViewerTimeZone } from '../lib/use-viewer-time-zone';

/** `/live/:id`: a webinar, its registration, and its stream when open (emails link here). */
export function EventPage() {
  const { t } = useTranslation('live');
  const { id } = useParams({ from: '/live/$id' });
  const refetchEvent = useRefetchEvent(id);
  const { mutateAsync: recordAttendance } = useRecordAttendance(id);
  const timeZone = useViewerTimeZone();
  const event = useEvent(id, {
    // While the stream should be open but is not given yet (the server's clock decides), ask again.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data || data.stream || data.viewer.registration?.status !== 'registered') return false;
      const phase = streamPhase(Date.now(), data);
      return phase === 'open' || phase === 'live' ? 10_000 : false;
    },
  });
  usePageMeta(event.data?.title ?? t('meta.eventTitle'));

  const active =
    event.data !== undefined && event.data.status !== 'cancelled' && event.data.status !== 'draft';
  const now = useNow(1000, active);
  const phase: StreamPhase | null = event.data ? streamPhase(now, event.data) : null;

  // When the phase changes (the stream opens, the session starts or ends), ask the API again, a moment
  // later so that its clock has passed the mark too.
  const lastPhase = useRef<StreamPhase | null>(null);
  useEffect(() => {
    if (!phase) return;
    const previous = lastPhase.current;
    lastPhase.current = phase;
    if (previous === null || previous === phase) return;
    const timer = window.setTimeout(() => void refetchEvent(), 1500);
    return () => window.clearTimeout(timer);
  }, [phase, refetchEvent]);

  // Count the registrant as attending, once, when the page is open during the session.
  const registered = event.data?.viewer.registration?.status === 'registered';
  const attendanceSent = useRef(false);
  useEffect(() => {
    if (phase !== 'live' || !registered || attendanceSent.current) return;
    attendanceSent.current = true;
    recordAttendance().catch(() => {
      attendanceSent.current = false; // try again on the next render in the live phase
    });
  }, [phase, registered, recordAttendance]);

  if (event.isPending) {
    return (
      <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
        <Spinner label={t('loading')} />
      </div>
    );
  }
  if (event.isError) {
    const notFound = isApiError(event.error) && event.error.code === 'NOT_FOUND';
    return (
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
        <h1 className="font-bold text-3xl text-brand-950">
          {notFound ? t('event.notFoundTitle') : t('meta.eventTitle')}
        </h1>
        {notFound ? (
          <p className="mt-3 text-lg text-slate-700">{t('event.notFoundBody')}</p>
        ) : (
          <ServerErrorAlert error={event.error} className="mt-6" />
        )}
        <ButtonLink to="/live" variant="secondary" className="mt-6">
          {t('event.back')}
        </ButtonLink>
      </div>
    );
  }

  const data = event.data;
  const shownStatus =
    data.status === 'draft' || data.status === 'cancelled'
      ? data.status
      : phase === 'live'
        ? 'live'
        : phase === 'ended'
          ? 'ended'
          : 'scheduled';
  const view: EventView = { ...data, status: shownStatus };

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-12 lg:px-8">
      <Link
        to="/live"
        className="inline-flex min-h-11 items-center gap-1 rounded-lg font-medium text-brand-800 no-underline hover:underline"
      >
        <ChevronLeftIcon />
        {t('event.back')}
      </Link>
      {/* Phones read: what and when, the stream, the registration, then the details. */}
      <div className="mt-4 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-8 lg:col-start-1">
          <EventHeading event={view} viewerTimeZone={timeZone} level={1} />
          {phase && <StreamPanel event={data} phase={phase} now={now} viewerTimeZone={timeZone} />}
        </div>
        <aside
          aria-label={t('event.asideLabel')}
          className="flex flex-col gap-6 lg:sticky lg:top-24 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start"
        >
          {phase && <RegistrationPanel event={data} phase={phase} />}
          {data.viewer.canManage && (
            <ManagePanel
              id={data.id}
              seatsTaken={data.seatsTaken}
              waitlist={data.waitlistCount}
              editable={data.status !== 'cancelled'}
            />
          )}
        </aside>
        <div className="flex min-w-0 flex-col gap-8 lg:col-start-1">
          <section aria-labelledby="about-title">
            <h2 id="about-title" className="mb-3 font-semibold text-brand-950 text-xl">
              {t('event.about')}
            </h2>
            <EventDescription description={data.description} />
          </section>
          <section aria-labelledby="details-title">
            <h2 id="details-title" className="mb-3 font-semibold text-brand-950 text-xl">
              {t('event.details')}
            </h2>
            <EventFacts event={view} waitlistCount={data.waitlistCount} />
          </section>
        </div>
      </div>
    </div>
  );
}

function ManagePanel({
  id,
  seatsTaken,
  waitlist,
  editable,
}: {
  id: string;
  seatsTaken: number;
  waitlist: number;
  editable: boolean;
}) {
  const { t } = useTranslation('live');
  return (
    <section aria-labelledby="manage-title" className="rounded-2xl bg-brand-50 p-5 ring-1 ring-brand-200">
      <h2 id="manage-title" className="font-semibold text-brand-950 text-lg">
        {t('manage.title')}
      </h2>
      <p className="mt-1 text-slate-800 text-sm">{t('manage.counts', { count: seatsTaken, waitlist })}</p>
      <div className="mt-3 flex flex-col gap-2">
        {editable && (
          <ButtonLink to="/live/$id/edit" params={{ id }} variant="primary" block>
            {t('manage.edit')}
          </ButtonLink>
        )}
        <ButtonLink to="/live/$id/registrants" params={{ id }} variant="secondary" block>
          {t('manage.registrants')}
        </ButtonLink>
      </div>
    </section>
  );
}
