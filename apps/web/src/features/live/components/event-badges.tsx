import type { TEventLanguage, TEventStatus, TEventSummary } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { CheckIcon, LanguagesIcon } from '../../../components/ui/icons';

/** The language the session is given in (French, English or both). */
export function LanguageBadge({ language }: { language: TEventLanguage }) {
  const { t } = useTranslation('live');
  return (
    <Badge tone="neutral">
      <LanguagesIcon className="size-3.5" />
      {t(`languages.${language}`)}
    </Badge>
  );
}

/** Draft, cancelled, live now or ended; nothing for a scheduled event. */
export function StatusBadge({ status }: { status: TEventStatus }) {
  const { t } = useTranslation('live');
  if (status === 'scheduled') return null;
  const tone = { draft: 'warning', cancelled: 'danger', live: 'success', ended: 'neutral' } as const;
  return <Badge tone={tone[status]}>{t(`status.${status}`)}</Badge>;
}

/** The viewer's registration, and "full" when no seat is left. */
export function SeatBadges({
  event,
}: {
  event: Pick<TEventSummary, 'myRegistration' | 'seatsLeft' | 'status'>;
}) {
  const { t } = useTranslation('live');
  return (
    <>
      {event.myRegistration === 'registered' && (
        <Badge tone="brand">
          <CheckIcon className="size-3.5" />
          {t('badges.registered')}
        </Badge>
      )}
      {event.myRegistration === 'waitlisted' && <Badge tone="warning">{t('badges.waitlisted')}</Badge>}
      {event.myRegistration === null && event.seatsLeft === 0 && event.status === 'scheduled' && (
        <Badge tone="neutral">{t('badges.full')}</Badge>
      )}
    </>
  );
}
