import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import {
  validateDirectorySearch,
  validateProProfileSearch,
  validateReviewSearch,
} from '../../features/pros/routes/search';
import { loadNamespace, requireSession, rootRoute, settleSession } from './root';

// The directory of verified pros and their profiles: public pages (the session is settled first, so that
// a candidate sees what they may do: ask for accompaniment, review); the review form and the pro's own
// public profile need an account.
export const prosRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pros',
  validateSearch: validateDirectorySearch,
  loader: loadNamespace('pros'),
  component: lazyRouteComponent(() => import('../../features/pros/routes/directory-page'), 'DirectoryPage'),
});

export const proProfileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pros/$slug',
  validateSearch: validateProProfileSearch,
  beforeLoad: settleSession,
  loader: loadNamespace('pros'),
  component: lazyRouteComponent(
    () => import('../../features/pros/routes/pro-profile-page'),
    'ProProfilePage',
  ),
});

export const proReviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pros/$slug/review',
  validateSearch: validateReviewSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['pros', 'forms']),
  component: lazyRouteComponent(() => import('../../features/pros/routes/review-page'), 'ReviewPage'),
});

export const publicProfileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/profile/public',
  beforeLoad: requireSession,
  loader: loadNamespace(['pros', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/pros/routes/public-profile-page'),
    'PublicProfilePage',
  ),
});
