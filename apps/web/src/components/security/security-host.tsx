import type { TStepUpMethod } from '@capitune/contracts';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useSession } from '../../lib/auth';
import { setStepUpHandler } from '../../lib/step-up';
import { twoFactorGate } from '../../lib/two-factor-gate';

// Loaded when needed: the home page carries neither the dialog nor the requests behind them.
const StepUpDialog = lazy(() =>
  import('./step-up-dialog').then((module) => ({ default: module.StepUpDialog })),
);
const TwoFactorGraceBanner = lazy(() =>
  import('./two-factor-grace-banner').then((module) => ({ default: module.TwoFactorGraceBanner })),
);

/** The page where second factors are set up; the only one open while the policy waits for one. */
export const securityPagePath = '/profile/security';

interface PendingStepUp {
  methods: TStepUpMethod[];
  resolve: (proven: boolean) => void;
}

/**
 * The layout's part of the account's security: answers step-up requests of the API client with the
 * dialog, sends the person to the security page when the API says a second factor must be set up
 * first, and shows the grace banner to pros and admins who have yet to set one up.
 */
export function SecurityHost() {
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const { status, user } = useSession();
  const [stepUp, setStepUp] = useState<PendingStepUp | null>(null);
  const gated = useSyncExternalStore(
    twoFactorGate.subscribe,
    twoFactorGate.isRequired,
    twoFactorGate.isRequired,
  );

  useEffect(
    () => setStepUpHandler((methods) => new Promise<boolean>((resolve) => setStepUp({ methods, resolve }))),
    [],
  );

  // Signed out, or another person now: the gate was about the previous account.
  const userId = user?.id ?? null;
  const gateOwner = useRef(userId);
  useEffect(() => {
    if (gateOwner.current !== null && gateOwner.current !== userId) twoFactorGate.clear();
    gateOwner.current = userId;
  }, [userId]);

  useEffect(() => {
    if (gated && status === 'signedIn' && pathname !== securityPagePath) {
      void navigate({ to: securityPagePath, search: { setup: 'required' }, replace: true });
    }
  }, [gated, status, pathname, navigate]);

  function finish(proven: boolean) {
    stepUp?.resolve(proven);
    setStepUp(null);
  }

  const mayNeedFactor = status === 'signedIn' && user && user.role !== 'candidate';
  return (
    <>
      {stepUp && (
        <Suspense fallback={null}>
          <StepUpDialog methods={stepUp.methods} onDone={finish} />
        </Suspense>
      )}
      {mayNeedFactor && !gated && pathname !== securityPagePath && (
        <Suspense fallback={null}>
          <TwoFactorGraceBanner />
        </Suspense>
      )}
    </>
  );
}
