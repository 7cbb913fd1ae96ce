/** The face of the audit module: every sensitive action of every module writes the audit log through it. */
export { type AuditEntry, recordAudit } from './audit.service';
