import type { TDashboard } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DossierCard } from '../../../components/dossiers/dossier-card';
import { useMilestoneLabel } from '../../../components/dossiers/milestone-label';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { useNotificationText } from '../../../components/notifications/notification-text';
import { TwoFactorOffer } from '../../../components/security/two-factor-offer';
import { Button, ButtonLink } from '../../../components/ui/button';
import { ChatIcon, FolderIcon, UserIcon, VideoIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { milestoneId } from '../../../lib/dossiers/anchors';
import { formatDay } from '../../../lib/dossiers/dates';
import { useProgramName } from '../../../lib/dossiers/programs';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDashboard } from '../api/get-dashboard';
import { DashboardSection, EmptyState } from '../components/dashboard-section';
import { InviteClientDialog } from '../components/invite-client-dialog';
import { NextActionItem } from '../components/next-actions';
import { AcceptedNotice, IncomingRequestItem, InvitationItem } from '../components/requests';
import { VerificationBanner } from '../components/verification-banner';

/** The first page after login: what to do next, the dossiers, what waits for an answer. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  usePageMeta(t('metaTitle'));
  const { user } = useSession();
  const dashboard = useDashboard();

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {user ? t('greeting', { name: user.firstName }) : t('title')}
      </h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">
        {user?.role === 'pro' ? t('introPro') : t('intro')}
      </p>
      <VerificationBanner />
      <TwoFactorOffer className="mt-8 max-w-3xl" />

      {dashboard.isPending && <Spinner label={t('loading')} className="mt-10" />}
      {dashboard.isError && (
        <ServerErrorAlert error={dashboard.error} className="mt-8 max-w-2xl">
          <Button variant="secondary" className="mt-3" onClick={() => void dashboard.refetch()}>
            {t('retry')}
          </Button>
        </ServerErrorAlert>
      )}
      {dashboard.data &&
        (dashboard.data.role === 'pro' ? (
          <ProDashboard dashboard={dashboard.data} />
        ) : (
          <CandidateDashboard dashboard={dashboard.data} />
        ))}
    </div>
  );
}

function Columns({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <div className="mt-8 grid gap-6 lg:grid-cols-[1fr_24rem]">
      <div className="flex min-w-0 flex-col gap-6">{main}</div>
      <div className="flex min-w-0 flex-col gap-6">{side}</div>
    </div>
  );
}

function CandidateDashboard({ dashboard }: { dashboard: TDashboard }) {
  const { t } = useTranslation('dashboard');
  const { user } = useSession();
  const verified = !!user?.emailVerified;

  return (
    <Columns
      main={
        <>
          {dashboard.invitations.length > 0 && (
            <DashboardSection title={t('invitations.title')} description={t('invitations.description')}>
              <ul className="flex flex-col gap-3">
                {dashboard.invitations.map((invitation) => (
                  <InvitationItem key={invitation.id} invitation={invitation} />
                ))}
              </ul>
            </DashboardSection>
          )}

          <DashboardSection title={t('actions.title')}>
            {dashboard.nextActions.length > 0 ? (
              <ul className="flex flex-col gap-3">
                {dashboard.nextActions.map((action) => (
                  <NextActionItem
                    key={`${action.dossierId}-${action.kind}`}
                    action={action}
                    dashboard={dashboard}
                  />
                ))}
              </ul>
            ) : (
              <EmptyState
                action={
                  dashboard.dossiers.length === 0 && verified ? (
                    <ButtonLink to="/dossiers" search={{ open: true }}>
                      {t('dossiers.openFirst')}
                    </ButtonLink>
                  ) : undefined
                }
              >
                {!verified
                  ? t('unverified')
                  : dashboard.dossiers.length === 0
                    ? t('actions.emptyNoDossier')
                    : t('actions.empty')}
              </EmptyState>
            )}
          </DashboardSection>

          <DashboardSection
            title={t('dossiers.title')}
            action={
              dashboard.dossiers.length > 0 ? (
                <Link
                  to="/dossiers"
                  className="font-medium text-brand-800 underline-offset-4 hover:underline"
                >
                  {t('dossiers.all')}
                </Link>
              ) : undefined
            }
          >
            {dashboard.dossiers.length > 0 ? (
              <ul className="grid gap-4 sm:grid-cols-2">
                {dashboard.dossiers.map((dossier) => (
                  <li key={dossier.id}>
                    <DossierCard dossier={dossier} viewer="candidate" />
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState>{verified ? t('dossiers.empty') : t('unverified')}</EmptyState>
            )}
          </DashboardSection>
        </>
      }
      side={
        <>
          <NextWebinar dashboard={dashboard} />
          <UpcomingMilestones dashboard={dashboard} />
          <RecentNotifications dashboard={dashboard} />
          <QuickLinks />
        </>
      }
    />
  );
}

function ProDashboard({ dashboard }: { dashboard: TDashboard }) {
  const { t } = useTranslation('dashboard');
  const { user } = useSession();
  const verified = !!user?.emailVerified;
  const [accepted, setAccepted] = useState<TDashboard['incomingRequests'][number] | null>(null);

  return (
    <Columns
      main={
        <>
          <DashboardSection title={t('requests.title')} description={t('requests.description')}>
            <AcceptedNotice request={accepted} />
            {dashboard.incomingRequests.length > 0 ? (
              <ul className="flex flex-col gap-3">
                {dashboard.incomingRequests.map((request) => (
                  <IncomingRequestItem key={request.id} request={request} onAccepted={setAccepted} />
                ))}
              </ul>
            ) : (
              <EmptyState>{verified ? t('requests.empty') : t('unverified')}</EmptyState>
            )}
          </DashboardSection>

          <DashboardSection title={t('actions.titlePro')} description={t('actions.descriptionPro')}>
            {dashboard.nextActions.length > 0 ? (
              <ul className="flex flex-col gap-3">
                {dashboard.nextActions.map((action) => (
                  <NextActionItem
                    key={action.documentId ?? action.dossierId}
                    action={action}
                    dashboard={dashboard}
                  />
                ))}
              </ul>
            ) : (
              <EmptyState>{verified ? t('actions.emptyPro') : t('unverified')}</EmptyState>
            )}
          </DashboardSection>

          <DashboardSection
            title={t('dossiers.titlePro')}
            description={t('dossiers.descriptionPro')}
            action={
              <Link to="/dossiers" className="font-medium text-brand-800 underline-offset-4 hover:underline">
                {t('dossiers.allPro')}
              </Link>
            }
          >
            {dashboard.dossiers.length > 0 ? (
              <ul className="grid gap-4 sm:grid-cols-2">
                {dashboard.dossiers.map((dossier) => (
                  <li key={dossier.id}>
                    <DossierCard dossier={dossier} viewer="pro" />
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState>{t('dossiers.emptyPro')}</EmptyState>
            )}
          </DashboardSection>
        </>
      }
      side={
        <>
          <DashboardSection title={t('invite.sectionTitle')} description={t('invite.sectionDescription')}>
            {verified ? <InviteClientDialog /> : <EmptyState>{t('unverified')}</EmptyState>}
          </DashboardSection>
          <NextWebinar dashboard={dashboard} />
          <UpcomingMilestones dashboard={dashboard} />
          <RecentNotifications dashboard={dashboard} />
          <QuickLinks forPro />
        </>
      }
    />
  );
}

/** The next webinar the user holds a seat in, in their time zone. */
function NextWebinar({ dashboard }: { dashboard: TDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const webinar = dashboard.nextWebinar;
  return (
    <DashboardSection title={t('webinar.title')}>
      {webinar ? (
        <p className="flex flex-col">
          <Link
            to="/live/$id"
            params={{ id: webinar.id }}
            className="font-medium text-brand-800 underline-offset-4 hover:underline"
          >
            {webinar.title}
          </Link>
          <time dateTime={webinar.startsAt} className="text-slate-600 text-sm">
            {formatDateTime(webinar.startsAt, language, user?.timeZone)}
          </time>
        </p>
      ) : (
        <EmptyState>
          {t('webinar.empty')}{' '}
          <Link to="/live" className="font-medium text-brand-800 underline underline-offset-4">
            {t('webinar.browse')}
          </Link>
        </EmptyState>
      )}
    </DashboardSection>
  );
}

function UpcomingMilestones({ dashboard }: { dashboard: TDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const language = i18n.resolvedLanguage ?? i18n.language;
  const label = useMilestoneLabel();
  const programName = useProgramName();
  return (
    <DashboardSection title={t('milestones.title')}>
      {dashboard.upcomingMilestones.length > 0 ? (
        <ul className="flex flex-col gap-3">
          {dashboard.upcomingMilestones.map((milestone) => {
            const dossier = dashboard.dossiers.find((item) => item.id === milestone.dossierId);
            return (
              <li key={milestone.id} className="flex flex-col">
                <Link
                  to="/dossiers/$dossierId"
                  params={{ dossierId: milestone.dossierId }}
                  hash={milestoneId(milestone.id)}
                  className="font-medium text-brand-800 underline-offset-4 hover:underline"
                >
                  {label(milestone)}
                </Link>
                <span className="text-slate-600 text-sm">
                  {milestone.date && formatDay(milestone.date, language, 'long')}
                  {dossier && ` · ${programName(dossier.programId)}`}
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState>{t('milestones.empty')}</EmptyState>
      )}
    </DashboardSection>
  );
}

function RecentNotifications({ dashboard }: { dashboard: TDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const { user } = useSession();
  const sentence = useNotificationText();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (
    <DashboardSection
      title={t('notifications.title')}
      action={
        <Link to="/notifications" className="font-medium text-brand-800 underline-offset-4 hover:underline">
          {t('notifications.all')}
        </Link>
      }
    >
      {dashboard.recentNotifications.length > 0 ? (
        <ul className="flex flex-col gap-3">
          {dashboard.recentNotifications.map((notification) => (
            <li key={notification.id} className="flex gap-2">
              <span
                aria-hidden="true"
                className={`mt-2 size-2 shrink-0 rounded-full ${notification.readAt ? '' : 'bg-maple-600'}`}
              />
              <div className="min-w-0">
                <p className="break-words text-slate-800">
                  {notification.readAt === null && (
                    <span className="sr-only">{t('notifications.unread')} </span>
                  )}
                  {sentence(notification)}
                </p>
                <p className="text-slate-600 text-sm">
                  <time dateTime={notification.createdAt}>
                    {formatDateTime(notification.createdAt, language, user?.timeZone)}
                  </time>
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('notifications.empty')}</EmptyState>
      )}
    </DashboardSection>
  );
}

const tileClasses =
  'flex min-h-11 items-center gap-3 rounded-xl p-4 font-medium text-brand-900 no-underline ring-1 ring-slate-200 ring-inset hover:bg-brand-50';

/** A pro's dossiers are their clients' (the tile says "Dossiers"), a candidate's their own ("Mon dossier"). */
function QuickLinks({ forPro = false }: { forPro?: boolean }) {
  const { t } = useTranslation(['dashboard', 'common']);
  return (
    <DashboardSection title={t('quick.title')}>
      <ul className="grid sm:grid-cols-2 gap-3">
        <li>
          <Link to="/dossiers" className={tileClasses}>
            <FolderIcon className="size-6 shrink-0 text-brand-700" />
            {forPro ? t('quick.dossiersPro') : t('common:nav.dossier')}
          </Link>
        </li>
        <li>
          <Link to="/inside" className={tileClasses}>
            <ChatIcon className="size-6 shrink-0 text-brand-700" />
            {t('common:nav.inside')}
          </Link>
        </li>
        <li>
          <Link to="/live" className={tileClasses}>
            <VideoIcon className="size-6 shrink-0 text-brand-700" />
            {t('common:nav.live')}
          </Link>
        </li>
        <li>
          <Link to="/profile" className={tileClasses}>
            <UserIcon className="size-6 shrink-0 text-brand-700" />
            {t('common:nav.profile')}
          </Link>
        </li>
      </ul>
    </DashboardSection>
  );
}
