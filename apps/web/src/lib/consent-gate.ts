import type { TMe } from '@capitune/contracts';

/**
 * When the terms or the privacy policy change, the API lists the versions a person has yet to accept
 * (`me.pendingConsents`); the app then shows the consent page before any other. These pages stay open
 * meanwhile: the consent page, the documents it links to, the way out (a copy of the data, deleting the
 * account) and the second-factor setup, which comes first.
 */
export const consentPagePath = '/consent';

const openPaths: readonly string[] = [
  consentPagePath,
  '/terms',
  '/privacy',
  '/profile/privacy',
  '/profile/security',
  '/deletion-requested',
  '/verify-email',
  '/end-session',
];

/** Whether the person must answer the consent question before seeing `pathname`. */
export function mustAnswerConsents(
  user: Pick<TMe, 'pendingConsents'> | null | undefined,
  pathname: string,
): boolean {
  // An older API may not send the list yet: nothing is asked then.
  const pending = user?.pendingConsents ?? [];
  return pending.length > 0 && !openPaths.includes(pathname);
}
