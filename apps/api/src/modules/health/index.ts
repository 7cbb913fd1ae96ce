/** The face of the health module: the liveness and readiness routes, for app.ts. */
export { healthRoutes } from './health.routes';
