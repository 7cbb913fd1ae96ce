import { useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ResendVerification } from '../../components/account/resend-verification';
import { MailIcon } from '../../components/ui/icons';
import { useSession } from '../../lib/auth';

/**
 * For a signed-in person whose email is not confirmed: what is closed until it is, and a way to get a
 * new link. Disappears as soon as the session says the address is confirmed.
 */
export function UnverifiedBanner() {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  if (status !== 'signedIn' || !user || user.emailVerified) return null;
  // The verification page says it all itself (and offers its own "resend" when the link has expired).
  if (pathname === '/verify-email') return null;

  return (
    <section aria-labelledby="unverified-banner-title" className="border-amber-300 border-b bg-amber-50">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:gap-4 sm:px-6 lg:px-8">
        <MailIcon className="hidden size-6 shrink-0 text-amber-900 sm:block" />
        <div className="flex-1">
          <h2 id="unverified-banner-title" className="font-semibold text-amber-950">
            {t('unverified.title')}
          </h2>
          <p className="mt-1 text-amber-950">{t('unverified.body', { email: user.email })}</p>
        </div>
        <ResendVerification email={user.email} className="sm:max-w-xs sm:items-end sm:text-end" />
      </div>
    </section>
  );
}
