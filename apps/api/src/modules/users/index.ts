/** The face of the users module: what the app, other modules and the command line may use. */

// `npm run admin:create`.
export { createAdmin } from './admin-accounts.service';
// The routes plugin, for app.ts.
export { usersRoutes } from './users.routes';
// The account as its owner sees it (a login answers it too).
export { getMe } from './users.service';
