import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, type ParsedLocation, redirect } from '@tanstack/react-router';
import i18next from 'i18next';
import { session } from '../../lib/auth';
import { defaultAfterLogin, safeRedirect } from '../../lib/auth/redirect';
import { consentPagePath, mustAnswerConsents } from '../../lib/consent-gate';
import { twoFactorGate } from '../../lib/two-factor-gate';
import { RootLayout } from '../layout/root-layout';
import { NotFoundPage } from '../not-found-page';
import { RootRouteError } from '../route-error';

/*
 * The root of the route table and what its parts share: guards, search validators, translation loading.
 * The routes themselves are in this folder, one file per part of the site; `../router.tsx` joins them.
 */

export interface RouterContext {
  queryClient: QueryClient;
}

/** Loads a page's translation namespaces with its code, so the page never renders untranslated. */
export function loadNamespace(namespaces: string | string[]) {
  return () => i18next.loadNamespaces(namespaces);
}

/**
 * Guard of the pages that need an account: waits for the silent refresh of a page load (so a signed-in
 * person is never bounced to the login page after a reload), then sends anonymous visitors to log in,
 * with the way back. An account that must set up a second factor first stays on the security page; one
 * with a new version of the terms or policy to accept goes to the consent page.
 */
export async function requireSession({ location }: { location: ParsedLocation }) {
  const { status } = await session.settled();
  if (status !== 'signedIn') throw redirect({ to: '/login', search: { redirect: location.href } });
  if (twoFactorGate.isRequired() && location.pathname !== '/profile/security') {
    throw redirect({ to: '/profile/security', search: { setup: 'required' } });
  }
  // A new version of the terms or the privacy policy is accepted before anything else.
  if (mustAnswerConsents(session.getSnapshot().user, location.pathname)) {
    throw redirect({ to: consentPagePath, search: { redirect: location.href } });
  }
}

/** Guard of the login and sign-up pages: a signed-in person goes on to where they were heading. */
export async function redirectIfSignedIn(target?: string) {
  const { status } = await session.settled();
  if (status === 'signedIn') throw redirect({ href: safeRedirect(target, defaultAfterLogin) });
}

export const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

export const tokenSearch = (search: Record<string, unknown>): { token?: string } => {
  const token = optionalString(search.token);
  return token ? { token } : {};
};

/** Settles the session first, so that the first request of a public page already says who is looking. */
export const settleSession = async () => {
  await session.settled();
};

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RootRouteError,
});
