import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useSecurityOverview } from '../../../lib/security/security-overview';
import { twoFactorGate } from '../../../lib/two-factor-gate';
import { usePageMeta } from '../../../lib/use-page-meta';
import { EmailFactorSection } from '../components/email-factor-section';
import { PasskeysSection } from '../components/passkeys-section';
import { PolicyPanel } from '../components/policy-panel';
import { RecoverySection } from '../components/recovery-section';
import { SmsFactorSection } from '../components/sms-factor-section';
import { TotpSection } from '../components/totp-section';

const route = getRouteApi('/profile/security');

/**
 * The account's second factors: the policy that applies, the authenticator app, passkeys, recovery
 * codes, codes by email and SMS. The only page open to an account that must set up a factor first.
 */
export function SecurityPage() {
  const { t, i18n } = useTranslation('security');
  usePageMeta(t('metaTitle'));
  const search = route.useSearch();
  const { user } = useSession();
  const overview = useSecurityOverview();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const when = (iso: string) => formatDateTime(iso, language, user?.timeZone);
  const setupRequiredNow = overview.data?.policy.setupRequiredNow ?? false;
  const gated = setupRequiredNow || (search.setup === 'required' && !overview.data);

  // Arriving here directly (a reload): the other pages stay closed until a factor is set up.
  useEffect(() => {
    if (setupRequiredNow) twoFactorGate.report();
  }, [setupRequiredNow]);

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      {!gated && (
        <Link
          to="/profile"
          className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-4 hover:text-brand-950"
        >
          {t('backToProfile')}
        </Link>
      )}
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">{t('intro')}</p>

      {gated && (
        <Alert tone="warning" live={false} title={t('setupRequired.title')} className="mt-6">
          <p>{t('setupRequired.body')}</p>
        </Alert>
      )}

      {overview.isPending && <Spinner label={t('loading')} className="mt-10" />}
      {overview.isError && (
        <div className="mt-8">
          <ServerErrorAlert error={overview.error}>
            <Button variant="secondary" className="mt-3" onClick={() => void overview.refetch()}>
              {t('retry')}
            </Button>
          </ServerErrorAlert>
        </div>
      )}

      {overview.data && (
        <div className="mt-8 flex flex-col gap-8">
          <PolicyPanel overview={overview.data} when={when} />
          <TotpSection overview={overview.data} when={when} />
          <PasskeysSection when={when} />
          <RecoverySection overview={overview.data} />
          <EmailFactorSection overview={overview.data} />
          <SmsFactorSection overview={overview.data} />
        </div>
      )}
    </div>
  );
}
