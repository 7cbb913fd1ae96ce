import type {
  TAuditChainStatus,
  TAuditEntry,
  TAuditFilter,
  TAuditPage,
  TAuditQuery,
  TUserRole,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { CSV_BOM, csvLine } from '../../lib/csv';
import { cursorOf, decodeCursor, encodeCursor, isCursorOrder } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import { type AuditRow, type AuditRowFilter, auditPage } from './audit.queries';
import { recordAudit } from './audit.service';
import { verifyAuditChain } from './audit-chain.service';

/** Who reads the log (the access module's caller; named here, as the access module writes the log). */
export interface AuditReader {
  id: string;
  role: TUserRole;
  ip?: string | undefined;
}

function assertAdmin(reader: AuditReader): void {
  if (reader.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators read the audit log');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idCursor = cursorOf(isCursorOrder);

/** The contract's filters as the queries take them: an actor by id or by email, an action or a prefix. */
function rowFilter(filter: TAuditFilter): AuditRowFilter {
  const { actor, action } = filter;
  const family = action?.endsWith('.*') ? action.slice(0, -1) : action?.endsWith('.') ? action : undefined;
  return {
    actorId: actor && UUID.test(actor) ? actor : undefined,
    actorEmail: actor && !UUID.test(actor) ? actor : undefined,
    action: family ? undefined : action,
    actionPrefix: family,
    subjectId: filter.target,
    organisationId: filter.firm,
    from: filter.from ? new Date(filter.from) : undefined,
    to: filter.to ? new Date(filter.to) : undefined,
  };
}

function toEntry(row: AuditRow): TAuditEntry {
  return {
    id: row.id,
    seq: row.chainSeq,
    createdAt: row.createdAt.toISOString(),
    actor:
      row.actorUserId && row.actorEmail
        ? {
            id: row.actorUserId,
            name: `${row.actorFirstName ?? ''} ${row.actorLastName ?? ''}`.trim(),
            email: row.actorEmail,
          }
        : null,
    actorId: row.actorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    dossierId: row.dossierId,
    organisationId: row.organisationId,
    before: row.before,
    after: row.after,
    ip: row.ip,
  };
}

/** One page of the log, newest first. */
export async function listAuditEntries(
  deps: AppDeps,
  reader: AuditReader,
  query: TAuditQuery,
): Promise<TAuditPage> {
  assertAdmin(reader);
  const { cursor, limit, ...filter } = query;
  const beforeId = cursor ? decodeCursor(cursor, idCursor)[0] : undefined;
  const rows = await auditPage(deps.db, { ...rowFilter(filter), beforeId }, limit + 1);
  const items = rows.slice(0, limit).map(toEntry);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}

/** Entries read per statement by the export: a large log is never held whole. */
const EXPORT_PAGE = 1000;

const csvHeader = [
  'id',
  'seq',
  'created_at',
  'actor_id',
  'actor_name',
  'actor_email',
  'action',
  'subject_type',
  'subject_id',
  'dossier_id',
  'organisation_id',
  'before',
  'after',
  'ip',
];

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

function csvRow(entry: TAuditEntry): string[] {
  return [
    String(entry.id),
    entry.seq === null ? '' : String(entry.seq),
    entry.createdAt,
    entry.actorId ?? '',
    entry.actor?.name ?? '',
    entry.actor?.email ?? '',
    entry.action,
    entry.subjectType,
    entry.subjectId ?? '',
    entry.dossierId ?? '',
    entry.organisationId ?? '',
    json(entry.before),
    json(entry.after),
    entry.ip ?? '',
  ];
}

/**
 * The entries the filters select, as CSV produced page by page while it is sent. The export itself is
 * recorded (with its filters) before the first line goes out.
 */
export async function exportAuditCsv(deps: AppDeps, reader: AuditReader, filter: TAuditFilter) {
  assertAdmin(reader);
  const rows = rowFilter(filter);
  await recordAudit(deps.db, {
    actorId: reader.id,
    action: 'audit.exported',
    subjectType: 'audit_log',
    after: { filters: filter },
    ip: reader.ip ?? null,
  });
  async function* lines(): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(csvHeader);
    let beforeId: number | undefined;
    for (;;) {
      const page = await auditPage(deps.db, { ...rows, beforeId }, EXPORT_PAGE);
      if (page.length > 0) yield page.map((row) => csvLine(csvRow(toEntry(row)))).join('');
      const last = page[page.length - 1];
      if (page.length < EXPORT_PAGE || !last) return;
      beforeId = last.id;
    }
  }
  const day = deps.clock.now().toISOString().slice(0, 10);
  return { filename: `audit-log-${day}.csv`, lines: lines() };
}

/** The chain checked now, for the console's status panel. */
export async function checkAuditChain(deps: AppDeps, reader: AuditReader): Promise<TAuditChainStatus> {
  assertAdmin(reader);
  return verifyAuditChain(deps.db, deps.clock.now());
}
