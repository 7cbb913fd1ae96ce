import type { TEventSummary } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon } from '../../../components/ui/icons';
import { cn } from '../../../lib/cn';
import { formatDay, formatMonth, formatTime, weekdayNames } from '../lib/format-event';
import {
  buildMonthGrid,
  DEFAULT_WEEK_START,
  eventsByDay,
  type GridDay,
  startsOn,
  type YearMonth,
} from '../lib/month-grid';
import type { PlainDate } from '../lib/zoned-time';
import { LanguageBadge, StatusBadge } from './event-badges';

interface MonthCalendarProps {
  month: YearMonth;
  today: PlainDate;
  events: readonly TEventSummary[];
  timeZone: string;
}

/**
 * A month: a table of weeks on wider screens (a caption, a header per weekday, each day's webinars as
 * links), and the days that have webinars as a list on phones. Times are in the viewer's zone.
 */
export function MonthCalendar({ month, today, events, timeZone }: MonthCalendarProps) {
  const { t, i18n } = useTranslation('live');
  const language = i18n.language;
  const grid = useMemo(() => buildMonthGrid(month, today, DEFAULT_WEEK_START), [month, today]);
  const byDay = useMemo(() => eventsByDay(events, timeZone), [events, timeZone]);
  const weekdays = useMemo(() => weekdayNames(language, DEFAULT_WEEK_START), [language]);
  const monthLabel = formatMonth(month.year, month.month, language);
  const daysWithEvents = grid.weeks.flat().filter((day) => day.inMonth && byDay.has(day.key));

  return (
    <div>
      <table className="hidden w-full table-fixed border-collapse sm:table">
        <caption className="sr-only">{t('calendar.caption', { month: monthLabel })}</caption>
        <thead>
          <tr>
            {weekdays.map((weekday) => (
              <th
                key={weekday.long}
                scope="col"
                className="pb-2 text-center font-semibold text-slate-700 text-sm"
              >
                <span aria-hidden="true">{weekday.short}</span>
                <span className="sr-only">{weekday.long}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.weeks.map((week) => (
            <tr key={week[0]?.key}>
              {week.map((day) => (
                <DayCell key={day.key} day={day} events={byDay.get(day.key) ?? []} timeZone={timeZone} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <div className="sm:hidden">
        {daysWithEvents.length === 0 ? (
          <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">
            {t('calendar.emptyMonth', { month: monthLabel })}
          </p>
        ) : (
          <ol className="flex flex-col gap-4" aria-label={t('calendar.caption', { month: monthLabel })}>
            {daysWithEvents.map((day) => (
              <li key={day.key} className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
                <h3 className="font-semibold text-brand-950 first-letter:uppercase">
                  {formatDay(day.date, language)}
                  {day.isToday && (
                    <span className="font-normal text-slate-700"> · {t('calendar.today')}</span>
                  )}
                </h3>
                <ul className="mt-2 flex flex-col gap-2">
                  {(byDay.get(day.key) ?? []).map((event) => (
                    <li key={event.id}>
                      <EventLink event={event} day={day.date} timeZone={timeZone} roomy />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

function DayCell({ day, events, timeZone }: { day: GridDay; events: TEventSummary[]; timeZone: string }) {
  const { t, i18n } = useTranslation('live');
  return (
    <td
      aria-current={day.isToday ? 'date' : undefined}
      className={cn('h-28 border border-slate-200 p-1.5 align-top', day.inMonth ? 'bg-white' : 'bg-slate-50')}
    >
      <p className="flex justify-end">
        <span
          aria-hidden="true"
          className={cn(
            'inline-flex size-7 items-center justify-center rounded-full text-sm',
            day.isToday && 'bg-brand-800 font-semibold text-white',
            !day.isToday && (day.inMonth ? 'text-slate-900' : 'text-slate-600'),
          )}
        >
          {day.date.day}
        </span>
        <span className="sr-only">
          {formatDay(day.date, i18n.language, true)}
          {day.isToday && `, ${t('calendar.today')}`}
        </span>
      </p>
      {events.length > 0 && (
        <ul className="mt-1 flex flex-col gap-1">
          {events.map((event) => (
            <li key={event.id}>
              <EventLink event={event} day={day.date} timeZone={timeZone} />
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

/** One webinar on a day: its time (or "continued"), its title, and the viewer's registration. */
function EventLink({
  event,
  day,
  timeZone,
  roomy = false,
}: {
  event: TEventSummary;
  day: PlainDate;
  timeZone: string;
  roomy?: boolean;
}) {
  const { t, i18n } = useTranslation('live');
  const starts = startsOn(event.startsAt, day, timeZone);
  const inactive = event.status === 'cancelled' || event.status === 'draft';
  return (
    <Link
      to="/live/$id"
      params={{ id: event.id }}
      className={cn(
        'block rounded-md no-underline hover:bg-brand-100',
        inactive ? 'bg-slate-100 text-slate-700' : 'bg-brand-50 text-brand-950',
        roomy ? 'min-h-11 px-3 py-2' : 'px-1.5 py-1 text-xs leading-snug',
      )}
    >
      <span className="font-semibold">
        {starts
          ? roomy
            ? `${formatTime(event.startsAt, i18n.language, timeZone)} – ${formatTime(event.endsAt, i18n.language, timeZone)}`
            : formatTime(event.startsAt, i18n.language, timeZone)
          : t('calendar.continued')}
      </span>{' '}
      {event.myRegistration === 'registered' && (
        <>
          <CheckIcon className="inline size-3.5 align-[-2px]" />
          <span className="sr-only">{t('badges.registered')}, </span>
        </>
      )}
      {event.myRegistration === 'waitlisted' && <span className="sr-only">{t('badges.waitlisted')}, </span>}
      {inactive && <span className="font-medium">[{t(`status.${event.status}`)}] </span>}
      <span
        className={cn(
          roomy ? 'block' : 'line-clamp-3 break-words',
          event.status === 'cancelled' && 'line-through',
        )}
      >
        {event.title}
      </span>
      {roomy && (
        <span className="mt-1 flex flex-wrap gap-1.5">
          <LanguageBadge language={event.language} />
          {(event.status === 'live' || event.status === 'ended') && <StatusBadge status={event.status} />}
        </span>
      )}
    </Link>
  );
}
