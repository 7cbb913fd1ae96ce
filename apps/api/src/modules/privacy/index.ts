/**
 * The face of the privacy module: the rights of Québec's Law 25 and PIPEDA (the public policy, consents,
 * access and portability, deletion, the notice of automated decisions) and the records the professionals
 * and the platform keep (retention and the destruction register, legal holds, inspection exports, the
 * confidentiality incident register). The only file another module imports.
 */
export { automatedDecisionsRoutes } from './automated-decisions.routes';
// Automated decisions: the features that decide record them, and say how a reversed one is undone.
export {
  type AutomatedDecisionInput,
  type DecisionReversal,
  type ReversedDecision,
  recordAutomatedDecision,
  useDecisionReversal,
} from './automated-decisions.service';
export { consentsRoutes } from './consents.routes';
// Consents: sign-up, reviews and notification preferences record them; `/api/me` shows what is pending.
export { type ConsentChange, pendingConsents, recordConsents } from './consents.service';
// Data export: the worker builds the ZIP (workers.ts); the retention run removes expired ones by key.
export { EXPORT_BUILD_QUEUE, type ExportBuildJob, exportBlobKey, runExportBuild } from './data-export.job';
export { dataExportRoutes } from './data-export.routes';
export { deletionRoutes } from './deletion.routes';
// Deletion: a sign-in during the grace cancels it (auth's sessions); the retention run completes it.
export { cancelDeletionOnSignIn, completeDeletion, DELETED_MEMBER } from './deletion.service';
export { incidentsRoutes } from './incidents.routes';
export { inspectionExportRoutes } from './inspection-export.routes';
export { privacyInfoRoutes } from './privacy-info.routes';
// Retention: the daily run (workers.ts), and the register lines of the hourly purges.
export { RETENTION_RUN_QUEUE, runRetentionJob } from './retention.job';
export { retentionRoutes } from './retention.routes';
export { registerPurged } from './retention.service';
