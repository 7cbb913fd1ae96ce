import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { loadNamespace, optionalString, requireSession, rootRoute } from './root';

export interface InsideSearch {
  category?: string;
  tag?: string;
  sort?: 'top';
  q?: string;
}

// Inside, the community: reading is public, writing needs an account (checked again by the pages).
export const insideRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inside',
});

export const insideFeedRoute = createRoute({
  getParentRoute: () => insideRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): InsideSearch => {
    const category = optionalString(search.category);
    const tag = optionalString(search.tag);
    const q = optionalString(search.q);
    return {
      ...(category ? { category } : {}),
      ...(tag ? { tag } : {}),
      ...(search.sort === 'top' ? { sort: 'top' as const } : {}),
      ...(q ? { q } : {}),
    };
  },
  loader: loadNamespace('inside'),
  component: lazyRouteComponent(() => import('../../features/inside/routes/feed-page'), 'FeedPage'),
});

export const insideNewRoute = createRoute({
  getParentRoute: () => insideRoute,
  path: '/new',
  beforeLoad: requireSession,
  loader: loadNamespace(['inside', 'forms']),
  component: lazyRouteComponent(() => import('../../features/inside/routes/new-post-page'), 'NewPostPage'),
});

export const insidePostRoute = createRoute({
  getParentRoute: () => insideRoute,
  path: '/$postId',
  loader: loadNamespace(['inside', 'forms']),
  component: lazyRouteComponent(() => import('../../features/inside/routes/post-page'), 'PostPage'),
});

export const insideEditRoute = createRoute({
  getParentRoute: () => insideRoute,
  path: '/$postId/edit',
  beforeLoad: requireSession,
  loader: loadNamespace(['inside', 'forms']),
  component: lazyRouteComponent(() => import('../../features/inside/routes/edit-post-page'), 'EditPostPage'),
});
