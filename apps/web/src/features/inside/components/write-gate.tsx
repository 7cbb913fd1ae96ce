import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { useSession } from '../../../lib/auth';
import { renderRichText } from '../../../lib/rich-text';

export type WriteAccess = 'loading' | 'anonymous' | 'unverified' | 'allowed';

/** Whether the person on screen may write in Inside (post, comment, like, report). */
export function useWriteAccess(): WriteAccess {
  const { status, user } = useSession();
  if (status === 'loading') return 'loading';
  if (status !== 'signedIn' || !user) return 'anonymous';
  return user.emailVerified ? 'allowed' : 'unverified';
}

const linkClasses = 'font-semibold text-brand-800 underline underline-offset-2 hover:text-brand-950';

/** Shows `children` to those who may write, and to the others why they cannot (and how to). */
export function WriteGate({
  children,
  signInKey,
  verifyKey,
  redirect,
}: {
  children: ReactNode;
  signInKey: 'write.signIn' | 'comments.signIn';
  verifyKey: 'write.verify' | 'comments.verify';
  /** Where to come back after logging in. */
  redirect: string;
}) {
  const { t } = useTranslation('inside');
  const access = useWriteAccess();
  if (access === 'loading') return null;
  if (access === 'allowed') return children;
  if (access === 'unverified') {
    return (
      <Alert tone="info" live={false}>
        {t(verifyKey)}
      </Alert>
    );
  }
  return (
    <Alert tone="info" live={false}>
      {renderRichText(t(signInKey), {
        login: (text) => (
          <Link to="/login" search={{ redirect }} className={linkClasses}>
            {text}
          </Link>
        ),
        signup: (text) => (
          <Link to="/signup" className={linkClasses}>
            {text}
          </Link>
        ),
      })}
    </Alert>
  );
}
