import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useSyncExternalStore } from 'react';
import { useSession } from '../../../lib/auth';
import { consentPagePath, mustAnswerConsents } from '../../../lib/consent-gate';
import { twoFactorGate } from '../../../lib/two-factor-gate';

/**
 * The layout's part of the consent question: on any page (public ones too), a signed-in person with a
 * new version to accept goes to the consent page, and comes back here after. The second-factor setup,
 * when required, comes first.
 */
export function ConsentGate() {
  const navigate = useNavigate();
  const location = useRouterState({ select: (state) => state.location });
  const { status, user } = useSession();
  const gated = useSyncExternalStore(
    twoFactorGate.subscribe,
    twoFactorGate.isRequired,
    twoFactorGate.isRequired,
  );
  const required = status === 'signedIn' && !gated && mustAnswerConsents(user, location.pathname);

  useEffect(() => {
    if (required) void navigate({ to: consentPagePath, search: { redirect: location.href }, replace: true });
  }, [required, location.href, navigate]);

  return null;
}
