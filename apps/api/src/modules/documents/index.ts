/** The face of the documents module: what the app and the job workers use. */

// The routes plugin, for app.ts.
export { documentsRoutes } from './documents.routes';
// Hourly: the files of documents stored before files were encrypted are encrypted (workers.ts).
export { encryptEarlierDocuments } from './encrypt-earlier.service';
// The daily expiry watcher and the hourly sweep of abandoned uploads (workers.ts).
export { runExpiryWatch, sweepAbandonedUploads } from './expiry-watch.service';
