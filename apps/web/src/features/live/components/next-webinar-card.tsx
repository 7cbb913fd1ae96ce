import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';
import { VideoIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { cn } from '../../../lib/cn';
import { getNextRegisteredEvent, liveKeys } from '../api/live-api';
import { describeZone, formatEventRange } from '../lib/format-event';
import { useViewerTimeZone } from '../lib/use-viewer-time-zone';
import { LanguageBadge } from './event-badges';

export interface NextWebinarCardProps {
  /** The level of the card's heading in the page (2 by default). */
  headingLevel?: 2 | 3;
  className?: string;
}

/**
 * "Your next webinar": the signed-in person's next webinar with a seat, with a link to its page (where the
 * stream opens), or a way to browse Live when there is none. Renders nothing for anonymous visitors.
 *
 * For a page that shows it (the dashboard): add `'live'` to the route's `loadNamespace([...])` so that its
 * texts are ready with the page; otherwise the card shows a spinner while they load.
 */
export function NextWebinarCard(props: NextWebinarCardProps) {
  const { status } = useSession();
  if (status !== 'signedIn') return null;
  return (
    <Suspense fallback={<CardFrame className={props.className} />}>
      <NextWebinarContent {...props} />
    </Suspense>
  );
}

function CardFrame({ className, children }: { className?: string; children?: ReactNode }) {
  return (
    <section
      aria-labelledby={children ? 'next-webinar-title' : undefined}
      aria-busy={children ? undefined : true}
      className={cn('rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6', className)}
    >
      {children}
    </section>
  );
}

function NextWebinarContent({ headingLevel = 2, className }: NextWebinarCardProps) {
  const { t, i18n } = useTranslation('live');
  const timeZone = useViewerTimeZone();
  const next = useQuery({
    queryKey: liveKeys.nextRegistered,
    queryFn: ({ signal }) => getNextRegisteredEvent(signal),
  });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <CardFrame className={className}>
      <Heading
        id="next-webinar-title"
        className="flex items-center gap-2 font-semibold text-brand-950 text-lg"
      >
        <VideoIcon className="size-6 shrink-0" />
        {t('next.title')}
      </Heading>
      {next.isPending ? (
        <Spinner label={t('loading')} className="mt-3" />
      ) : next.isError ? (
        <p className="mt-2 text-slate-700">{t('next.error')}</p>
      ) : next.data === null ? (
        <>
          <p className="mt-2 text-slate-700">{t('next.none')}</p>
          <ButtonLink to="/live" variant="secondary" className="mt-3">
            {t('next.browse')}
          </ButtonLink>
        </>
      ) : (
        <div className="mt-3">
          <p className="font-semibold text-brand-950 text-lg leading-snug">
            <Link
              to="/live/$id"
              params={{ id: next.data.id }}
              className="break-words text-brand-900 hover:underline"
            >
              {next.data.title}
            </Link>
          </p>
          <p className="mt-1 text-slate-800 first-letter:uppercase">
            {formatEventRange(next.data.startsAt, next.data.endsAt, i18n.language, timeZone)}
          </p>
          <p className="mt-0.5 text-slate-600 text-sm">
            {describeZone(next.data.startsAt, timeZone, i18n.language)}
          </p>
          <p className="mt-2">
            <LanguageBadge language={next.data.language} />
          </p>
          <ButtonLink to="/live/$id" params={{ id: next.data.id }} variant="primary" className="mt-4">
            {t('next.open')}
          </ButtonLink>
        </div>
      )}
    </CardFrame>
  );
}
