import { type TFirmInvitationLookup, ZFirmInvitationAcceptBody } from '@capitune/contracts';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { ButtonLink } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { PasswordInput } from '../../../components/ui/password-input';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import { session } from '../../../lib/auth';
import { applyServerErrors, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { currentLocale } from '../../../lib/i18n';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useAcceptInvitation } from '../api/accept-invitation';
import { useFirmInvitation } from '../api/lookup-invitation';

const route = getRouteApi('/join-firm');

/**
 * `/join-firm?token=…`: a person invited to join a firm as an agent chooses a password (and checks their
 * names), then is signed in and sees the firm.
 */
export function JoinFirmPage() {
  const { t } = useTranslation('firm');
  usePageMeta(t('join.metaTitle'));
  const { token } = route.useSearch();

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('join.title')}</h1>
      {token ? <Invitation token={token} /> : <DeadLink expired={false} />}
    </div>
  );
}

function DeadLink({ expired }: { expired: boolean }) {
  const { t } = useTranslation('firm');
  return (
    <>
      <p className="mt-4 text-lg text-slate-700">{expired ? t('join.expired') : t('join.badLink')}</p>
      <ButtonLink to="/" variant="secondary" className="mt-6">
        {t('join.home')}
      </ButtonLink>
    </>
  );
}

function Invitation({ token }: { token: string }) {
  const { t } = useTranslation('firm');
  const invitation = useFirmInvitation(token);
  if (invitation.isPending) return <Spinner label={t('join.loading')} className="mt-8" />;
  if (invitation.isError) {
    const code = isApiError(invitation.error) ? invitation.error.code : null;
    return code === 'INVALID_TOKEN' || code === 'TOKEN_EXPIRED' ? (
      <DeadLink expired={code === 'TOKEN_EXPIRED'} />
    ) : (
      <ServerErrorAlert error={invitation.error} className="mt-8" />
    );
  }
  return <JoinForm token={token} invitation={invitation.data} />;
}

interface JoinValues {
  firstName: string;
  lastName: string;
  password: string;
}

const ZJoinForm = ZFirmInvitationAcceptBody.pick({ firstName: true, lastName: true, password: true });
type JoinOutput = z.output<typeof ZJoinForm>;

function JoinForm({ token, invitation }: { token: string; invitation: TFirmInvitationLookup }) {
  const { t } = useTranslation(['firm', 'forms']);
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const [formError, setFormError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const form = useForm<JoinValues, unknown, JoinOutput>({
    resolver: formResolver<JoinValues, JoinOutput>(ZJoinForm),
    defaultValues: { firstName: invitation.firstName, lastName: invitation.lastName, password: '' },
  });
  const { errors } = form.formState;

  async function onSubmit(values: JoinOutput) {
    setFormError(null);
    try {
      const { signedIn } = await accept.mutateAsync({ ...values, token, locale: currentLocale() });
      if (!signedIn) {
        setDone(true);
        return;
      }
      session.signIn(signedIn);
      await navigate({ to: '/firm', replace: true });
    } catch (error) {
      if (!applyServerErrors(error, form.setError, ['firstName', 'lastName', 'password']))
        setFormError(error);
    }
  }

  if (done) {
    return (
      <>
        <Alert tone="success" className="mt-6">
          {t('join.done')}
        </Alert>
        <ButtonLink to="/login" className="mt-6">
          {t('join.login')}
        </ButtonLink>
      </>
    );
  }

  return (
    <>
      <p className="mt-4 text-lg text-slate-700">
        {t('join.intro', {
          firm: invitation.firmName,
          supervisor: `${invitation.supervisor.firstName} ${invitation.supervisor.lastName}`,
        })}
      </p>
      <p className="mt-2 text-slate-700">{t('join.explain')}</p>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="mt-6 flex flex-col gap-5">
        <Input label={t('join.email')} value={invitation.email} readOnly autoComplete="username" />
        <div className="grid gap-5 sm:grid-cols-2">
          <Input
            label={t('join.firstName')}
            autoComplete="given-name"
            required
            error={translateMessage(t, errors.firstName?.message)}
            {...form.register('firstName')}
          />
          <Input
            label={t('join.lastName')}
            autoComplete="family-name"
            required
            error={translateMessage(t, errors.lastName?.message)}
            {...form.register('lastName')}
          />
        </div>
        <PasswordInput
          label={t('join.password')}
          hint={t('forms:passwordRules')}
          autoComplete="new-password"
          required
          error={translateMessage(t, errors.password?.message)}
          {...form.register('password')}
        />
        <ServerErrorAlert error={formError} />
        <SubmitButton pending={accept.isPending} size="lg">
          {t('join.submit')}
        </SubmitButton>
      </form>
    </>
  );
}
