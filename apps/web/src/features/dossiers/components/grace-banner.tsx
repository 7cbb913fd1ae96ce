import type { TDossier } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../../components/ui/app-icons';
import { useSession } from '../../../lib/auth';

/**
 * The 30-day grace after a pro's licence renewal date passed without a re-check: both sides are told,
 * the candidate that they may keep this pro for now or choose another, the pro that access will end.
 */
export function GraceBanner({ dossier }: { dossier: TDossier }) {
  const { t } = useTranslation('dossiers');
  const { user } = useSession();
  if (dossier.agent?.standing !== 'grace') return null;
  const name = `${dossier.agent.firstName} ${dossier.agent.lastName}`;
  const isPro = dossier.viewerRole === 'pro';
  return (
    <section
      aria-labelledby="grace-banner-title"
      className="mt-6 flex gap-3 rounded-2xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-300 sm:p-5"
    >
      <AlertIcon className="mt-0.5 size-6 shrink-0" aria-hidden="true" />
      <div>
        <h2 id="grace-banner-title" className="font-semibold">
          {t('grace.title', { name })}
        </h2>
        <p className="mt-1">{isPro ? t('grace.proBody', { name }) : t('grace.candidateBody', { name })}</p>
        {user?.id === dossier.agent.id && (
          <Link to="/verification" className="mt-2 inline-flex min-h-11 items-center font-medium underline">
            {t('grace.toVerification')}
          </Link>
        )}
      </div>
    </section>
  );
}
