import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type ParsedLocation,
  redirect,
} from '@tanstack/react-router';
import i18next from 'i18next';
import { validateVerificationsSearch } from '../features/admin/routes/verifications-search';
import { validateDossierSearch, validateDossiersSearch } from '../features/dossiers/routes/search';
import { HomePage } from '../features/home/routes/home-page';
import {
  validateDirectorySearch,
  validateProProfileSearch,
  validateReviewSearch,
} from '../features/pros/routes/search';
import { session } from '../lib/auth';
import { defaultAfterLogin, safeRedirect } from '../lib/auth/redirect';
import { RootLayout } from './layout/root-layout';
import { NotFoundPage } from './not-found-page';
import { RootRouteError, RouteError } from './route-error';
import { RoutePending } from './route-pending';

export interface RouterContext {
  queryClient: QueryClient;
}

/** Loads a page's translation namespaces with its code, so the page never renders untranslated. */
function loadNamespace(namespaces: string | string[]) {
  return () => i18next.loadNamespaces(namespaces);
}

/**
 * Guard of the pages that need an account: waits for the silent refresh of a page load (so a signed-in
 * person is never bounced to the login page after a reload), then sends anonymous visitors to log in,
 * with the way back.
 */
async function requireSession({ location }: { location: ParsedLocation }) {
  const { status } = await session.settled();
  if (status !== 'signedIn') throw redirect({ to: '/login', search: { redirect: location.href } });
}

/** Guard of the login and sign-up pages: a signed-in person goes on to where they were heading. */
async function redirectIfSignedIn(target?: string) {
  const { status } = await session.settled();
  if (status === 'signedIn') throw redirect({ href: safeRedirect(target, defaultAfterLogin) });
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

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
  beforeLoad: () => redirectIfSignedIn(),
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(() => import('../features/auth/routes/signup-page'), 'SignupPage'),
});

export interface LoginSearch {
  /** Where to go after logging in: a path of this site (checked again by `safeRedirect`). */
  redirect?: string;
  /** A message to show above the form. */
  notice?: 'password-reset';
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({
    ...(typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
    ...(search.notice === 'password-reset' ? { notice: search.notice } : {}),
  }),
  beforeLoad: ({ search }) => redirectIfSignedIn(search.redirect),
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(() => import('../features/auth/routes/login-page'), 'LoginPage'),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/auth/routes/forgot-password-page'),
    'ForgotPasswordPage',
  ),
});

const tokenSearch = (search: Record<string, unknown>): { token?: string } => {
  const token = optionalString(search.token);
  return token ? { token } : {};
};

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  loader: loadNamespace(['auth', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/auth/routes/reset-password-page'),
    'ResetPasswordPage',
  ),
});

const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-email',
  validateSearch: tokenSearch,
  // Waits for the silent refresh: the page says different things to a signed-in person.
  beforeLoad: async () => {
    await session.settled();
  },
  loader: loadNamespace('auth'),
  component: lazyRouteComponent(() => import('../features/auth/routes/verify-email-page'), 'VerifyEmailPage'),
});

const profileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/profile',
  beforeLoad: requireSession,
  loader: loadNamespace(['account', 'forms']),
  component: lazyRouteComponent(() => import('../features/account/routes/profile-page'), 'ProfilePage'),
});

// Mon dossier, the dashboard, messages and notifications: signed-in pages, each in its own chunk.
const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboard',
  beforeLoad: requireSession,
  loader: loadNamespace(['dashboard', 'dossiers', 'notifications', 'forms']),
  component: lazyRouteComponent(() => import('../features/dashboard/routes/dashboard-page'), 'DashboardPage'),
});

const dossiersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dossiers',
  validateSearch: validateDossiersSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['dossiers', 'forms']),
  component: lazyRouteComponent(() => import('../features/dossiers/routes/dossiers-page'), 'DossiersPage'),
});

const dossierRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dossiers/$dossierId',
  validateSearch: validateDossierSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['dossiers', 'messages', 'forms', 'firm']),
  component: lazyRouteComponent(() => import('../features/dossiers/routes/dossier-page'), 'DossierPage'),
});

const messagesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/messages',
  beforeLoad: requireSession,
  loader: loadNamespace(['messages', 'dossiers']),
  component: lazyRouteComponent(() => import('../features/messages/routes/messages-page'), 'MessagesPage'),
});

const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  beforeLoad: requireSession,
  loader: loadNamespace('notifications'),
  component: lazyRouteComponent(
    () => import('../features/notifications/routes/notifications-page'),
    'NotificationsPage',
  ),
});

const devMailboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dev/mailbox',
  loader: loadNamespace('mailbox'),
  component: lazyRouteComponent(
    () => import('../features/dev-mailbox/routes/dev-mailbox-page'),
    'DevMailboxPage',
  ),
});

export interface LiveSearch {
  view?: 'list';
  /** `2026-05`: the month the calendar shows (the current one by default). */
  month?: string;
  category?: string;
  /** Only the webinars I registered for. */
  mine?: true;
}

// Live (webinars): public pages, the editor and the registrants for hosts. The session is settled first,
// so the first request already says who is looking (their registrations, drafts they host).
const settleSession = async () => {
  await session.settled();
};

const liveRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live',
  validateSearch: (search: Record<string, unknown>): LiveSearch => ({
    ...(search.view === 'list' ? { view: 'list' } : {}),
    ...(typeof search.month === 'string' && /^\d{4}-\d{2}$/.test(search.month)
      ? { month: search.month }
      : {}),
    ...(typeof search.category === 'string' && /^[a-z_]{1,32}$/.test(search.category)
      ? { category: search.category }
      : {}),
    ...(search.mine === true || search.mine === 'true' ? { mine: true } : {}),
  }),
  beforeLoad: settleSession,
  loader: loadNamespace(['live', 'forms']),
  component: lazyRouteComponent(() => import('../features/live/routes/live-page'), 'LivePage'),
});

const liveNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/new',
  beforeLoad: requireSession,
  loader: loadNamespace(['live', 'forms']),
  component: lazyRouteComponent(() => import('../features/live/routes/event-editor-page'), 'NewEventPage'),
});

const liveEventRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/$id',
  beforeLoad: settleSession,
  loader: loadNamespace(['live', 'forms']),
  component: lazyRouteComponent(() => import('../features/live/routes/event-page'), 'EventPage'),
});

const liveEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/$id/edit',
  beforeLoad: requireSession,
  loader: loadNamespace(['live', 'forms']),
  component: lazyRouteComponent(() => import('../features/live/routes/event-editor-page'), 'EditEventPage'),
});

const liveRegistrantsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/$id/registrants',
  beforeLoad: requireSession,
  loader: loadNamespace('live'),
  component: lazyRouteComponent(
    () => import('../features/live/routes/event-registrants-page'),
    'EventRegistrantsPage',
  ),
});

export interface InsideSearch {
  category?: string;
  tag?: string;
  sort?: 'top';
  q?: string;
}

// Inside, the community: reading is public, writing needs an account (checked again by the pages).
const insideRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inside',
});

const insideFeedRoute = createRoute({
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
  component: lazyRouteComponent(() => import('../features/inside/routes/feed-page'), 'FeedPage'),
});

const insideNewRoute = createRoute({
  getParentRoute: () => insideRoute,
  path: '/new',
  beforeLoad: requireSession,
  loader: loadNamespace(['inside', 'forms']),
  component: lazyRouteComponent(() => import('../features/inside/routes/new-post-page'), 'NewPostPage'),
});

const insidePostRoute = createRoute({
  getParentRoute: () => insideRoute,
  path: '/$postId',
  loader: loadNamespace(['inside', 'forms']),
  component: lazyRouteComponent(() => import('../features/inside/routes/post-page'), 'PostPage'),
});

const insideEditRoute = createRoute({
  getParentRoute: () => insideRoute,
  path: '/$postId/edit',
  beforeLoad: requireSession,
  loader: loadNamespace(['inside', 'forms']),
  component: lazyRouteComponent(() => import('../features/inside/routes/edit-post-page'), 'EditPostPage'),
});

// Moderation of Inside: admins only (the pages tell others they have no access; the API refuses them).
const moderationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/moderation',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(() => import('../features/admin/routes/moderation-page'), 'ModerationPage'),
});

const watchedWordsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/watched-words',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/admin/routes/watched-words-page'),
    'WatchedWordsPage',
  ),
});

// The directory of verified pros and their profiles: public pages (the session is settled first, so that
// a candidate sees what they may do: ask for accompaniment, review); the review form and the pro's own
// public profile need an account.
const prosRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pros',
  validateSearch: validateDirectorySearch,
  loader: loadNamespace('pros'),
  component: lazyRouteComponent(() => import('../features/pros/routes/directory-page'), 'DirectoryPage'),
});

const proProfileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pros/$slug',
  validateSearch: validateProProfileSearch,
  beforeLoad: settleSession,
  loader: loadNamespace('pros'),
  component: lazyRouteComponent(() => import('../features/pros/routes/pro-profile-page'), 'ProProfilePage'),
});

const proReviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pros/$slug/review',
  validateSearch: validateReviewSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['pros', 'forms']),
  component: lazyRouteComponent(() => import('../features/pros/routes/review-page'), 'ReviewPage'),
});

const publicProfileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/profile/public',
  beforeLoad: requireSession,
  loader: loadNamespace(['pros', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/pros/routes/public-profile-page'),
    'PublicProfilePage',
  ),
});

// Verified professionals: a pro's own file, the page a reference answers on (no account), and the
// admins' queue with each file's evidence.
const verificationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verification',
  beforeLoad: requireSession,
  loader: loadNamespace(['verification', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/verification/routes/verification-page'),
    'VerificationPage',
  ),
});

const referenceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reference',
  validateSearch: tokenSearch,
  loader: loadNamespace(['verification', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/verification/routes/reference-page'),
    'ReferencePage',
  ),
});

const adminVerificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/verifications',
  validateSearch: validateVerificationsSearch,
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/admin/routes/verifications-page'),
    'VerificationsPage',
  ),
});

const adminVerificationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/verifications/$id',
  beforeLoad: requireSession,
  loader: loadNamespace(['admin', 'forms']),
  component: lazyRouteComponent(
    () => import('../features/admin/routes/verification-detail-page'),
    'VerificationDetailPage',
  ),
});

// Firms: the pro's firm and its agents; the page where an invited agent sets a password (no account yet).
const firmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/firm',
  beforeLoad: requireSession,
  loader: loadNamespace(['firm', 'forms']),
  component: lazyRouteComponent(() => import('../features/firm/routes/firm-page'), 'FirmPage'),
});

const joinFirmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/join-firm',
  validateSearch: tokenSearch,
  loader: loadNamespace(['firm', 'forms']),
  component: lazyRouteComponent(() => import('../features/firm/routes/join-firm-page'), 'JoinFirmPage'),
});

export const routeTree = rootRoute.addChildren([
  homeRoute,
  privacyRoute,
  termsRoute,
  signupRoute,
  loginRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  verifyEmailRoute,
  profileRoute,
  dashboardRoute,
  dossiersRoute,
  dossierRoute,
  messagesRoute,
  notificationsRoute,
  devMailboxRoute,
  liveRoute,
  liveNewRoute,
  liveEventRoute,
  liveEditRoute,
  liveRegistrantsRoute,
  insideRoute.addChildren([insideFeedRoute, insideNewRoute, insidePostRoute, insideEditRoute]),
  moderationRoute,
  watchedWordsRoute,
  prosRoute,
  proProfileRoute,
  proReviewRoute,
  publicProfileRoute,
  verificationRoute,
  referenceRoute,
  adminVerificationsRoute,
  adminVerificationRoute,
  firmRoute,
  joinFirmRoute,
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
