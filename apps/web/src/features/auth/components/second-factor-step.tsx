import type { TLoginResponse, TSecondFactorMethod } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { FactorProofForm } from '../../../components/security/factor-proof-form';
import { Button } from '../../../components/ui/button';
import { isApiError } from '../../../lib/api-error';
import { completeSecondFactor, startSecondFactor } from '../api/second-factor';
import { AuthLayout } from './auth-layout';

/**
 * The second step of a sign-in whose password was right: one of the account's factors. `onExpired`
 * when the waiting sign-in is over (10 minutes, too many wrong codes): the password step again.
 */
export function SecondFactorStep({
  challengeId,
  methods,
  onSignedIn,
  onExpired,
  onBack,
}: {
  challengeId: string;
  methods: TSecondFactorMethod[];
  onSignedIn: (response: TLoginResponse) => Promise<void>;
  onExpired: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation(['auth', 'common']);

  async function expiredAware<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (isApiError(error) && error.code === 'SECOND_FACTOR_EXPIRED') onExpired();
      throw error;
    }
  }

  return (
    <AuthLayout title={t('auth:secondFactor.title')} intro={<p>{t('auth:secondFactor.intro')}</p>} focusTitle>
      <FactorProofForm
        methods={methods}
        start={(method) => expiredAware(() => startSecondFactor({ challengeId, method }))}
        prove={async (proof) => {
          if (proof.method === 'password') return;
          const response = await expiredAware(() => completeSecondFactor({ ...proof, challengeId }));
          await onSignedIn(response);
        }}
        submitLabel={t('auth:secondFactor.submit')}
        actions={
          <Button variant="ghost" onClick={onBack}>
            {t('auth:secondFactor.back')}
          </Button>
        }
      />
    </AuthLayout>
  );
}
