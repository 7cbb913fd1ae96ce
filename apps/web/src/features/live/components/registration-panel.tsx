import type { TEvent } from '@capitune/contracts';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResendVerification } from '../../../components/account/resend-verification';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { CheckIcon } from '../../../components/ui/icons';
import { useSession } from '../../../lib/auth';
import { useCancelMyRegistration } from '../api/cancel-my-registration';
import { eventIcsPath, useDownloadFile } from '../api/download-file';
import { useRegisterForEvent } from '../api/register-for-event';
import type { StreamPhase } from '../lib/stream-window';
import { DownloadIcon } from './live-icons';

/**
 * The viewer's registration: register (a seat or the waitlist), cancel, "waitlisted (position N)",
 * "registration closed"; why an unconfirmed address cannot register; and the calendar file.
 */
export function RegistrationPanel({ event, phase }: { event: TEvent; phase: StreamPhase }) {
  const { t } = useTranslation('live');
  const { status, user } = useSession();
  const [outcome, setOutcome] = useState<string | null>(null);
  const registration = event.viewer.registration;
  const path = `/live/${event.id}`;

  const headingRef = useRef<HTMLHeadingElement>(null);
  // The button pressed gives way to other controls: keep the keyboard in the panel, at its heading.
  const focusHeading = () => window.setTimeout(() => headingRef.current?.focus(), 0);
  const register = useRegisterForEvent(event.id, {
    onRegistered: (result) =>
      setOutcome(
        result.status === 'registered'
          ? t('registration.registeredNotice')
          : t('registration.waitlistedNotice', { position: result.waitlistPosition ?? 1 }),
      ),
  });
  const cancel = useCancelMyRegistration(event.id, {
    onCancelled: () => setOutcome(t('registration.cancelledNotice')),
  });
  const confirmCancel = async () => {
    await cancel.mutateAsync();
    focusHeading();
  };

  let body: ReactNode;
  if (status !== 'signedIn' || !user) {
    body = event.viewer.registrationOpen ? (
      <>
        <p className="text-slate-800">{t('registration.signInToRegister')}</p>
        <div className="mt-3 flex flex-col gap-2">
          <ButtonLink to="/login" search={{ redirect: path }} variant="primary" block>
            {t('registration.logIn')}
          </ButtonLink>
          <ButtonLink to="/signup" variant="secondary" block>
            {t('registration.signUp')}
          </ButtonLink>
        </div>
      </>
    ) : (
      <ClosedNotice event={event} phase={phase} />
    );
  } else if (registration?.status === 'registered') {
    body = (
      <>
        <p className="flex items-center gap-2 font-semibold text-emerald-800">
          <CheckIcon className="size-5 shrink-0" />
          {t('registration.youAreRegistered')}
        </p>
        {phase !== 'ended' && (
          <div className="mt-3">
            <ConfirmDialog
              trigger={<Button variant="secondary">{t('registration.cancel')}</Button>}
              title={t('registration.cancelTitle')}
              description={t('registration.cancelBody')}
              confirmLabel={t('registration.cancelConfirm')}
              cancelLabel={t('confirm.back')}
              onConfirm={confirmCancel}
            />
          </div>
        )}
      </>
    );
  } else if (registration?.status === 'waitlisted') {
    body = (
      <>
        <p className="font-semibold text-amber-900">
          {t('registration.youAreWaitlisted', { position: registration.waitlistPosition ?? 1 })}
        </p>
        <p className="mt-1 text-slate-700 text-sm">{t('registration.waitlistHint')}</p>
        {phase !== 'ended' && (
          <div className="mt-3">
            <ConfirmDialog
              trigger={<Button variant="secondary">{t('registration.leaveWaitlist')}</Button>}
              title={t('registration.leaveWaitlistTitle')}
              description={t('registration.leaveWaitlistBody')}
              confirmLabel={t('registration.leaveWaitlistConfirm')}
              cancelLabel={t('confirm.back')}
              onConfirm={confirmCancel}
            />
          </div>
        )}
      </>
    );
  } else if (!event.viewer.registrationOpen) {
    body = <ClosedNotice event={event} phase={phase} />;
  } else if (!user.emailVerified) {
    body = (
      <Alert tone="warning" live={false} title={t('registration.unverifiedTitle')}>
        <p>{t('registration.unverifiedBody', { email: user.email })}</p>
        <ResendVerification email={user.email} className="mt-3" />
      </Alert>
    );
  } else {
    const full = event.seatsLeft === 0;
    body = (
      <>
        {full && <p className="mb-3 text-slate-800">{t('registration.fullHint')}</p>}
        <Button
          block
          disabled={register.isPending}
          aria-busy={register.isPending || undefined}
          onClick={() => {
            setOutcome(null);
            register.mutate(undefined, { onSuccess: focusHeading });
          }}
        >
          {full ? t('registration.joinWaitlist') : t('registration.register')}
        </Button>
        <ServerErrorAlert error={register.error} className="mt-3" />
      </>
    );
  }

  return (
    <section
      aria-labelledby="registration-title"
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2
        ref={headingRef}
        id="registration-title"
        tabIndex={-1}
        className="mb-3 font-semibold text-brand-950 text-xl"
      >
        {t('registration.title')}
      </h2>
      {body}
      <p role="status" className="mt-3 font-medium text-emerald-800 empty:hidden">
        {outcome}
      </p>
      {event.status !== 'draft' && event.status !== 'cancelled' && <AddToCalendar event={event} />}
    </section>
  );
}

function ClosedNotice({ event, phase }: { event: TEvent; phase: StreamPhase }) {
  const { t } = useTranslation('live');
  const reason =
    event.status === 'cancelled'
      ? t('registration.closedCancelled')
      : event.status === 'draft'
        ? t('registration.closedDraft')
        : phase === 'ended'
          ? t('registration.closedEnded')
          : t('registration.closed');
  return (
    <p className="text-slate-800">
      <span className="font-semibold">{t('registration.closedTitle')}</span> {reason}
    </p>
  );
}

/** The calendar file of the webinar (fetched with the session, then saved). */
function AddToCalendar({ event }: { event: TEvent }) {
  const { t } = useTranslation('live');
  const download = useDownloadFile(eventIcsPath(event.id), `capitune-${event.id.slice(0, 8)}.ics`);
  return (
    <div className="mt-4 border-slate-200 border-t pt-4">
      <Button variant="secondary" block disabled={download.isPending} onClick={() => download.mutate()}>
        <DownloadIcon />
        {t('registration.addToCalendar')}
      </Button>
      <p className="mt-1.5 text-slate-600 text-xs">{t('registration.addToCalendarHint')}</p>
      <ServerErrorAlert error={download.error} className="mt-3" />
    </div>
  );
}
