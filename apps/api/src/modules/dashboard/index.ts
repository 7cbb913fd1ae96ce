/** The face of the dashboard module: its routes, for app.ts. */
export { dashboardRoutes } from './dashboard.routes';
