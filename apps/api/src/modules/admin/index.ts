/** The face of the admin console module: the only file app.ts, the workers and other modules import. */

// Batch operations on members: the routes, and the job that works through a batch (or undoes it).
export { adminBatchesRoutes } from './batches.routes';
export { BATCH_RUN_QUEUE, type BatchJob, runBatchJob } from './batches.worker';
// Platform statistics: the routes, and the job that keeps their snapshots.
export { adminStatsRoutes } from './stats.routes';
export { refreshStats, STATS_REFRESH_QUEUE } from './stats.service';
// Users: the list, a member's page and actions, and the job that ends timed suspensions.
export { endTimedSuspensions, SUSPENSION_END_QUEUE } from './suspension-end';
export { adminUsersRoutes } from './users.routes';
