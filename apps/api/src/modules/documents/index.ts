/** The face of the documents module: what the app and the job workers use. */

// The routes plugin, for app.ts.
export { documentsRoutes } from './documents.routes';
// The daily expiry watcher and the hourly sweep of abandoned uploads (workers.ts).
export { runExpiryWatch, sweepAbandonedUploads } from './expiry-watch.service';
