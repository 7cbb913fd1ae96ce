import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { loadNamespace, requireSession, rootRoute, settleSession } from './root';

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
export const liveRoute = createRoute({
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
  component: lazyRouteComponent(() => import('../../features/live/routes/live-page'), 'LivePage'),
});

export const liveNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/new',
  beforeLoad: requireSession,
  loader: loadNamespace(['live', 'forms']),
  component: lazyRouteComponent(() => import('../../features/live/routes/event-editor-page'), 'NewEventPage'),
});

export const liveEventRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/$id',
  beforeLoad: settleSession,
  loader: loadNamespace(['live', 'forms']),
  component: lazyRouteComponent(() => import('../../features/live/routes/event-page'), 'EventPage'),
});

export const liveEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/$id/edit',
  beforeLoad: requireSession,
  loader: loadNamespace(['live', 'forms']),
  component: lazyRouteComponent(
    () => import('../../features/live/routes/event-editor-page'),
    'EditEventPage',
  ),
});

export const liveRegistrantsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live/$id/registrants',
  beforeLoad: requireSession,
  loader: loadNamespace('live'),
  component: lazyRouteComponent(
    () => import('../../features/live/routes/event-registrants-page'),
    'EventRegistrantsPage',
  ),
});
