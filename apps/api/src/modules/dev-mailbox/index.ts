/** The face of the dev-mailbox module (embedded mode only): its route, for app.ts. */
export { devMailboxRoutes } from './dev-mailbox.routes';
