import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { validateDossierSearch, validateDossiersSearch } from '../../features/dossiers/routes/search';
import { loadNamespace, requireSession, rootRoute } from './root';

export const profileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/profile',
  beforeLoad: requireSession,
  loader: loadNamespace(['account', 'forms']),
  component: lazyRouteComponent(() => import('../../features/account/routes/profile-page'), 'ProfilePage'),
});

export interface SecuritySearch {
  /** Sent here because the account must set up a second factor before anything else. */
  setup?: 'required';
}

export const securityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/profile/security',
  validateSearch: (search: Record<string, unknown>): SecuritySearch =>
    search.setup === 'required' ? { setup: 'required' } : {},
  beforeLoad: requireSession,
  loader: loadNamespace(['security', 'forms']),
  component: lazyRouteComponent(() => import('../../features/security/routes/security-page'), 'SecurityPage'),
});

export interface PrivacySettingsSearch {
  /** Signing in again cancelled the deletion of the account: say so. */
  notice?: 'deletion-cancelled';
}

export const privacySettingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/profile/privacy',
  validateSearch: (search: Record<string, unknown>): PrivacySettingsSearch =>
    search.notice === 'deletion-cancelled' ? { notice: 'deletion-cancelled' } : {},
  beforeLoad: requireSession,
  loader: loadNamespace(['privacy-account', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/privacy/routes/privacy-page'),
    'PrivacySettingsPage',
  ),
});

/** Asked after sign-in when the terms or the privacy policy changed; then on to `redirect`. */
export const consentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/consent',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  beforeLoad: requireSession,
  loader: loadNamespace('privacy-account'),
  component: lazyRouteComponent(() => import('../../features/privacy/routes/consent-page'), 'ConsentPage'),
});

// Mon dossier, the dashboard, messages and notifications: signed-in pages, each in its own chunk.
export const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboard',
  beforeLoad: requireSession,
  loader: loadNamespace(['dashboard', 'dossiers', 'notifications', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/dashboard/routes/dashboard-page'),
    'DashboardPage',
  ),
});

export const dossiersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dossiers',
  validateSearch: validateDossiersSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['dossiers', 'forms']),
  component: lazyRouteComponent(() => import('../../features/dossiers/routes/dossiers-page'), 'DossiersPage'),
});

export const dossierRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dossiers/$dossierId',
  validateSearch: validateDossierSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['dossiers', 'messages', 'forms', 'firm']),
  component: lazyRouteComponent(() => import('../../features/dossiers/routes/dossier-page'), 'DossierPage'),
});

export const messagesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/messages',
  beforeLoad: requireSession,
  loader: loadNamespace(['messages', 'dossiers']),
  component: lazyRouteComponent(() => import('../../features/messages/routes/messages-page'), 'MessagesPage'),
});

export const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  beforeLoad: requireSession,
  loader: loadNamespace('notifications'),
  component: lazyRouteComponent(
    () => import('../../features/notifications/routes/notifications-page'),
    'NotificationsPage',
  ),
});
