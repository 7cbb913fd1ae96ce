import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { graceOf, useSecurityOverview } from '../../lib/security/security-overview';
import { twoFactorGate } from '../../lib/two-factor-gate';
import { ShieldCheckIcon } from '../ui/icons';

/**
 * For an account that must have a second factor and has none yet (a pro, an admin, a member of a firm
 * that requires it): until when it may still do without, and the way to the security page.
 */
export function TwoFactorGraceBanner() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const overview = useSecurityOverview();
  const policy = overview.data?.policy;
  const graceEndsAt = policy ? graceOf(policy) : null;

  // The grace ended while signed in: only the security page is open now.
  useEffect(() => {
    if (policy?.setupRequiredNow) twoFactorGate.report();
  }, [policy?.setupRequiredNow]);

  if (!graceEndsAt) return null;
  const date = formatDateTime(graceEndsAt, i18n.resolvedLanguage ?? i18n.language, user?.timeZone);

  return (
    <section aria-labelledby="two-factor-banner-title" className="border-amber-300 border-b bg-amber-50">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:gap-4 sm:px-6 lg:px-8">
        <ShieldCheckIcon className="hidden size-6 shrink-0 text-amber-900 sm:block" />
        <div className="flex-1">
          <h2 id="two-factor-banner-title" className="font-semibold text-amber-950">
            {t('twoFactor.graceTitle')}
          </h2>
          <p className="mt-1 text-amber-950">{t('twoFactor.graceBody', { date })}</p>
        </div>
        <Link
          to="/profile/security"
          className="inline-flex min-h-11 items-center self-start rounded-lg px-3 font-semibold text-amber-950 underline underline-offset-4 hover:bg-amber-100"
        >
          {t('twoFactor.graceLink')}
        </Link>
      </div>
    </section>
  );
}
