import type { TSecurityOverview } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { Alert, type AlertTone } from '../../../components/ui/alert';
import { SecuritySection } from './security-section';

/** Whether two-factor is required of this account, why, until when, and whether it is met. */
export function PolicyPanel({
  overview,
  when,
}: {
  overview: TSecurityOverview;
  when: (iso: string) => string;
}) {
  const { t } = useTranslation('security');
  const { policy, stepUp } = overview;

  let tone: AlertTone;
  let state: string;
  if (policy.required) {
    if (policy.satisfied) [tone, state] = ['success', t('policy.satisfied')];
    else if (policy.setupRequiredNow || !policy.graceEndsAt) [tone, state] = ['error', t('policy.now')];
    else [tone, state] = ['warning', t('policy.grace', { date: when(policy.graceEndsAt) })];
  } else if (policy.satisfied) {
    [tone, state] = ['success', t('policy.optionalOn')];
  } else {
    [tone, state] = ['info', t('policy.optionalOff')];
  }

  return (
    <SecuritySection id="two-step" title={t('policy.title')}>
      <Alert tone={tone} live={false}>
        <p className="font-medium">{state}</p>
        {policy.reason && (
          <p className="mt-1">
            {t(policy.reason === 'firm' ? 'policy.requiredFirm' : 'policy.requiredRole')}
          </p>
        )}
      </Alert>
      {policy.required && <p className="text-slate-700">{t('policy.fallbackNote')}</p>}
      {stepUp.validUntil && (
        <p className="text-slate-600 text-sm">{t('policy.stepUpUntil', { time: when(stepUp.validUntil) })}</p>
      )}
    </SecuritySection>
  );
}
