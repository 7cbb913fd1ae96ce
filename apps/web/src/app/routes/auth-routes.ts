import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { loadNamespace, redirectIfSignedIn, rootRoute, settleSession, tokenSearch } from './root';

export type SignupRole = 'candidate' | 'pro';

export const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/signup',
  validateSearch: (search: Record<string, unknown>): { role?: SignupRole } =>
    search.role === 'candidate' || search.role === 'pro' ? { role: search.role } : {},
  beforeLoad: () => redirectIfSignedIn(),
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(() => import('../../features/auth/routes/signup-page'), 'SignupPage'),
});

export interface LoginSearch {
  /** Where to go after logging in: a path of this site (checked again by `safeRedirect`). */
  redirect?: string;
  /** A message to show above the form. */
  notice?: 'password-reset';
}

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({
    ...(typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
    ...(search.notice === 'password-reset' ? { notice: search.notice } : {}),
  }),
  beforeLoad: ({ search }) => redirectIfSignedIn(search.redirect),
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(() => import('../../features/auth/routes/login-page'), 'LoginPage'),
});

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/auth/routes/forgot-password-page'),
    'ForgotPasswordPage',
  ),
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/auth/routes/reset-password-page'),
    'ResetPasswordPage',
  ),
});

export const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-email',
  validateSearch: tokenSearch,
  // Waits for the silent refresh: the page says different things to a signed-in person.
  beforeLoad: settleSession,
  loader: loadNamespace('auth'),
  component: lazyRouteComponent(
    () => import('../../features/auth/routes/verify-email-page'),
    'VerifyEmailPage',
  ),
});

// The link of a sign-in alert: ends that session once confirmed (no account needed).
export const endSessionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/end-session',
  validateSearch: tokenSearch,
  beforeLoad: settleSession,
  loader: loadNamespace('account'),
  component: lazyRouteComponent(
    () => import('../../features/account/routes/end-session-page'),
    'EndSessionPage',
  ),
});
