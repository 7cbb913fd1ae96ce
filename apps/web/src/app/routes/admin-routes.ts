// Admin pages (moderation, verification queue), and the pro's own verification file and firm pages.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { validateVerificationsSearch } from '../../features/admin/routes/verifications-search';
import { loadNamespace, requireSession, rootRoute, tokenSearch } from './root';

// Moderation of Inside: admins only (the pages tell others they have no access; the API refuses them).
export const moderationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/moderation',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/moderation-page'),
    'ModerationPage',
  ),
});

export const watchedWordsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/watched-words',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/watched-words-page'),
    'WatchedWordsPage',
  ),
});

// Verified professionals: a pro's own file, the page a reference answers on (no account), and the
// admins' queue with each file's evidence.
export const verificationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verification',
  beforeLoad: requireSession,
  loader: loadNamespace(['verification', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/verification/routes/verification-page'),
    'VerificationPage',
  ),
});

export const referenceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reference',
  validateSearch: tokenSearch,
  loader: loadNamespace(['verification', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/verification/routes/reference-page'),
    'ReferencePage',
  ),
});

export const adminVerificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/verifications',
  validateSearch: validateVerificationsSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/verifications-page'),
    'VerificationsPage',
  ),
});

export const adminVerificationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/verifications/$id',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/verification-detail-page'),
    'VerificationDetailPage',
  ),
});

// Firms: the pro's firm and its agents; the page where an invited agent sets a password (no account yet).
export const firmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/firm',
  beforeLoad: requireSession,
  loader: loadNamespace(['firm', 'forms']),
  component: lazyRouteComponent(() => import('../../features/firm/routes/firm-page'), 'FirmPage'),
});

export const joinFirmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/join-firm',
  validateSearch: tokenSearch,
  loader: loadNamespace(['firm', 'forms']),
  component: lazyRouteComponent(() => import('../../features/firm/routes/join-firm-page'), 'JoinFirmPage'),
});
