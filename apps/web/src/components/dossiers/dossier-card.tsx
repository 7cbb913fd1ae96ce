import type { TDossierSummary } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useProgramName } from '../../lib/dossiers/programs';
import { Badge } from '../ui/badge';
import { DossierStatusBadge } from './dossier-status-badge';
import { ProgressBar } from './progress-bar';

/**
 * A dossier in a list: its program (the link), status, progress and who is on the other side; for a
 * pro, what waits for them. The whole card is clickable through its title's link.
 */
export function DossierCard({
  dossier,
  viewer,
  headingLevel = 3,
}: {
  dossier: TDossierSummary;
  viewer: 'candidate' | 'pro';
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('dossiers');
  const programName = useProgramName();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const person =
    viewer === 'pro'
      ? t('card.owner', { name: `${dossier.owner.firstName} ${dossier.owner.lastName}` })
      : dossier.agent
        ? t('card.agent', { name: `${dossier.agent.firstName} ${dossier.agent.lastName}` })
        : t('card.noAgent');

  return (
    <article className="flex h-full flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <Heading className="min-w-0 font-semibold text-lg text-slate-900">
          <Link
            to="/dossiers/$dossierId"
            params={{ dossierId: dossier.id }}
            className="text-brand-900 no-underline hover:underline"
          >
            {viewer === 'pro'
              ? `${dossier.owner.firstName} ${dossier.owner.lastName}`
              : programName(dossier.programId)}
          </Link>
        </Heading>
        <DossierStatusBadge status={dossier.status} />
      </div>
      <p className="text-slate-700 text-sm">
        {viewer === 'pro' ? programName(dossier.programId) : person}
        {dossier.fileNumber && (
          <>
            {' · '}
            {t('card.fileNumber', { number: dossier.fileNumber })}
          </>
        )}
      </p>
      <ProgressBar progress={dossier.progress} />
      {(dossier.toReview > 0 || dossier.expiringSoon > 0) && (
        <p className="flex flex-wrap gap-2">
          {dossier.toReview > 0 && (
            <Badge tone="brand">{t('card.toReview', { count: dossier.toReview })}</Badge>
          )}
          {dossier.expiringSoon > 0 && (
            <Badge tone="warning">{t('card.expiring', { count: dossier.expiringSoon })}</Badge>
          )}
        </p>
      )}
    </article>
  );
}
