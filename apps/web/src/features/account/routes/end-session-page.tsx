import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { ButtonLink } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { LogOutIcon } from '../../../components/ui/icons';
import { SubmitButton } from '../../../components/ui/submit-button';
import { getErrorMessage, isApiError } from '../../../lib/api-error';
import { useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useEndSessionByLink } from '../api/end-session-by-link';

const route = getRouteApi('/end-session');

/**
 * `/end-session?token=…`, the link of a sign-in alert: says what it does and ends the session only when
 * the person confirms (a mail scanner that opens links must not end anything).
 */
export function EndSessionPage() {
  const { t } = useTranslation('account');
  usePageMeta(t('endSession.metaTitle'));
  const { token } = route.useSearch();
  const end = useEndSessionByLink();
  const code = isApiError(end.error) ? end.error.code : undefined;

  if (end.isSuccess) {
    return (
      <Layout title={t('endSession.done.title')} focusTitle>
        <Alert tone="success" live={false}>
          {t('endSession.done.body')}
        </Alert>
        <NextSteps />
      </Layout>
    );
  }

  if (code === 'INVALID_TOKEN' || code === 'TOKEN_EXPIRED') {
    const kind = code === 'TOKEN_EXPIRED' ? 'expired' : 'invalid';
    return (
      <Layout title={t(`endSession.${kind}.title`)} focusTitle>
        <Alert tone="error" live={false}>
          {t(`endSession.${kind}.body`)}
        </Alert>
        <NextSteps />
      </Layout>
    );
  }

  return (
    <Layout title={t('endSession.title')}>
      <p className="text-slate-700">{t('endSession.intro')}</p>
      {token ? (
        <form
          className="mt-6 flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            end.mutate(token);
          }}
        >
          {end.isError && (
            <Alert tone="error" title={t('endSession.error.title')}>
              {getErrorMessage(t, end.error)}
            </Alert>
          )}
          <SubmitButton pending={end.isPending} variant="danger" className="w-fit">
            <LogOutIcon className="size-5" />
            {end.isError ? t('endSession.retry') : t('endSession.confirm')}
          </SubmitButton>
        </form>
      ) : (
        <>
          <Alert tone="error" live={false} className="mt-6">
            {t('endSession.missing')}
          </Alert>
          <NextSteps />
        </>
      )}
    </Layout>
  );
}

/** Where to go next: the list of sessions when signed in, else changing the password. */
function NextSteps() {
  const { t } = useTranslation('account');
  const { status } = useSession();
  return (
    <>
      <p className="mt-6 text-slate-700">{t('endSession.advice')}</p>
      <div className="mt-4 flex flex-wrap gap-3">
        {status === 'signedIn' ? (
          <ButtonLink to="/profile" hash="sessions">
            {t('endSession.sessions')}
          </ButtonLink>
        ) : (
          <ButtonLink to="/forgot-password">{t('endSession.resetPassword')}</ButtonLink>
        )}
      </div>
    </>
  );
}

function Layout({
  title,
  focusTitle,
  children,
}: {
  title: string;
  focusTitle?: boolean;
  children: ReactNode;
}) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  // The outcome replaces the form: move focus to its title, so screen readers read it.
  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);
  return (
    <div className="mx-auto max-w-xl px-4 py-10 sm:px-6 sm:py-16">
      <Card>
        <h1
          ref={titleRef}
          tabIndex={-1}
          className="font-bold text-2xl text-brand-950 tracking-tight focus:outline-none sm:text-3xl"
        >
          {title}
        </h1>
        <div className="mt-4">{children}</div>
      </Card>
    </div>
  );
}
