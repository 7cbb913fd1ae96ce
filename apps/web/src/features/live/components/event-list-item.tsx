import type { TEventSummary } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { formatEventRange } from '../lib/format-event';
import { wallTimeAt } from '../lib/zoned-time';
import { LanguageBadge, SeatBadges, StatusBadge } from './event-badges';
import { hostLine } from './people';

/** A webinar in the list: when (in the viewer's zone), what, who, and the viewer's registration. */
export function EventListItem({ event, timeZone }: { event: TEventSummary; timeZone: string }) {
  const { t, i18n } = useTranslation('live');
  const language = i18n.language;
  const start = wallTimeAt(Date.parse(event.startsAt), timeZone);
  const monthShort = new Intl.DateTimeFormat(language === 'en' ? 'en-CA' : 'fr-CA', {
    month: 'short',
    timeZone,
  }).format(new Date(event.startsAt));

  return (
    <article className="flex gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <div
        aria-hidden="true"
        className="flex w-14 shrink-0 flex-col items-center justify-center self-start rounded-xl bg-brand-50 py-2 text-brand-900"
      >
        <span className="font-bold text-2xl leading-none">{start.day}</span>
        <span className="mt-1 text-xs uppercase">{monthShort}</span>
      </div>
      <div className="min-w-0 flex-1">
        <h3 className="font-semibold text-brand-950 text-lg leading-snug">
          <Link
            to="/live/$id"
            params={{ id: event.id }}
            className={`break-words text-brand-900 hover:underline ${event.status === 'cancelled' ? 'line-through' : 'no-underline'}`}
          >
            {event.title}
          </Link>
        </h3>
        <p className="mt-1 text-slate-800 first-letter:uppercase">
          {formatEventRange(event.startsAt, event.endsAt, language, timeZone)}
        </p>
        <p className="mt-0.5 text-slate-700 text-sm">{hostLine(t, event)}</p>
        <p className="mt-2 flex flex-wrap gap-1.5">
          <StatusBadge status={event.status} />
          <LanguageBadge language={event.language} />
          <Badge tone="neutral">{t(`categories.${event.category}`)}</Badge>
          <SeatBadges event={event} />
          {event.seatsLeft !== null && event.seatsLeft > 0 && event.status === 'scheduled' && (
            <Badge tone="neutral">{t('seats.left', { count: event.seatsLeft })}</Badge>
          )}
        </p>
      </div>
    </article>
  );
}
