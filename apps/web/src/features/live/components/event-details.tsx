import type { TEventCategory, TEventLanguage, TEventPerson, TEventStatus } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { describeZone, formatDuration, formatEventRange, formatTime } from '../lib/format-event';
import { LanguageBadge, StatusBadge } from './event-badges';
import { LinkifiedText } from './linkified-text';
import { personName, personWithOrganisation } from './people';

/** What the event page shows, also built from the editor's form for its preview. */
export interface EventView {
  title: string;
  description: string;
  language: TEventLanguage;
  category: TEventCategory | '';
  tags: string[];
  startsAt: string;
  endsAt: string;
  /** The host's zone. */
  timeZone: string;
  status: TEventStatus;
  capacity: number | null;
  seatsLeft: number | null;
  host: TEventPerson;
  coHosts: TEventPerson[];
}

/** Badges, title, and when it takes place: in the viewer's zone, and in the host's when it differs. */
export function EventHeading({
  event,
  viewerTimeZone,
  level,
  id,
}: {
  event: EventView;
  viewerTimeZone: string;
  level: 1 | 2;
  id?: string;
}) {
  const { t, i18n } = useTranslation('live');
  const language = i18n.language;
  const Heading = level === 1 ? 'h1' : 'h2';
  const minutes = Math.round((Date.parse(event.endsAt) - Date.parse(event.startsAt)) / 60_000);
  return (
    <header>
      <p className="flex flex-wrap gap-1.5">
        <StatusBadge status={event.status} />
        <LanguageBadge language={event.language} />
        {event.category && <Badge tone="neutral">{t(`categories.${event.category}`)}</Badge>}
      </p>
      <Heading
        id={id}
        className={`mt-3 break-words font-bold text-brand-950 tracking-tight ${level === 1 ? 'text-3xl sm:text-4xl' : 'text-2xl'} ${event.status === 'cancelled' ? 'line-through' : ''}`}
      >
        {event.title || t('editor.untitled')}
      </Heading>
      <p className="mt-3 font-medium text-lg text-slate-900 first-letter:uppercase">
        {formatEventRange(event.startsAt, event.endsAt, language, viewerTimeZone)}
        <span className="font-normal text-slate-700"> · {formatDuration(minutes, language)}</span>
      </p>
      <p className="mt-1 text-slate-700 text-sm">
        {t('event.zone', { zone: describeZone(event.startsAt, viewerTimeZone, language) })}
      </p>
      {event.timeZone !== viewerTimeZone && (
        <p className="mt-0.5 text-slate-700 text-sm">
          {t('event.hostZone', {
            time: formatTime(event.startsAt, language, event.timeZone),
            zone: describeZone(event.startsAt, event.timeZone, language),
          })}
        </p>
      )}
    </header>
  );
}

/** Who presents it, the language, the seats, the tags. */
export function EventFacts({ event, waitlistCount }: { event: EventView; waitlistCount?: number }) {
  const { t } = useTranslation('live');
  return (
    <dl className="grid gap-4 sm:grid-cols-2">
      <div>
        <dt className="text-slate-600 text-sm">{t('event.host')}</dt>
        <dd className="font-medium text-slate-900">{personWithOrganisation(event.host)}</dd>
      </div>
      {event.coHosts.length > 0 && (
        <div>
          <dt className="text-slate-600 text-sm">{t('event.coHosts')}</dt>
          <dd className="font-medium text-slate-900">{event.coHosts.map(personName).join(', ')}</dd>
        </div>
      )}
      <div>
        <dt className="text-slate-600 text-sm">{t('event.language')}</dt>
        <dd className="font-medium text-slate-900">{t(`languages.${event.language}`)}</dd>
      </div>
      <div>
        <dt className="text-slate-600 text-sm">{t('event.capacity')}</dt>
        <dd className="font-medium text-slate-900">
          {event.capacity === null
            ? t('seats.unlimited')
            : t('seats.ofCapacity', { count: event.seatsLeft ?? event.capacity, capacity: event.capacity })}
          {waitlistCount !== undefined && waitlistCount > 0 && (
            <span className="block font-normal text-slate-700 text-sm">
              {t('seats.waitlist', { count: waitlistCount })}
            </span>
          )}
        </dd>
      </div>
      {event.tags.length > 0 && (
        <div className="sm:col-span-2">
          <dt className="text-slate-600 text-sm">{t('event.tags')}</dt>
          <dd className="mt-1 flex flex-wrap gap-1.5">
            {event.tags.map((tag) => (
              <Badge key={tag} tone="brand">
                #{tag}
              </Badge>
            ))}
          </dd>
        </div>
      )}
    </dl>
  );
}

export function EventDescription({ description }: { description: string }) {
  const { t } = useTranslation(['live', 'common']);
  if (!description.trim()) return <p className="text-slate-700">{t('event.noDescription')}</p>;
  return <LinkifiedText text={description} newTabLabel={t('common:newTab')} />;
}
