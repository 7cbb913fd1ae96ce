import type { TAdminUserDetail } from '@capitune/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Textarea } from '../../../components/ui/textarea';
import { translateMessage } from '../../../lib/form-errors';
import { useResetTwoFactor } from '../api/reset-two-factor';

const CHECK_MIN = 10;

/**
 * For a member who lost every factor: once their identity is checked outside the platform (the
 * procedure in the operations guide), the admin removes their factors. How it was checked is audited.
 */
export function UserTwoFactorReset({ user, onDone }: { user: TAdminUserDetail; onDone: () => void }) {
  const { t } = useTranslation(['admin-users', 'forms']);
  const reset = useResetTwoFactor(user.id);
  const [identityCheck, setIdentityCheck] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const name = `${user.firstName} ${user.lastName}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const text = identityCheck.trim();
    const next = !text
      ? 'i18n:{"key":"forms:validation.required"}'
      : text.length < CHECK_MIN
        ? `i18n:{"key":"forms:validation.tooShort","params":{"count":${CHECK_MIN}}}`
        : undefined;
    setFieldError(next);
    if (!next) setConfirming(true);
  }

  // A refusal is shown in the dialog, which stays open.
  async function confirm() {
    await reset.mutateAsync(identityCheck.trim());
    setIdentityCheck('');
    onDone();
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700 text-sm">{t('actions.twoFactorReset.intro')}</p>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
        <Textarea
          label={t('actions.twoFactorReset.identityCheck')}
          hint={t('actions.twoFactorReset.identityCheckHint')}
          required
          rows={2}
          maxLength={500}
          value={identityCheck}
          error={translateMessage(t, fieldError)}
          onChange={(event) => setIdentityCheck(event.target.value)}
        />
        <Button type="submit" variant="danger" className="self-start" disabled={reset.isPending}>
          {t('actions.twoFactorReset.submit')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('actions.twoFactorReset.confirmTitle', { name })}
        description={t('actions.twoFactorReset.confirmBody', { name })}
        confirmLabel={t('actions.twoFactorReset.confirm')}
        cancelLabel={t('actions.cancel')}
        onConfirm={confirm}
      />
    </div>
  );
}
