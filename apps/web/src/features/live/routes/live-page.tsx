import { eventCategories, type TEventCategory } from '@capitune/contracts';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { cn } from '../../../lib/cn';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useEventsInRange, useMyUpcomingEvents, useUpcomingEvents } from '../api/list-events';
import { CalendarFeedPanel } from '../components/calendar-feed-panel';
import { EventListItem } from '../components/event-list-item';
import {
  CalendarIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  ListIcon,
  PlusIcon,
} from '../components/live-icons';
import { MonthCalendar } from '../components/month-calendar';
import { describeZone, formatMonth } from '../lib/format-event';
import {
  addMonths,
  buildMonthGrid,
  gridRange,
  monthKey,
  monthOf,
  parseMonthKey,
  type YearMonth,
} from '../lib/month-grid';
import { useViewerTimeZone } from '../lib/use-viewer-time-zone';
import { dateKey, dayIn, type PlainDate, parseDateKey } from '../lib/zoned-time';

const isCategory = (value: string | undefined): value is TEventCategory =>
  (eventCategories as readonly string[]).includes(value ?? '');

/** `/live`: the webinars as a month calendar or an upcoming list, for everyone (signed in or not). */
export function LivePage() {
  const { t, i18n } = useTranslation('live');
  usePageMeta(t('meta.title'), t('meta.description'));
  const search = useSearch({ from: '/live' });
  const navigate = useNavigate({ from: '/live' });
  const { status, user } = useSession();
  const timeZone = useViewerTimeZone();
  const signedIn = status === 'signedIn' && user !== null;
  const canHost = signedIn && (user.role === 'pro' || user.role === 'admin') && user.emailVerified;

  const category = isCategory(search.category) ? search.category : undefined;
  const mine = signedIn && search.mine === true;
  const view = search.view === 'list' ? 'list' : 'calendar';
  // The day in the viewer's zone when the page opened (kept as is until they navigate).
  const todayKey = dateKey(dayIn(Date.now(), timeZone));
  const today = useMemo(() => parseDateKey(todayKey) ?? dayIn(Date.now(), timeZone), [todayKey, timeZone]);
  const month = useMemo(() => parseMonthKey(search.month) ?? monthOf(today), [search.month, today]);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
          <p className="mt-3 max-w-2xl text-lg text-slate-700">{t('intro')}</p>
        </div>
        {canHost && (
          <ButtonLink to="/live/new" variant="primary" className="self-start sm:self-auto">
            <PlusIcon />
            {t('actions.create')}
          </ButtonLink>
        )}
      </div>

      <p className="mt-4 text-slate-700 text-sm">
        {t(signedIn ? 'timeZone.profile' : 'timeZone.browser', {
          zone: describeZone(new Date(), timeZone, i18n.language),
        })}{' '}
        {signedIn && (
          <Link to="/profile" hash="personal" className="font-medium text-brand-700 underline">
            {t('timeZone.change')}
          </Link>
        )}
      </p>

      <div className="mt-6 flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 md:flex-row md:items-end md:justify-between">
        <nav aria-label={t('views.label')} className="flex gap-2">
          <ViewLink view="calendar" current={view} />
          <ViewLink view="list" current={view} />
        </nav>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Select
            label={t('filters.category')}
            value={category ?? ''}
            onChange={(event) =>
              void navigate({
                search: (previous) => ({
                  ...previous,
                  category: event.target.value === '' ? undefined : event.target.value,
                }),
              })
            }
            className="sm:w-64"
          >
            <option value="">{t('filters.allCategories')}</option>
            {eventCategories.map((value) => (
              <option key={value} value={value}>
                {t(`categories.${value}`)}
              </option>
            ))}
          </Select>
          {signedIn && (
            <Checkbox
              label={t('filters.mine')}
              checked={mine}
              onChange={(event) =>
                void navigate({
                  search: (previous) => ({ ...previous, mine: event.target.checked ? true : undefined }),
                })
              }
              className="sm:mb-2.5"
            />
          )}
        </div>
      </div>

      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0">
          {view === 'calendar' ? (
            <CalendarView month={month} today={today} category={category} mine={mine} timeZone={timeZone} />
          ) : mine ? (
            <MyEventsList category={category} timeZone={timeZone} />
          ) : (
            <UpcomingList category={category} timeZone={timeZone} />
          )}
        </div>
        <aside aria-label={t('aside.label')} className="flex flex-col gap-6">
          {signedIn ? (
            <CalendarFeedPanel />
          ) : (
            <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <h2 className="font-semibold text-brand-950 text-lg">{t('aside.joinTitle')}</h2>
              <p className="mt-1 text-slate-700 text-sm">{t('aside.joinBody')}</p>
              <div className="mt-3 flex flex-col gap-2">
                <ButtonLink to="/signup" variant="primary">
                  {t('aside.signup')}
                </ButtonLink>
                <ButtonLink to="/login" search={{ redirect: '/live' }} variant="secondary">
                  {t('aside.login')}
                </ButtonLink>
              </div>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}

function ViewLink({ view, current }: { view: 'calendar' | 'list'; current: 'calendar' | 'list' }) {
  const { t } = useTranslation('live');
  const active = view === current;
  const Icon = view === 'calendar' ? CalendarIcon : ListIcon;
  return (
    <Link
      to="/live"
      search={(previous) => ({ ...previous, view: view === 'list' ? 'list' : undefined })}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'inline-flex min-h-11 items-center gap-2 rounded-lg px-4 py-2 font-semibold no-underline ring-1 ring-inset',
        active
          ? 'bg-brand-800 text-white ring-brand-800'
          : 'bg-white text-brand-900 ring-brand-300 hover:bg-brand-50',
      )}
    >
      <Icon />
      {t(`views.${view}`)}
    </Link>
  );
}

function CalendarView({
  month,
  today,
  category,
  mine,
  timeZone,
}: {
  month: YearMonth;
  today: PlainDate;
  category: TEventCategory | undefined;
  mine: boolean;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation('live');
  const range = useMemo(() => gridRange(buildMonthGrid(month, today), timeZone), [month, today, timeZone]);
  const events = useEventsInRange(range.from, range.to, category);
  const shown = useMemo(
    () => (mine ? (events.data ?? []).filter((event) => event.myRegistration !== null) : (events.data ?? [])),
    [events.data, mine],
  );
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);
  const language = i18n.language;

  return (
    <section aria-labelledby="live-month-title">
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <h2
          id="live-month-title"
          aria-live="polite"
          className="me-auto w-full font-semibold text-2xl text-brand-950 first-letter:uppercase sm:w-auto"
        >
          {formatMonth(month.year, month.month, language)}
        </h2>
        <MonthLink
          month={previous}
          label={t('calendar.previous', { month: formatMonth(previous.year, previous.month, language) })}
        >
          <ChevronLeftIcon />
        </MonthLink>
        <Link
          to="/live"
          search={(current) => ({ ...current, month: undefined })}
          className="inline-flex min-h-11 items-center rounded-lg px-4 font-semibold text-brand-900 no-underline ring-1 ring-brand-300 ring-inset hover:bg-brand-50"
        >
          {t('calendar.today')}
        </Link>
        <MonthLink
          month={next}
          label={t('calendar.next', { month: formatMonth(next.year, next.month, language) })}
        >
          <ChevronRightIcon />
        </MonthLink>
      </div>
      {events.isError && !events.data ? (
        <ServerErrorAlert error={events.error}>
          <Button variant="secondary" className="mt-3" onClick={() => void events.refetch()}>
            {t('retry')}
          </Button>
        </ServerErrorAlert>
      ) : events.isPending ? (
        <Spinner label={t('loading')} />
      ) : (
        <div aria-busy={events.isFetching || undefined}>
          <MonthCalendar month={month} today={today} events={shown} timeZone={timeZone} />
        </div>
      )}
    </section>
  );
}

function MonthLink({ month, label, children }: { month: YearMonth; label: string; children: ReactNode }) {
  return (
    <Link
      to="/live"
      search={(current) => ({ ...current, month: monthKey(month) })}
      aria-label={label}
      title={label}
      className="inline-flex size-11 items-center justify-center rounded-lg text-brand-900 ring-1 ring-brand-300 ring-inset hover:bg-brand-50"
    >
      {children}
    </Link>
  );
}

function UpcomingList({ category, timeZone }: { category: TEventCategory | undefined; timeZone: string }) {
  const { t } = useTranslation('live');
  const pages = useUpcomingEvents(category);
  const items = pages.items;

  return (
    <section aria-labelledby="live-list-title">
      <h2 id="live-list-title" className="mb-4 font-semibold text-2xl text-brand-950">
        {t('list.title')}
      </h2>
      {pages.query.isPending ? (
        <Spinner label={t('loading')} />
      ) : pages.query.isError ? (
        <ServerErrorAlert error={pages.query.error} />
      ) : items.length === 0 ? (
        <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">{t('list.empty')}</p>
      ) : (
        <>
          <ul className="flex flex-col gap-3">
            {items.map((event) => (
              <li key={event.id}>
                <EventListItem event={event} timeZone={timeZone} />
              </li>
            ))}
          </ul>
          <ServerErrorAlert error={pages.moreError} className="mt-4" />
          {pages.hasMore && (
            <Button
              variant="secondary"
              className="mt-4"
              disabled={pages.loadingMore}
              onClick={() => void pages.loadMore()}
            >
              {pages.loadingMore ? t('loading') : t('list.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function MyEventsList({ category, timeZone }: { category: TEventCategory | undefined; timeZone: string }) {
  const { t } = useTranslation('live');
  const mine = useMyUpcomingEvents(category);
  return (
    <section aria-labelledby="live-list-title">
      <h2 id="live-list-title" className="mb-4 font-semibold text-2xl text-brand-950">
        {t('list.mineTitle')}
      </h2>
      {mine.isPending ? (
        <Spinner label={t('loading')} />
      ) : mine.isError ? (
        <ServerErrorAlert error={mine.error} />
      ) : mine.data.length === 0 ? (
        <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">{t('list.mineEmpty')}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {mine.data.map((event) => (
            <li key={event.id}>
              <EventListItem event={event} timeZone={timeZone} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
