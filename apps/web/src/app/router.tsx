import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
} from '@tanstack/react-router';
import i18next from 'i18next';
import { HomePage } from '../features/home/routes/home-page';
import { RootLayout } from './layout/root-layout';
import { NotFoundPage } from './not-found-page';
import { RootRouteError, RouteError } from './route-error';
import { RoutePending } from './route-pending';

export interface RouterContext {
  queryClient: QueryClient;
}

/** Loads a page's translation namespace with its code, so the page never renders untranslated. */
function loadNamespace(namespace: string) {
  return () => i18next.loadNamespaces(namespace);
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RootRouteError,
});

// The home page is the only page in the main bundle: it is the front door, and it must stay light.
const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: HomePage,
});

const privacyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/privacy',
  loader: loadNamespace('privacy'),
  component: lazyRouteComponent(() => import('../features/legal/routes/privacy-page'), 'PrivacyPage'),
});

const termsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/terms',
  loader: loadNamespace('terms'),
  component: lazyRouteComponent(() => import('../features/legal/routes/terms-page'), 'TermsPage'),
});

export type SignupRole = 'candidate' | 'pro';

const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/signup',
  validateSearch: (search: Record<string, unknown>): { role?: SignupRole } =>
    search.role === 'candidate' || search.role === 'pro' ? { role: search.role } : {},
  loader: loadNamespace('auth'),
  component: lazyRouteComponent(() => import('../features/auth/routes/signup-page'), 'SignupPage'),
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  loader: loadNamespace('auth'),
  component: lazyRouteComponent(() => import('../features/auth/routes/login-page'), 'LoginPage'),
});

export const routeTree = rootRoute.addChildren([
  homeRoute,
  privacyRoute,
  termsRoute,
  signupRoute,
  loginRoute,
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPreload: 'intent',
    // Route data lives in TanStack Query; the router should not cache a second copy.
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: RouteError,
    defaultPendingComponent: RoutePending,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
