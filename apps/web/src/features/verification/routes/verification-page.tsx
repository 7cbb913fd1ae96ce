import type { TMyVerification } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { CheckIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { session, useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useMyVerification } from '../api/get-my-verification';
import { useSubmitMyVerification } from '../api/submit-my-verification';
import { DeclarationForm } from '../components/declaration-form';
import { IdentityDocument } from '../components/identity-document';
import { StatusPanel } from '../components/status-panel';

/** `/verification`: a pro's verification file, where it stands and what is left to do. */
export function VerificationPage() {
  const { t } = useTranslation('verification');
  usePageMeta(t('metaTitle'));
  const { user } = useSession();

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      {user?.role === 'pro' ? (
        <MyVerification />
      ) : (
        <p className="mt-4 text-lg text-slate-700">{t('prosOnly')}</p>
      )}
    </div>
  );
}

function MyVerification() {
  const { t } = useTranslation('verification');
  const { user } = useSession();
  const file = useMyVerification();
  const standing = file.data?.standing;

  // The session's copy of the standing (the dashboard's banner reads it) follows the file as read now.
  useEffect(() => {
    if (user && standing && user.proStanding !== standing)
      session.updateUser({ ...user, proStanding: standing });
  }, [user, standing]);

  if (file.isPending) return <Spinner label={t('loading')} className="mt-8" />;
  if (file.isError) {
    return (
      <ServerErrorAlert error={file.error} className="mt-8">
        <Button variant="secondary" className="mt-3" onClick={() => void file.refetch()}>
          {t('retry')}
        </Button>
      </ServerErrorAlert>
    );
  }
  return <VerificationFile file={file.data} />;
}

function VerificationFile({ file }: { file: TMyVerification }) {
  const { t } = useTranslation('verification');
  const ids = { status: useId(), declaration: useId(), identity: useId(), submit: useId() };
  // The declaration can change while the file is being prepared (or after the team asked for more).
  const editable = file.status === 'pending' && file.submittedAt === null;
  // Said once sent: the submit section goes away with the file's new state.
  const [sent, setSent] = useState(false);

  return (
    <>
      {/* A verified pro past their renewal date reads about it in the status panel. */}
      {file.status !== 'verified' && (
        <div className="mt-4 max-w-3xl space-y-2 text-lg text-slate-700">
          <p>{t('intro.notVerified')}</p>
          {editable && <p>{t('intro.prepare')}</p>}
        </div>
      )}
      <div aria-live="polite">
        {sent && !editable && (
          <Alert tone="success" live={false} className="mt-6">
            {t('submit.sent')}
          </Alert>
        )}
      </div>
      <div className="mt-8 flex flex-col gap-6">
        <StatusPanel file={file} headingId={ids.status} />
        {editable && <SubmitSection file={file} headingId={ids.submit} onSubmitted={() => setSent(true)} />}
        <DeclarationForm file={file} editable={editable} headingId={ids.declaration} />
        <IdentityDocument file={file} editable={editable} headingId={ids.identity} />
        <ProfileSection />
      </div>
    </>
  );
}

/** What is left before the file can be sent, and the button that sends it. */
function SubmitSection({
  file,
  headingId,
  onSubmitted,
}: {
  file: TMyVerification;
  headingId: string;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation('verification');
  const submit = useSubmitMyVerification();

  return (
    <section aria-labelledby={headingId} className="rounded-2xl bg-brand-50 p-5 ring-1 ring-brand-200 sm:p-6">
      <h2 id={headingId} className="font-semibold text-brand-950 text-xl">
        {t('submit.heading')}
      </h2>
      <ul className="mt-3 flex flex-col gap-2" aria-label={t('submit.checklist')}>
        {(['licence', 'identity_document', 'references', 'profile'] as const).map((requirement) => {
          const missing = file.missing.includes(requirement);
          return (
            <li key={requirement} className="flex items-start gap-2">
              {missing ? (
                <span
                  aria-hidden="true"
                  className="mt-1 size-4 shrink-0 rounded-full ring-2 ring-slate-500"
                />
              ) : (
                <CheckIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-emerald-700" />
              )}
              <span>
                <span className="sr-only">{missing ? t('submit.todo') : t('submit.done')} </span>
                {t(`submit.requirements.${requirement}`)}
                {requirement === 'profile' && missing && (
                  <>
                    {' '}
                    <Link to="/profile/public" className="font-medium text-brand-800 underline">
                      {t('profile.link')}
                    </Link>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <ServerErrorAlert error={submit.error} className="mt-4" />
      <form
        noValidate
        className="mt-4 flex flex-wrap items-center gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit.mutate(undefined, { onSuccess: onSubmitted });
        }}
      >
        <SubmitButton
          pending={submit.isPending}
          aria-describedby={file.canSubmit ? undefined : `${headingId}-why`}
        >
          {t('submit.button')}
        </SubmitButton>
        {!file.canSubmit && (
          <p id={`${headingId}-why`} className="text-slate-700 text-sm">
            {t('submit.notReady')}
          </p>
        )}
      </form>
    </section>
  );
}

function ProfileSection() {
  const { t } = useTranslation('verification');
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('profile.heading')}
      </h2>
      <p className="mt-1 text-slate-700">{t('profile.intro')}</p>
      <ButtonLink to="/profile/public" variant="secondary" className="mt-4">
        {t('profile.link')}
      </ButtonLink>
    </section>
  );
}
