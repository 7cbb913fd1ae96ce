import {
  type TFactorStart,
  type TStepUpBody,
  type TStepUpMethod,
  ZOneTimeCode,
  ZRecoveryCode,
} from '@capitune/contracts';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-error';
import { needsStart, orderMethods, type StartedMethod } from '../../lib/security/methods';
import { authenticateWithPasskey, passkeyFailure, supportsWebAuthn } from '../../lib/webauthn';
import { ServerErrorAlert } from '../forms/server-error-alert';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { Input } from '../ui/input';
import { PasswordInput } from '../ui/password-input';
import { SubmitButton } from '../ui/submit-button';

/** A proof of identity: a code, a passkey's answer, or the password (step-up of an account with no factor). */
export type FactorProof = TStepUpBody;

/** The API's refusals of the proof itself, shown under its field rather than above the form. */
const proofRefusals = new Set(['SECOND_FACTOR_INVALID', 'WRONG_PASSWORD', 'INVALID_CREDENTIALS']);

export interface FactorProofFormProps {
  /** What the API offers; shown in the usual order, a passkey only where the browser can use one. */
  methods: readonly TStepUpMethod[];
  /** Sends the email or SMS code, or fetches the passkey's options. */
  start: (method: StartedMethod) => Promise<TFactorStart>;
  /** Checks the proof; rejects with the API's error. */
  prove: (proof: FactorProof) => Promise<void>;
  /** The submit button's text once a code is there to check ("Vérifier", "Confirmer"). */
  submitLabel: string;
  /** More buttons beside the submit one (cancel, back). */
  actions?: ReactNode;
  /** The account's address, for password managers, when the password is asked. */
  username?: string;
}

/**
 * Asks for one proof among the methods offered: a code of the authenticator app, a passkey, a code
 * sent by email or SMS, a recovery code, or the password. Used by the second step of the sign-in and
 * by the step-up dialog.
 */
export function FactorProofForm({
  methods,
  start,
  prove,
  submitLabel,
  actions,
  username,
}: FactorProofFormProps) {
  const { t } = useTranslation();
  const [webAuthn] = useState(supportsWebAuthn);
  const offered = orderMethods(methods, webAuthn);
  const [method, setMethod] = useState<TStepUpMethod | undefined>(offered[0]);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<Partial<Record<StartedMethod, string>>>({});
  const [pending, setPending] = useState(false);
  const groupName = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const sent = method && needsStart(method) ? sentTo[method] : undefined;

  // Once a code is on its way, the field to type it in takes the focus.
  useEffect(() => {
    if (sent) fieldRef.current?.focus();
  }, [sent]);

  if (!method) return <Alert tone="error">{t('errors.INTERNAL')}</Alert>;
  const current: TStepUpMethod = method;

  function choose(next: TStepUpMethod) {
    setMethod(next);
    setValue('');
    setFieldError(undefined);
    setFormError(null);
    setNotice(null);
  }

  async function send(channel: 'email' | 'sms') {
    const answer = await start(channel);
    if (answer.method !== 'passkey') setSentTo((previous) => ({ ...previous, [channel]: answer.sentTo }));
  }

  /** The proof to send for a typed value, or an error message to show under the field. */
  function proofOfValue(): FactorProof | string {
    switch (current) {
      case 'password':
        return value ? { method: 'password', password: value } : t('factor.wrongPassword');
      case 'recovery_code': {
        const parsed = ZRecoveryCode.safeParse(value);
        return parsed.success
          ? { method: 'recovery_code', code: parsed.data }
          : t('factor.invalidRecoveryCode');
      }
      default: {
        const parsed = ZOneTimeCode.safeParse(value);
        if (!parsed.success) return t('factor.invalidCode');
        return current === 'email' || current === 'sms' || current === 'totp'
          ? { method: current, code: parsed.data }
          : t('factor.invalidCode');
      }
    }
  }

  async function submit() {
    setFieldError(undefined);
    setFormError(null);
    setNotice(null);
    if (current === 'passkey') {
      const answer = await start('passkey');
      if (answer.method !== 'passkey') return;
      try {
        const credential = await authenticateWithPasskey(answer.options);
        await prove({ method: 'passkey', credential });
      } catch (error) {
        const failure = passkeyFailure(error);
        if (failure) {
          setNotice(failure === 'cancelled' ? t('factor.passkey.cancelled') : t('factor.passkey.failed'));
          return;
        }
        throw error;
      }
      return;
    }
    if ((current === 'email' || current === 'sms') && !sentTo[current]) {
      await send(current);
      return;
    }
    const proof = proofOfValue();
    if (typeof proof === 'string') {
      setFieldError(proof);
      fieldRef.current?.focus();
      return;
    }
    await prove(proof);
  }

  async function run(task: () => Promise<void>) {
    setPending(true);
    try {
      await task();
    } catch (error) {
      if (isApiError(error) && proofRefusals.has(error.code) && current !== 'passkey') {
        setFieldError(current === 'password' ? t('factor.wrongPassword') : t('errors.SECOND_FACTOR_INVALID'));
        fieldRef.current?.focus();
      } else {
        setFormError(error);
      }
    } finally {
      setPending(false);
    }
  }

  const buttonLabel =
    current === 'passkey'
      ? t('factor.passkey.use')
      : (current === 'email' || current === 'sms') && !sent
        ? t(current === 'email' ? 'factor.code.sendEmail' : 'factor.code.sendSms')
        : submitLabel;

  return (
    <div className="flex flex-col gap-5">
      {offered.length > 1 && (
        <fieldset>
          <legend className="font-medium text-slate-900">{t('factor.methodsLegend')}</legend>
          <div className="mt-2 flex flex-col gap-1">
            {offered.map((option) => (
              <label
                key={option}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-slate-200 ring-inset has-checked:bg-brand-50 has-checked:ring-brand-400"
              >
                <input
                  type="radio"
                  name={groupName}
                  value={option}
                  checked={option === current}
                  onChange={() => choose(option)}
                  className="size-4 accent-brand-800"
                />
                <span>{t(`factor.methods.${option}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(submit);
        }}
        className="flex flex-col gap-5"
      >
        {current === 'totp' && (
          <Input
            ref={fieldRef}
            label={t('factor.totp.label')}
            hint={t('factor.totp.hint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            required
            value={value}
            error={fieldError}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        {current === 'recovery_code' && (
          <Input
            ref={fieldRef}
            label={t('factor.recovery.label')}
            hint={t('factor.recovery.hint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={24}
            required
            value={value}
            error={fieldError}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        {current === 'password' && (
          <>
            {username && (
              <input type="email" name="username" autoComplete="username" value={username} readOnly hidden />
            )}
            <p className="text-slate-700">{t('factor.password.hint')}</p>
            <PasswordInput
              ref={fieldRef}
              label={t('factor.password.label')}
              autoComplete="current-password"
              required
              value={value}
              error={fieldError}
              onChange={(event) => setValue(event.target.value)}
            />
          </>
        )}
        {current === 'passkey' && <p className="text-slate-700">{t('factor.passkey.hint')}</p>}
        {(current === 'email' || current === 'sms') && sent && (
          <>
            <Alert tone="success">{t('factor.code.sentTo', { sentTo: sent })}</Alert>
            <Input
              ref={fieldRef}
              label={t('factor.code.label')}
              hint={t('factor.code.hint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={9}
              required
              value={value}
              error={fieldError}
              onChange={(event) => setValue(event.target.value)}
            />
          </>
        )}

        {notice && <Alert tone="warning">{notice}</Alert>}
        <ServerErrorAlert error={formError} />

        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
          <SubmitButton pending={pending}>{buttonLabel}</SubmitButton>
          {(current === 'email' || current === 'sms') && sent && (
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => {
                setValue('');
                void run(() => send(current));
              }}
            >
              {t('factor.code.resend')}
            </Button>
          )}
          {actions}
        </div>
      </form>
    </div>
  );
}
