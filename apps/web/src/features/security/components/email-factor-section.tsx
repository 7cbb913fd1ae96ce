import type { TSecurityOverview } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { useSetEmailFactor } from '../api/set-email-factor';
import { SectionActions, SecuritySection } from './security-section';

/** Six-digit codes sent to the account's address, as a second factor or a fallback. */
export function EmailFactorSection({ overview }: { overview: TSecurityOverview }) {
  const { t } = useTranslation('security');
  const setEmailFactor = useSetEmailFactor();
  const [status, setStatus] = useState<string | null>(null);
  const { enabled, address } = overview.email;

  function toggle() {
    setStatus(null);
    setEmailFactor.mutate(!enabled, {
      onSuccess: () => setStatus(t(enabled ? 'email.disabled' : 'email.enabled')),
    });
  }

  return (
    <SecuritySection id="email-codes" title={t('email.title')} intro={t('email.intro', { address })}>
      <p className="font-medium text-slate-900">{t(enabled ? 'email.enabled' : 'email.disabled')}</p>
      <ServerErrorAlert error={setEmailFactor.error} />
      <SectionActions>
        <Button
          variant={enabled ? 'secondary' : 'primary'}
          disabled={setEmailFactor.isPending}
          aria-busy={setEmailFactor.isPending || undefined}
          onClick={toggle}
        >
          {t(enabled ? 'email.disable' : 'email.enable')}
        </Button>
      </SectionActions>
      <SaveStatus message={status} />
    </SecuritySection>
  );
}
