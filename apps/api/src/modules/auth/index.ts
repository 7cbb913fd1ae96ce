/** The face of the auth module: what the app and other modules may use. */

// The routes plugin, for app.ts.
export { authRoutes } from './auth.routes';
// Suspension ends every open session of the account (Inside's moderation, admin decisions).
export { revokeAllSessions } from './sessions.service';
