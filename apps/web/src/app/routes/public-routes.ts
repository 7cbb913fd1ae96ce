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

export const devMailboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dev/mailbox',
  loader: loadNamespace('mailbox'),
  component: lazyRouteComponent(
    () => import('../../features/dev-mailbox/routes/dev-mailbox-page'),
    'DevMailboxPage',
  ),
});
