import { createRouter } from '@tanstack/react-router';
import { RouteError } from './route-error';
import { RoutePending } from './route-pending';
import * as admin from './routes/admin-routes';
import * as auth from './routes/auth-routes';
import * as inside from './routes/inside-routes';
import * as live from './routes/live-routes';
import * as member from './routes/member-routes';
import * as pros from './routes/pros-routes';
import * as site from './routes/public-routes';
import { type RouterContext, rootRoute } from './routes/root';

export type { RouterContext } from './routes/root';

/** The route table: one file per part of the site in `./routes` (guards and helpers in `./routes/root.ts`). */
export const routeTree = rootRoute.addChildren([
  site.homeRoute,
  site.privacyRoute,
  site.termsRoute,
  auth.signupRoute,
  auth.loginRoute,
  auth.forgotPasswordRoute,
  auth.resetPasswordRoute,
  auth.verifyEmailRoute,
  auth.endSessionRoute,
  member.profileRoute,
  member.securityRoute,
  member.privacySettingsRoute,
  member.consentRoute,
  member.dashboardRoute,
  member.dossiersRoute,
  member.dossierRoute,
  member.messagesRoute,
  member.notificationsRoute,
  site.deletionRequestedRoute,
  site.devMailboxRoute,
  site.unsubscribeRoute,
  live.liveRoute,
  live.liveNewRoute,
  live.liveEventRoute,
  live.liveEditRoute,
  live.liveRegistrantsRoute,
  inside.insideRoute.addChildren([
    inside.insideFeedRoute,
    inside.insideNewRoute,
    inside.insidePostRoute,
    inside.insideEditRoute,
  ]),
  admin.moderationRoute,
  admin.watchedWordsRoute,
  admin.adminStatsRoute,
  pros.prosRoute,
  pros.proProfileRoute,
  pros.proReviewRoute,
  pros.publicProfileRoute,
  admin.verificationRoute,
  admin.referenceRoute,
  admin.adminVerificationsRoute,
  admin.adminVerificationRoute,
  admin.adminUsersRoute,
  admin.adminUserRoute,
  admin.adminBatchesRoute,
  admin.adminBatchNewRoute,
  admin.adminBatchRoute,
  admin.adminAuditRoute,
  admin.adminIncidentsRoute,
  admin.adminIncidentRoute,
  admin.adminRetentionRoute,
  admin.adminReviewsRoute,
  admin.firmRoute,
  admin.firmWebhooksRoute,
  admin.adminDeliveriesRoute,
  admin.joinFirmRoute,
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
