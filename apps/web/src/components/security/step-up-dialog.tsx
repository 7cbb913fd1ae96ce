import type { TStepUpMethod } from '@capitune/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/auth';
import { startStepUp, stepUp } from '../../lib/security/step-up-requests';
import { Button } from '../ui/button';
import { Dialog, DialogClose, DialogContent } from '../ui/dialog';
import { FactorProofForm } from './factor-proof-form';

/**
 * "Confirm that it's you", asked by a sensitive action the API refused with STEP_UP_REQUIRED: one of
 * the methods it offers (the password for an account with no factor). `onDone(true)` once proven (the
 * action is then sent again), `onDone(false)` when closed.
 */
export function StepUpDialog({
  methods,
  onDone,
}: {
  methods: readonly TStepUpMethod[];
  onDone: (proven: boolean) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  // Opened by a request, without a trigger of its own: once closed, the focus goes back to where the
  // person was (the button of the sensitive action) instead of the top of the page.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement) opener.focus();
    },
    [opener],
  );

  return (
    <Dialog open onOpenChange={(open) => !open && onDone(false)}>
      <DialogContent title={t('stepUp.title')} description={t('stepUp.description')}>
        <FactorProofForm
          methods={methods}
          start={startStepUp}
          prove={async (proof) => {
            await stepUp(proof);
            onDone(true);
          }}
          submitLabel={t('stepUp.submit')}
          {...(user ? { username: user.email } : {})}
          actions={
            <DialogClose asChild>
              <Button variant="secondary">{t('stepUp.cancel')}</Button>
            </DialogClose>
          }
        />
      </DialogContent>
    </Dialog>
  );
}
