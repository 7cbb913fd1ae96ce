import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { HomePage } from '../../features/home/routes/home-page';
import { loadNamespace, rootRoute } from './root';

// The home page is the only page in the main bundle: it is the front door, and it must stay light.
export const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: HomePage,
});

export const privacyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/privacy',
  loader: loadNamespace('privacy'),
  component: lazyRouteComponent(() => import('../../features/legal/routes/privacy-page'), 'PrivacyPage'),
});

export const termsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/terms',
  loader: loadNamespace('terms'),
  component: lazyRouteComponent(() => import('../../features/legal/routes/terms-page'), 'TermsPage'),
});

// After asking to delete the account (signed out by then): the date, and how to cancel.
export const deletionRequestedRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/deletion-requested',
  validateSearch: (search: Record<string, unknown>): { due?: string } =>
    typeof search.due === 'string' && !Number.isNaN(Date.parse(search.due)) ? { due: search.due } : {},
  loader: loadNamespace('privacy-account'),
  component: lazyRouteComponent(
    () => import('../../features/privacy/routes/deletion-requested-page'),
    'DeletionRequestedPage',
  ),
});

export const devMailboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dev/mailbox',
  loader: loadNamespace('mailbox'),
  component: lazyRouteComponent(
    () => import('../../features/dev-mailbox/routes/dev-mailbox-page'),
    'DevMailboxPage',
  ),
});

// A non-essential email's one-click unsubscribe link (RFC 8058): no account needed, the token says who.
export const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/unsubscribe/$token',
  loader: loadNamespace('unsubscribe'),
  component: lazyRouteComponent(
    () => import('../../features/notifications/routes/unsubscribe-page'),
    'UnsubscribePage',
  ),
});
