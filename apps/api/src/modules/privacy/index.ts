/**
 * The face of the privacy module: the rights of Québec's Law 25 and PIPEDA (the public policy, consents,
 * access and portability, deletion, the notice of automated decisions) and the records the professionals
 * and the platform keep (retention and the destruction register, legal holds, inspection exports, the
 * confidentiality incident register). The only file another module imports.
 */
export { automatedDecisionsRoutes } from './automated-decisions.routes';
export { consentsRoutes } from './consents.routes';
export { dataExportRoutes } from './data-export.routes';
export { deletionRoutes } from './deletion.routes';
export { incidentsRoutes } from './incidents.routes';
export { inspectionExportRoutes } from './inspection-export.routes';
export { privacyInfoRoutes } from './privacy-info.routes';
export { retentionRoutes } from './retention.routes';
