import type { TSecurityOverview } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useRegenerateRecoveryCodes } from '../api/regenerate-recovery-codes';
import { RecoveryCodesList } from './recovery-codes-list';
import { SectionActions, SecuritySection } from './security-section';

/** How many recovery codes are left, and ten new ones on demand (the old ones then stop working). */
export function RecoverySection({ overview }: { overview: TSecurityOverview }) {
  const { t } = useTranslation('security');
  const regenerate = useRegenerateRecoveryCodes();
  const [codes, setCodes] = useState<string[] | null>(null);
  const { totp, passkeys, email, sms, recoveryCodes } = overview;
  const hasFactor = totp.enabled || passkeys.count > 0 || email.enabled || sms.enabled;

  async function generate() {
    const result = await regenerate.mutateAsync();
    setCodes(result.codes);
  }

  return (
    <SecuritySection id="recovery-codes" title={t('recovery.title')} intro={t('recovery.intro')}>
      {codes && codes.length > 0 && <RecoveryCodesList codes={codes} onDone={() => setCodes(null)} />}
      {hasFactor ? (
        <>
          <p className="font-medium text-slate-900">
            {t('recovery.remaining', { count: recoveryCodes.remaining })}
          </p>
          {recoveryCodes.remaining > 0 ? (
            <SectionActions>
              <ConfirmDialog
                tone="primary"
                title={t('recovery.regenerateTitle')}
                description={t('recovery.regenerateBody')}
                confirmLabel={t('recovery.regenerate')}
                cancelLabel={t('totp.cancel')}
                onConfirm={generate}
                trigger={<Button variant="secondary">{t('recovery.regenerate')}</Button>}
              />
            </SectionActions>
          ) : (
            <>
              <ServerErrorAlert error={regenerate.error} />
              <SectionActions>
                <Button
                  disabled={regenerate.isPending}
                  aria-busy={regenerate.isPending || undefined}
                  onClick={() => void generate().catch(() => undefined)}
                >
                  {t('recovery.regenerate')}
                </Button>
              </SectionActions>
            </>
          )}
        </>
      ) : (
        <p className="text-slate-700">{t('recovery.needsFactor')}</p>
      )}
    </SecuritySection>
  );
}
