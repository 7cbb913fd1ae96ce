import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/ui/button';
import { useSession } from '../../../lib/auth';

/**
 * For a pro whose licence is not verified (or whose renewal date passed): candidates cannot reach them
 * yet, said plainly, with the way to their verification file.
 */
export function VerificationBanner() {
  const { t } = useTranslation('dashboard');
  const { user } = useSession();
  const headingId = useId();
  if (user?.role !== 'pro' || user.firmRole === 'agent' || user.proStanding === 'verified') return null;
  return (
    <section
      aria-labelledby={headingId}
      className="mt-6 max-w-3xl rounded-2xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-300 ring-inset sm:p-5"
    >
      <h2 id={headingId} className="font-semibold text-lg">
        {t('verificationBanner.title')}
      </h2>
      <p className="mt-1">{t('verificationBanner.body')}</p>
      <ButtonLink to="/verification" variant="secondary" className="mt-3">
        {t('verificationBanner.link')}
      </ButtonLink>
    </section>
  );
}
