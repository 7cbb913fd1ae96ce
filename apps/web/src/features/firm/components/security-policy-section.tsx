import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { Spinner } from '../../../components/ui/spinner';
import { useSecurityPolicy } from '../api/get-security-policy';
import { usePutSecurityPolicy } from '../api/put-security-policy';

/**
 * The firm's rule for its members' sign-in: "require two-factor for all members", saved as soon as it is
 * switched (the API may first ask the licensee to prove it is them).
 */
export function SecurityPolicySection({
  firmId,
  headingId,
  className,
}: {
  firmId: string;
  headingId: string;
  className?: string;
}) {
  const { t } = useTranslation('firm');
  const policy = useSecurityPolicy(firmId);
  const save = usePutSecurityPolicy();
  const hintId = useId();
  const [saved, setSaved] = useState<boolean | null>(null);

  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('policy.heading')}
      </h2>
      <p id={hintId} className="mt-2 text-slate-700">
        {t('policy.intro')}
      </p>
      {policy.isPending && <Spinner label={t('policy.loading')} className="mt-4" />}
      {policy.isError && (
        <ServerErrorAlert error={policy.error} className="mt-4">
          <Button variant="secondary" className="mt-3" onClick={() => void policy.refetch()}>
            {t('policy.retry')}
          </Button>
        </ServerErrorAlert>
      )}
      {policy.data && (
        <div className="mt-4 flex flex-col gap-3">
          <Checkbox
            role="switch"
            label={t('policy.requireTwoFactor')}
            aria-describedby={hintId}
            checked={save.isPending ? save.variables.requireTwoFactor : policy.data.requireTwoFactor}
            // Not `disabled` while saving: that would take the keyboard focus away from the switch.
            aria-disabled={save.isPending || undefined}
            onChange={(event) => {
              if (save.isPending) return;
              const requireTwoFactor = event.target.checked;
              setSaved(null);
              save.mutate({ firmId, requireTwoFactor }, { onSuccess: () => setSaved(requireTwoFactor) });
            }}
          />
          <ServerErrorAlert error={save.error} />
          <SaveStatus message={saved === null ? null : t(saved ? 'policy.savedOn' : 'policy.savedOff')} />
        </div>
      )}
    </section>
  );
}
