import { type TSecurityOverview, ZOneTimeCode, ZPhoneNumber } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import { useConfirmSmsFactor } from '../api/confirm-sms-factor';
import { useRemoveSmsFactor } from '../api/remove-sms-factor';
import { useStartSmsFactor } from '../api/start-sms-factor';
import { SectionActions, SecuritySection } from './security-section';

/** Codes by SMS: a number confirmed by a first code, or removed; only where SMS can be sent. */
export function SmsFactorSection({ overview }: { overview: TSecurityOverview }) {
  const { t } = useTranslation(['security', 'common']);
  const start = useStartSmsFactor();
  const confirm = useConfirmSmsFactor();
  const remove = useRemoveSmsFactor();
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { sms } = overview;

  async function onSend() {
    setPhoneError(undefined);
    setStatus(null);
    const parsed = ZPhoneNumber.safeParse(phone);
    if (!parsed.success) {
      setPhoneError(t('sms.phoneInvalid'));
      return;
    }
    try {
      const { sentTo: masked } = await start.mutateAsync(parsed.data);
      setSentTo(masked);
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.some((field) => field.path === 'body.phone')) {
        setPhoneError(t('sms.phoneInvalid'));
      }
    }
  }

  async function onConfirm() {
    setCodeError(undefined);
    const parsed = ZOneTimeCode.safeParse(code);
    if (!parsed.success) {
      setCodeError(t('common:factor.invalidCode'));
      return;
    }
    try {
      await confirm.mutateAsync(parsed.data);
      setSentTo(null);
      setPhone('');
      setCode('');
      setStatus(t('sms.enabledNow'));
    } catch (error) {
      if (
        isApiError(error) &&
        (error.code === 'SECOND_FACTOR_INVALID' ||
          error.fieldErrors.some((field) => field.path === 'body.code'))
      ) {
        setCodeError(t('common:errors.SECOND_FACTOR_INVALID'));
      }
    }
  }

  const startError =
    start.error && !(isApiError(start.error) && start.error.fieldErrors.length > 0) ? start.error : null;
  const confirmError =
    confirm.error &&
    !(
      isApiError(confirm.error) &&
      (confirm.error.code === 'SECOND_FACTOR_INVALID' || confirm.error.fieldErrors.length > 0)
    )
      ? confirm.error
      : null;

  return (
    <SecuritySection id="sms-codes" title={t('sms.title')} intro={t('sms.intro')}>
      {!sms.available && !sms.enabled ? (
        <p className="text-slate-700">{t('sms.unavailable')}</p>
      ) : sms.enabled ? (
        <>
          <p className="font-medium text-slate-900">{t('sms.enabled', { phone: sms.phone ?? '' })}</p>
          {!sms.available && <p className="text-slate-700">{t('sms.unavailable')}</p>}
          <SectionActions>
            <ConfirmDialog
              title={t('sms.removeTitle')}
              description={t('sms.removeBody')}
              confirmLabel={t('sms.remove')}
              cancelLabel={t('totp.cancel')}
              onConfirm={async () => {
                setStatus(null);
                await remove.mutateAsync();
                setStatus(t('sms.removed'));
              }}
              trigger={<Button variant="secondary">{t('sms.remove')}</Button>}
            />
          </SectionActions>
        </>
      ) : sentTo ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onConfirm();
          }}
          className="flex flex-col gap-4"
        >
          <Alert tone="success">{t('sms.sent', { phone: sentTo })}</Alert>
          <Input
            label={t('sms.codeLabel')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            required
            autoFocus
            value={code}
            error={codeError}
            onChange={(event) => setCode(event.target.value)}
            className="sm:max-w-xs"
          />
          <ServerErrorAlert error={confirmError} />
          <SectionActions>
            <SubmitButton pending={confirm.isPending}>{t('sms.confirm')}</SubmitButton>
            <Button
              variant="ghost"
              onClick={() => {
                setSentTo(null);
                setCode('');
                confirm.reset();
              }}
            >
              {t('sms.changeNumber')}
            </Button>
          </SectionActions>
        </form>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void onSend();
          }}
          className="flex flex-col gap-4"
        >
          <Input
            label={t('sms.phoneLabel')}
            hint={t('sms.phoneHint')}
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            required
            value={phone}
            error={phoneError}
            onChange={(event) => setPhone(event.target.value)}
            className="sm:max-w-md"
          />
          <ServerErrorAlert error={startError} />
          <SectionActions>
            <SubmitButton pending={start.isPending}>{t('sms.send')}</SubmitButton>
          </SectionActions>
        </form>
      )}
      <SaveStatus message={status} />
    </SecuritySection>
  );
}
