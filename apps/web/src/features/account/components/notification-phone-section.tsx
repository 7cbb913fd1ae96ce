import { ZOneTimeCode, ZPhoneNumber } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import {
  useNotificationPhone,
  useSetNotificationPhone,
  useStopNotificationPhone,
  useVerifyNotificationPhone,
} from '../api/notification-phone';
import { FormActions, ProfileSection } from './profile-section';

const hasFieldError = (error: unknown, path: string) =>
  isApiError(error) && error.fieldErrors.some((field) => field.path === path);

/**
 * Text messages: a number (E.164), verified by a code texted to it (the opt-in); its state (verified,
 * stopped by a STOP answer), the messages left today, and a way to stop them all.
 */
export function NotificationPhoneSection() {
  const { t } = useTranslation('account');
  const phone = useNotificationPhone();
  const send = useSetNotificationPhone();
  const verify = useVerifyNotificationPhone();
  const stop = useStopNotificationPhone();
  const [number, setNumber] = useState('');
  const [numberError, setNumberError] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [changing, setChanging] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  async function onSend() {
    setNumberError(undefined);
    setStatus(null);
    verify.reset();
    const parsed = ZPhoneNumber.safeParse(number);
    if (!parsed.success) {
      setNumberError(t('notifications.sms.phoneInvalid'));
      return;
    }
    try {
      await send.mutateAsync(parsed.data);
      setChanging(false);
      setCode('');
      setStatus(t('notifications.sms.sent'));
    } catch (error) {
      if (hasFieldError(error, 'body.phone')) setNumberError(t('notifications.sms.phoneInvalid'));
    }
  }

  async function onVerify() {
    setCodeError(undefined);
    setStatus(null);
    const parsed = ZOneTimeCode.safeParse(code);
    if (!parsed.success) {
      setCodeError(t('notifications.sms.codeInvalid'));
      return;
    }
    try {
      await verify.mutateAsync(parsed.data);
      setCode('');
      setNumber('');
      setStatus(t('notifications.sms.verifiedNow'));
    } catch (error) {
      if (
        hasFieldError(error, 'body.code') ||
        (isApiError(error) && (error.code === 'SECOND_FACTOR_INVALID' || error.code === 'VALIDATION_FAILED'))
      ) {
        setCodeError(t('notifications.sms.codeInvalid'));
      }
    }
  }

  async function onStop() {
    setStatus(null);
    await stop.mutateAsync().catch(() => undefined);
    setChanging(false);
    setNumber('');
    setCode('');
    setStatus(t('notifications.sms.stoppedNow'));
  }

  const sendError = send.error && !hasFieldError(send.error, 'body.phone') ? send.error : null;
  const verifyError = verify.error && !codeError ? verify.error : null;

  const data = phone.data;
  const pendingCode = !!data?.phone && !data.verifiedAt && !changing;
  const showNumberForm = !!data && (!data.phone || changing);

  return (
    <ProfileSection id="sms" title={t('notifications.sms.title')} intro={t('notifications.sms.intro')}>
      {phone.isPending ? (
        <Spinner label={t('loading')} />
      ) : phone.isError ? (
        <ServerErrorAlert error={phone.error} />
      ) : !phone.data.available && !phone.data.phone ? (
        <p className="text-slate-700">{t('notifications.sms.unavailable')}</p>
      ) : (
        <div className="flex flex-col gap-5">
          {data?.phone && data.verifiedAt && !changing && (
            <div className="flex flex-col gap-2">
              <p className="font-medium text-slate-900">
                {data.stoppedAt
                  ? t('notifications.sms.stopped', { phone: data.phone })
                  : t('notifications.sms.verified', { phone: data.phone })}
              </p>
              {!data.stoppedAt && (
                <p className="text-slate-700 text-sm">
                  {t('notifications.sms.remaining', { count: data.remainingToday })}
                </p>
              )}
              {!data.available && (
                <p className="text-slate-700 text-sm">{t('notifications.sms.unavailable')}</p>
              )}
              <div className="flex flex-wrap gap-3">
                <Button variant="secondary" onClick={() => setChanging(true)}>
                  {data.stoppedAt ? t('notifications.sms.restart') : t('notifications.sms.change')}
                </Button>
                <Button variant="secondary" disabled={stop.isPending} onClick={() => void onStop()}>
                  {t('notifications.sms.stop')}
                </Button>
              </div>
            </div>
          )}

          {pendingCode && (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void onVerify();
              }}
              className="flex flex-col gap-4"
            >
              <Alert tone="info" live={false}>
                {t('notifications.sms.codeSentTo', { phone: data?.phone ?? '' })}
              </Alert>
              <Input
                label={t('notifications.sms.codeLabel')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={9}
                required
                value={code}
                error={codeError}
                onChange={(event) => setCode(event.target.value)}
                className="sm:max-w-xs"
              />
              <ServerErrorAlert error={verifyError} />
              <FormActions>
                <SubmitButton pending={verify.isPending}>{t('notifications.sms.verify')}</SubmitButton>
                <Button variant="ghost" onClick={() => setChanging(true)}>
                  {t('notifications.sms.change')}
                </Button>
                <Button variant="ghost" disabled={stop.isPending} onClick={() => void onStop()}>
                  {t('notifications.sms.cancel')}
                </Button>
              </FormActions>
            </form>
          )}

          {showNumberForm && (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void onSend();
              }}
              className="flex flex-col gap-4"
            >
              <Input
                label={t('notifications.sms.phoneLabel')}
                hint={t('notifications.sms.phoneHint')}
                type="tel"
                autoComplete="tel"
                inputMode="tel"
                required
                value={number}
                error={numberError}
                onChange={(event) => setNumber(event.target.value)}
                className="sm:max-w-md"
              />
              <p className="text-slate-600 text-sm">{t('notifications.sms.consent')}</p>
              <ServerErrorAlert error={sendError} />
              <FormActions>
                <SubmitButton pending={send.isPending}>{t('notifications.sms.send')}</SubmitButton>
                {changing && (
                  <Button variant="ghost" onClick={() => setChanging(false)}>
                    {t('notifications.sms.keep')}
                  </Button>
                )}
              </FormActions>
            </form>
          )}
          <ServerErrorAlert error={stop.error} />
        </div>
      )}
      <div className="mt-3">
        <SaveStatus message={status} />
      </div>
    </ProfileSection>
  );
}
