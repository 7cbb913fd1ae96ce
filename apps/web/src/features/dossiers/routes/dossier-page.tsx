import type { TDossier, TNextAction, TProgram } from '@capitune/contracts';
import { Link, useNavigate, useParams, useRouterState, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DossierStatusBadge } from '../../../components/dossiers/dossier-status-badge';
import { useMilestoneLabel } from '../../../components/dossiers/milestone-label';
import { ProgressBar } from '../../../components/dossiers/progress-bar';
import { IpNotAllowed } from '../../../components/firm-network/ip-not-allowed';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { ArrowRightIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { isApiError } from '../../../lib/api-error';
import { nextActionLink } from '../../../lib/dossiers/anchors';
import { formatDay } from '../../../lib/dossiers/dates';
import { deepLinkHash, sectionOfTarget } from '../../../lib/dossiers/deep-link';
import { useLocalized, usePrograms } from '../../../lib/dossiers/programs';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDossier } from '../api/get-dossier';
import { ChatPanel } from '../chat/chat-panel';
import { Checklist } from '../components/checklist';
import { DossierSettings } from '../components/dossier-settings';
import { DownloadArchiveButton } from '../components/download-archive-button';
import { GraceBanner } from '../components/grace-banner';
import { InternalNotes } from '../components/internal-notes';
import { OtherDocuments } from '../components/other-documents';
import { ProfessionalCard } from '../components/professional-card';
import { RecordsPanel } from '../components/records-panel';
import { Timeline } from '../components/timeline';

/**
 * Scrolls to the element named by the address's hash and focuses it, once the page has it. A chat
 * message loads after the page: it is waited for a little, then its section is focused instead.
 */
function useHashTarget(ready: boolean) {
  const hash = useRouterState({ select: (state) => state.location.hash });
  useEffect(() => {
    if (!ready || !hash) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      if (focusTarget(hash)) return;
      tries += 1;
      const section = sectionOfTarget(hash);
      if (tries < 20 && section) timer = setTimeout(attempt, 150);
      else if (section) focusTarget(section);
    };
    // After the paint, so that the element exists and the layout is final.
    const frame = requestAnimationFrame(attempt);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, hash]);
}

/**
 * A notification's deep link (`?item=`, `?message=`, `?milestone=`, kept through the sign-in): becomes
 * the hash of the element it names, which the page scrolls to, focuses and highlights.
 */
function useDeepLink(dossier: TDossier | undefined) {
  const search = useSearch({ from: '/dossiers/$dossierId' });
  const navigate = useNavigate({ from: '/dossiers/$dossierId' });
  const target = dossier ? deepLinkHash(dossier, search) : null;
  useEffect(() => {
    if (!target) return;
    void navigate({
      search: ({ item: _item, member: _member, message: _message, milestone: _milestone, ...rest }) => rest,
      hash: target,
      replace: true,
      resetScroll: false,
    });
  }, [target, navigate]);
}

function focusTarget(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  // Instant: a smooth scroll (the page's CSS default) is cut short by anything that moves the page meanwhile.
  target.scrollIntoView({ block: 'start', behavior: 'instant' });
  target.focus({ preventScroll: true });
  return true;
}

/** The dossier, as its candidate or the firm in charge sees it (`viewerRole`). */
export function DossierPage() {
  const { t } = useTranslation('dossiers');
  const { dossierId } = useParams({ from: '/dossiers/$dossierId' });
  const dossier = useDossier(dossierId);
  const programs = usePrograms();
  const localized = useLocalized();
  const program = programs.data?.find((item) => item.id === dossier.data?.programId);
  usePageMeta(
    program ? t('page.metaTitle', { program: localized(program.name) }) : t('page.metaTitleDefault'),
  );
  useHashTarget(!!dossier.data && !!program);
  useDeepLink(dossier.data);

  if (dossier.isPending || (dossier.data && programs.isPending)) {
    return (
      <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
        <h1 className="sr-only">{t('page.metaTitleDefault')}</h1>
        <Spinner label={t('page.loading')} className="mt-10" />
      </div>
    );
  }
  if (dossier.isError || programs.isError || !dossier.data || !program) {
    const notFound = isApiError(dossier.error) && dossier.error.status === 404;
    return (
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight">
          {notFound ? t('page.notFoundTitle') : t('page.metaTitleDefault')}
        </h1>
        {isApiError(dossier.error) && dossier.error.code === 'IP_NOT_ALLOWED' ? (
          <IpNotAllowed className="mt-6" />
        ) : notFound ? (
          <p className="mt-4 text-lg text-slate-700">{t('page.notFound')}</p>
        ) : (
          <ServerErrorAlert error={dossier.error ?? programs.error} className="mt-6">
            <Button variant="secondary" className="mt-3" onClick={() => void dossier.refetch()}>
              {t('page.retry')}
            </Button>
          </ServerErrorAlert>
        )}
        <ButtonLink to="/dossiers" variant="secondary" className="mt-6">
          {t('page.back')}
        </ButtonLink>
      </div>
    );
  }
  return <DossierView dossier={dossier.data} program={program} />;
}

function DossierView({ dossier, program }: { dossier: TDossier; program: TProgram }) {
  const { t, i18n } = useTranslation('dossiers');
  const localized = useLocalized();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const isPro = dossier.viewerRole === 'pro';
  // `?pro=<slug>`: the candidate came from a profile's "ask for accompaniment".
  const { pro: preselectedSlug } = useSearch({ from: '/dossiers/$dossierId' });
  const navigate = useNavigate({ from: '/dossiers/$dossierId' });

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <Link to="/dossiers" className="font-medium text-brand-800 underline-offset-4 hover:underline">
        ← {isPro ? t('page.backPro') : t('page.back')}
      </Link>

      <header className="mt-4 flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            {isPro && (
              <p className="font-semibold text-brand-800">
                {dossier.owner.firstName} {dossier.owner.lastName}
              </p>
            )}
            <h1 className="font-bold text-2xl text-brand-950 tracking-tight sm:text-3xl">
              {localized(program.name)}
            </h1>
          </div>
          <DossierStatusBadge status={dossier.status} />
        </div>
        <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t('page.fileNumber')}</dt>
            <dd className="font-medium text-slate-900">{dossier.fileNumber ?? t('page.noFileNumber')}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{isPro ? t('page.candidate') : t('page.professional')}</dt>
            <dd className="font-medium text-slate-900">
              {isPro
                ? `${dossier.owner.firstName} ${dossier.owner.lastName}`
                : dossier.agent
                  ? `${dossier.agent.firstName} ${dossier.agent.lastName}`
                  : dossier.pendingRequest
                    ? t('page.requestPending')
                    : t('page.noProfessional')}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t('page.opened')}</dt>
            <dd className="font-medium text-slate-900">
              {formatDay(dossier.createdAt.slice(0, 10), language, 'long')}
            </dd>
          </div>
        </dl>
        <ProgressBar progress={dossier.progress} />
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm sm:pt-3">
            {(['messages', 'timeline'] as const).map((section) => (
              <Link
                key={section}
                to="/dossiers/$dossierId"
                params={{ dossierId: dossier.id }}
                hash={section}
                replace
                resetScroll={false}
                onClick={() => requestAnimationFrame(() => focusTarget(section))}
                className="font-medium text-brand-800 underline-offset-4 hover:underline"
              >
                {section === 'messages' ? t('page.toMessages') : t('page.toTimeline')}
              </Link>
            ))}
          </p>
          <DownloadArchiveButton dossier={dossier} />
        </div>
      </header>

      <GraceBanner dossier={dossier} />

      {dossier.nextAction && (
        <NextActionBanner dossier={dossier} program={program} action={dossier.nextAction} />
      )}

      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_24rem]">
        <div className="flex min-w-0 flex-col gap-8">
          <Checklist dossier={dossier} program={program} />
          <OtherDocuments dossier={dossier} />
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          {isPro ? (
            <DossierSettings key={`${dossier.status}-${dossier.fileNumber}`} dossier={dossier} />
          ) : (
            <ProfessionalCard
              dossier={dossier}
              preselectedSlug={preselectedSlug}
              onPreselectionDone={() => {
                if (preselectedSlug) void navigate({ search: {}, replace: true, resetScroll: false });
              }}
            />
          )}
          <Timeline dossier={dossier} />
          {isPro && <InternalNotes dossierId={dossier.id} />}
          {isPro && <RecordsPanel dossier={dossier} />}
        </div>
      </div>

      <div className="mt-8">
        <ChatPanel dossier={dossier} />
      </div>
    </div>
  );
}

/** The candidate's most urgent step in this dossier, one click from the line where it is done. */
function NextActionBanner({
  dossier,
  program,
  action,
}: {
  dossier: TDossier;
  program: TProgram;
  action: TNextAction;
}) {
  const { t, i18n } = useTranslation('dossiers');
  const localized = useLocalized();
  const milestoneLabel = useMilestoneLabel();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const item = program.items.find((candidate) => candidate.id === action.itemId);
  const member = dossier.members.find((candidate) => candidate.id === action.memberId);
  const milestone = dossier.milestones.find((candidate) => candidate.id === action.milestoneId);
  const document = item ? localized(item.label) : '';
  const who = member && member.role !== 'principal' ? ` (${member.fullName})` : '';
  const text = (() => {
    switch (action.kind) {
      case 'replace_rejected':
        return t('next.replace_rejected', { document: `${document}${who}` });
      case 'upload_missing':
        return t('next.upload_missing', { document: `${document}${who}` });
      case 'renew_expiring':
        return t('next.renew_expiring', {
          document: `${document}${who}`,
          date: action.date ? formatDay(action.date, language, 'long') : '',
        });
      case 'upcoming_milestone':
        return t('next.upcoming_milestone', {
          milestone: milestone ? milestoneLabel(milestone) : '',
          date: action.date ? formatDay(action.date, language, 'long') : '',
        });
      case 'review_document':
        return t('next.review_document', { document });
    }
  })();
  const link = nextActionLink(action);

  return (
    <aside
      aria-label={t('next.label')}
      className={`mt-6 flex flex-col gap-3 rounded-2xl p-4 ring-1 ring-inset sm:flex-row sm:items-center sm:p-6 ${action.kind === 'replace_rejected' ? 'bg-maple-50 ring-maple-100' : 'bg-brand-50 ring-brand-200'}`}
    >
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-brand-900 text-sm uppercase tracking-wide">{t('next.label')}</p>
        <p className="mt-1 font-semibold text-lg text-slate-900">{text}</p>
      </div>
      <ButtonLink
        {...link}
        onClick={() => requestAnimationFrame(() => focusTarget(link.hash))}
        className="shrink-0"
      >
        {t(`next.button.${action.kind}`)}
        <ArrowRightIcon className="size-5" />
      </ButtonLink>
    </aside>
  );
}
