import type { TDashboard, TNextAction } from '@capitune/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMilestoneLabel } from '../../../components/dossiers/milestone-label';
import { AlertIcon, CalendarIcon, FileIcon, UploadIcon } from '../../../components/ui/app-icons';
import { ButtonLink } from '../../../components/ui/button';
import { useSession } from '../../../lib/auth';
import { nextActionLink } from '../../../lib/dossiers/anchors';
import { formatDay } from '../../../lib/dossiers/dates';
import { useItemLabel, useProgramName } from '../../../lib/dossiers/programs';
import { formatDateTime } from '../../../lib/format';

const icons = {
  replace_rejected: AlertIcon,
  upload_missing: UploadIcon,
  renew_expiring: CalendarIcon,
  upcoming_milestone: CalendarIcon,
  review_document: FileIcon,
} as const;

/**
 * The next thing to do, each with a button that goes straight to it: the checklist line to upload,
 * replace, renew or review (focused on arrival), or the milestone.
 */
export function NextActionItem({ action, dashboard }: { action: TNextAction; dashboard: TDashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const programName = useProgramName();
  const itemLabel = useItemLabel();
  const milestoneLabel = useMilestoneLabel();
  const dossier = dashboard.dossiers.find((item) => item.id === action.dossierId);
  const programId = dossier?.programId ?? '';
  const document = itemLabel(programId, action.itemId) ?? t('actions.extraDocument');
  const milestone = dashboard.upcomingMilestones.find((item) => item.id === action.milestoneId);
  const Icon = icons[action.kind];
  const titleId = useId();

  const title = (() => {
    switch (action.kind) {
      case 'replace_rejected':
        return t('actions.replace_rejected', { document });
      case 'upload_missing':
        return t('actions.upload_missing', { document });
      case 'renew_expiring':
        return t('actions.renew_expiring', { document });
      case 'review_document':
        return t('actions.review_document', { document });
      case 'upcoming_milestone':
        return t('actions.upcoming_milestone', {
          milestone: milestone ? milestoneLabel(milestone) : t('actions.milestone'),
        });
    }
  })();

  const context =
    dashboard.role === 'pro' && dossier
      ? t('actions.forCandidate', {
          name: `${dossier.owner.firstName} ${dossier.owner.lastName}`,
          program: programName(programId),
        })
      : t('actions.inDossier', { program: programName(programId) });

  const when = (() => {
    if (!action.date) return null;
    switch (action.kind) {
      case 'review_document':
        return t('actions.uploadedOn', { date: formatDateTime(action.date, language, user?.timeZone) });
      case 'replace_rejected':
        return t('actions.rejectedOn', { date: formatDateTime(action.date, language, user?.timeZone) });
      case 'renew_expiring':
        return t('actions.expiresOn', { date: formatDay(action.date, language, 'long') });
      case 'upcoming_milestone':
        return t('actions.milestoneOn', { date: formatDay(action.date, language, 'long') });
      default:
        return null;
    }
  })();

  return (
    <li className="flex flex-col gap-3 rounded-xl p-4 ring-1 ring-slate-200 ring-inset sm:flex-row sm:items-center">
      <Icon
        className={`hidden size-6 shrink-0 sm:block ${action.kind === 'replace_rejected' ? 'text-maple-700' : 'text-brand-700'}`}
      />
      <div className="min-w-0 flex-1">
        <p id={titleId} className="font-semibold text-slate-900">
          {title}
        </p>
        <p className="text-slate-600 text-sm">
          {context}
          {when && ` · ${when}`}
        </p>
      </div>
      <ButtonLink
        {...nextActionLink(action)}
        variant={action.kind === 'replace_rejected' ? 'primary' : 'secondary'}
        aria-describedby={titleId}
        className="shrink-0"
      >
        {t(`actions.button.${action.kind}`)}
      </ButtonLink>
    </li>
  );
}
