// Admin pages (moderation, verification queue), and the pro's own verification file and firm pages.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { validateAuditSearch } from '../../features/admin/routes/audit-search';
import { validateDeliveriesSearch } from '../../features/admin/routes/deliveries-search';
import { validateIncidentsSearch, validateRetentionSearch } from '../../features/admin/routes/privacy-search';
import { validateBatchNewSearch, validateUsersSearch } from '../../features/admin/routes/users-search';
import { validateVerificationsSearch } from '../../features/admin/routes/verifications-search';
import { loadNamespace, requireSession, rootRoute, tokenSearch } from './root';

// Moderation of Inside: admins only (the pages tell others they have no access; the API refuses them).
export const moderationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/moderation',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'admin-users', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/moderation-page'),
    'ModerationPage',
  ),
});

export const watchedWordsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/watched-words',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'admin-users', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/watched-words-page'),
    'WatchedWordsPage',
  ),
});

// Platform statistics: the charts library is loaded with this page only.
export const adminStatsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/stats',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-stats', 'admin-users', 'admin']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/stats-page'), 'StatsPage'),
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
  loader: loadNamespace(['admin', 'admin-users', 'forms']),
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
  loader: loadNamespace(['firm', 'forms', 'webhooks']),
  component: lazyRouteComponent(() => import('../../features/firm/routes/firm-page'), 'FirmPage'),
});

// The firm's outgoing webhooks (its licensees): endpoints, secrets, the delivery log.
export const firmWebhooksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/firm/webhooks',
  beforeLoad: requireSession,
  loader: loadNamespace(['webhooks', 'forms']),
  component: lazyRouteComponent(() => import('../../features/firm/routes/webhooks-page'), 'WebhooksPage'),
});

export const joinFirmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/join-firm',
  validateSearch: tokenSearch,
  loader: loadNamespace(['firm', 'forms']),
  component: lazyRouteComponent(() => import('../../features/firm/routes/join-firm-page'), 'JoinFirmPage'),
});

// The admin console's members and batch operations.
export const adminUsersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/users',
  validateSearch: validateUsersSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-users', 'forms']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/users-page'), 'UsersPage'),
});

export const adminUserRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/users/$id',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-users', 'forms']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/user-page'), 'UserPage'),
});

export const adminBatchesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/batches',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-users', 'forms']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/batches-page'), 'BatchesPage'),
});

export const adminBatchNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/batches/new',
  validateSearch: validateBatchNewSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-users', 'forms']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/batch-new-page'), 'BatchNewPage'),
});

export const adminBatchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/batches/$id',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-users', 'forms']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/batch-page'), 'BatchPage'),
});

// The audit log viewer and the check of its hash chain.
export const adminAuditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/audit',
  validateSearch: validateAuditSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-audit', 'admin-users', 'forms']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/audit-page'), 'AuditPage'),
});

// Privacy and records: the confidentiality incident register, retention with the destruction register,
// and the review of automated decisions people ask for.
export const adminIncidentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/privacy/incidents',
  validateSearch: validateIncidentsSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-privacy', 'admin-users', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/privacy-incidents-page'),
    'PrivacyIncidentsPage',
  ),
});

export const adminIncidentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/privacy/incidents/$id',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-privacy', 'admin-users', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/privacy-incident-page'),
    'PrivacyIncidentPage',
  ),
});

export const adminRetentionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/privacy/retention',
  validateSearch: validateRetentionSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-privacy', 'admin-users', 'forms']),
  component: lazyRouteComponent(() => import('../../features/admin/routes/retention-page'), 'RetentionPage'),
});

export const adminReviewsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/privacy/reviews',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-privacy', 'admin-users', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/review-requests-page'),
    'ReviewRequestsPage',
  ),
});

// The notifications' delivery log (issue 19): each notification on each channel.
export const adminDeliveriesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/deliveries',
  validateSearch: validateDeliveriesSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin-deliveries', 'admin-users', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/admin/routes/deliveries-page'),
    'DeliveriesPage',
  ),
});
