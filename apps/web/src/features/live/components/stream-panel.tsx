import { streamFrameOrigins, type TEvent, type TStream } from '@capitune/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { buttonClasses } from '../../../components/ui/button';
import { VideoIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { formatDateTimeShort, intlLocale } from '../lib/format-event';
import { formatCountdown, opensAt, type StreamPhase } from '../lib/stream-window';
import { ExternalIcon } from './live-icons';

const frameOrigins = new Set<string>(streamFrameOrigins);

/** Only the players the CSP allows go into a frame (the API already rebuilds the address). */
export function isFrameable(stream: TStream): boolean {
  if (stream.kind !== 'embed') return false;
  try {
    const url = new URL(stream.url);
    return url.protocol === 'https:' && frameOrigins.has(url.origin);
  } catch {
    return false;
  }
}

/**
 * The stream area of the event page: a countdown until the stream opens (15 minutes before the start), the
 * player or the "join" button while it is open, the replay after the end.
 */
export function StreamPanel({
  event,
  phase,
  now,
  viewerTimeZone,
}: {
  event: TEvent;
  phase: StreamPhase;
  now: number;
  viewerTimeZone: string;
}) {
  const { t, i18n } = useTranslation(['live', 'common']);
  const language = i18n.language;
  const locale = intlLocale(language);
  const registration = event.viewer.registration;
  const manager = event.viewer.canManage;

  if (event.status === 'cancelled') {
    return (
      <Alert tone="warning" live={false} title={t('stream.cancelledTitle')}>
        {t('stream.cancelledBody')}
      </Alert>
    );
  }
  if (event.status === 'draft') {
    return (
      <Alert tone="info" live={false} title={t('stream.draftTitle')}>
        {t('stream.draftBody')}
      </Alert>
    );
  }

  if (phase === 'ended') {
    if (event.replay) {
      return (
        <StreamBox title={t('stream.replayTitle')}>
          <StreamView stream={event.replay} title={t('stream.replayPlayer', { title: event.title })} />
        </StreamBox>
      );
    }
    return (
      <StreamBox title={t('stream.endedTitle')}>
        <p className="text-slate-800">{event.hasReplay ? t('stream.replaySignIn') : t('stream.noReplay')}</p>
      </StreamBox>
    );
  }

  if (phase === 'before') {
    const waiting = formatCountdown(opensAt(event) - now, locale);
    const opening = formatDateTimeShort(new Date(opensAt(event)).toISOString(), language, viewerTimeZone);
    return (
      <StreamBox title={t('stream.beforeTitle')}>
        <p className="text-slate-800">
          {t('stream.opensIn')}{' '}
          <span role="timer" className="font-semibold text-brand-900">
            {waiting}
          </span>
        </p>
        <p className="mt-1 text-slate-700 text-sm">
          {registration?.status === 'registered' || manager
            ? t('stream.opensAt', { time: opening })
            : t('stream.registerToWatch', { time: opening })}
        </p>
        {manager && event.stream && (
          <p className="mt-3 text-sm">
            <a
              href={event.stream.url}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-brand-700 underline"
            >
              {t('stream.hostTest')}
              <span className="sr-only"> {t('common:newTab')}</span>
            </a>
          </p>
        )}
      </StreamBox>
    );
  }

  // open (the 15 minutes before the start) or live
  const title = phase === 'live' ? t('stream.liveTitle') : t('stream.openTitle');
  const startsIn =
    phase === 'open' ? (
      <p className="mb-3 text-slate-800">
        {t('stream.startsIn')}{' '}
        <span role="timer" className="font-semibold text-brand-900">
          {formatCountdown(Date.parse(event.startsAt) - now, locale)}
        </span>
      </p>
    ) : null;

  if (event.stream) {
    return (
      <StreamBox title={title}>
        {startsIn}
        <StreamView stream={event.stream} title={t('stream.player', { title: event.title })} />
      </StreamBox>
    );
  }
  if (registration?.status === 'registered') {
    // The server opens the stream by its own clock: it comes with the next refresh.
    return (
      <StreamBox title={title}>
        {startsIn}
        <Spinner label={t('stream.opening')} />
      </StreamBox>
    );
  }
  return (
    <StreamBox title={title}>
      {startsIn}
      <p className="text-slate-800">
        {registration?.status === 'waitlisted' ? t('stream.waitlistedNoLink') : t('stream.registerNow')}
      </p>
    </StreamBox>
  );
}

function StreamBox({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby="stream-title"
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id="stream-title" className="mb-3 flex items-center gap-2 font-semibold text-brand-950 text-xl">
        <VideoIcon className="size-6 shrink-0" />
        {title}
      </h2>
      {children}
    </section>
  );
}

const providerNames = {
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  zoom: 'Zoom',
  teams: 'Microsoft Teams',
  google_meet: 'Google Meet',
} as const;

/** An embedded player (YouTube without cookies, Vimeo), or a button that opens the meeting in a new tab. */
function StreamView({ stream, title }: { stream: TStream; title: string }) {
  const { t } = useTranslation(['live', 'common']);
  if (isFrameable(stream)) {
    return (
      <div className="aspect-video w-full overflow-hidden rounded-xl bg-slate-900">
        <iframe
          src={stream.url}
          title={title}
          className="size-full border-0"
          loading="lazy"
          allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
          allowFullScreen
          sandbox="allow-scripts allow-same-origin allow-presentation"
          referrerPolicy="strict-origin-when-cross-origin"
        />
      </div>
    );
  }
  return (
    <a
      href={stream.url}
      target="_blank"
      rel="noopener noreferrer"
      className={buttonClasses({ variant: 'primary', size: 'lg' })}
    >
      <ExternalIcon />
      {t('stream.join', { provider: providerNames[stream.provider] })}
      <span className="sr-only"> {t('common:newTab')}</span>
    </a>
  );
}
