import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/auth';
import { useSecurityOverview } from '../../lib/security/security-overview';
import { Button, ButtonLink } from '../ui/button';
import { Card } from '../ui/card';
import { ShieldCheckIcon } from '../ui/icons';

const dismissedKey = (userId: string) => `capitune.two-factor-offer.dismissed.${userId}`;

function readDismissed(userId: string): boolean {
  try {
    return window.localStorage.getItem(dismissedKey(userId)) === '1';
  } catch {
    return false;
  }
}

/**
 * For a candidate with no second factor yet: an invitation to add one, until they do or say "later"
 * (remembered on this browser).
 */
export function TwoFactorOffer({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const candidate = user?.role === 'candidate';
  const [dismissed, setDismissed] = useState(() => (user ? readDismissed(user.id) : true));
  const overview = useSecurityOverview({ enabled: candidate && !dismissed });
  if (!user || !candidate || dismissed || !overview.data) return null;
  const { totp, passkeys, email, sms } = overview.data;
  if (totp.enabled || passkeys.count > 0 || email.enabled || sms.enabled) return null;

  function dismiss() {
    try {
      if (user) window.localStorage.setItem(dismissedKey(user.id), '1');
    } catch {
      // storage disabled: the card comes back on the next visit
    }
    setDismissed(true);
  }

  return (
    <Card as="section" aria-labelledby="two-factor-offer-title" className={className}>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <ShieldCheckIcon className="hidden size-8 shrink-0 text-brand-800 sm:block" />
        <div className="flex-1">
          <h2 id="two-factor-offer-title" className="font-semibold text-brand-950 text-xl">
            {t('twoFactor.offerTitle')}
          </h2>
          <p className="mt-2 text-slate-700">{t('twoFactor.offerBody')}</p>
          <div className="mt-4 flex flex-col gap-2 sm:flex-row">
            <ButtonLink to="/profile/security">{t('twoFactor.offerLink')}</ButtonLink>
            <Button variant="ghost" onClick={dismiss}>
              {t('twoFactor.offerDismiss')}
            </Button>
          </div>
        </div>
      </div>
    </Card>
  );
}
