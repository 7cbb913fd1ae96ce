/** The face of the audit module: every sensitive action of every module writes the audit log through it. */
export { type AuditEntry, recordAudit } from './audit.service';
export { AUDIT_CHAIN_QUEUE, runAuditChainCheck } from './audit-chain.job';
// The hash chain's check (the admins' route, `npm run audit:verify`, the hourly job).
export { GENESIS_HASH, verifyAuditChain } from './audit-chain.service';
export { auditViewerRoutes } from './audit-viewer.routes';
