import type { TDocument, TDossier, TMember, TMilestone, TProSummary } from '@capitune/contracts';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { checklistItems, type documents, dossiers, organisations, users } from '../../db/schema';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import type { DocumentFacts, ItemRow } from './checklist';

export type DossierRow = typeof dossiers.$inferSelect;
type DocumentRow = typeof documents.$inferSelect;
export type TPendingRequest = NonNullable<TDossier['pendingRequest']>;

export function toDocument(row: DocumentRow): TDocument {
  return {
    id: row.id,
    dossierId: row.dossierId,
    itemId: row.itemId,
    memberId: row.memberId,
    version: row.version,
    status: row.status,
    rejectionReason: row.rejectionReason,
    originalName: row.originalName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    issueDate: row.issueDate,
    expiryDate: row.expiryDate,
    uploadedAt: row.createdAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  };
}

/**
 * The checklist catalogue is reference data that changes only when a release syncs it at start: each
 * instance reads it once a minute, not on every page that shows progress.
 */
const CATALOGUE_TTL_MS = 60_000;
const catalogues = new WeakMap<Database, { expires: number; byProgram: Promise<Map<string, ItemRow[]>> }>();

async function readCatalogue(db: Database): Promise<Map<string, ItemRow[]>> {
  const rows = await db
    .select({
      id: checklistItems.id,
      programId: checklistItems.programId,
      required: checklistItems.required,
      concerns: checklistItems.concerns,
      expiryRule: checklistItems.expiryRule,
      sortOrder: checklistItems.sortOrder,
    })
    .from(checklistItems)
    .where(eq(checklistItems.active, true))
    .orderBy(asc(checklistItems.sortOrder));
  const byProgram = new Map<string, ItemRow[]>();
  for (const { programId, ...item } of rows) {
    const items = byProgram.get(programId) ?? [];
    items.push(item);
    byProgram.set(programId, items);
  }
  return byProgram;
}

export async function itemsOfPrograms(db: Database, programIds: string[]): Promise<Map<string, ItemRow[]>> {
  const now = Date.now();
  let cached = catalogues.get(db);
  if (!cached || cached.expires <= now) {
    const entry = { expires: now + CATALOGUE_TTL_MS, byProgram: readCatalogue(db) };
    entry.byProgram.catch(() => {
      if (catalogues.get(db) === entry) catalogues.delete(db);
    });
    catalogues.set(db, entry);
    cached = entry;
  }
  const catalogue = await cached.byProgram;
  return new Map(programIds.map((programId) => [programId, catalogue.get(programId) ?? []]));
}

/*
 * A dossier's parts as JSON, each a scalar subquery on the dossier's row (one index lookup per dossier),
 * read in the statement that reads the dossiers: one statement for a page of dossiers and all their
 * parts, where there was one per part. The objects have the contract's shape, timestamps included.
 */

/** Members, principal first (the enum's order), then in the order they were added. */
export const membersJson = sql<TMember[]>`coalesce((
  select json_agg(json_build_object('id', m.id, 'role', m.role, 'fullName', m.full_name,
    'dateOfBirth', m.date_of_birth) order by m.role, m.created_at)
  from dossier_members m where m.dossier_id = ${dossiers.id}), '[]')`;

/** Every document, every version, whole. */
export const documentsJson = sql<TDocument[]>`coalesce((
  select json_agg(json_build_object('id', d.id, 'dossierId', d.dossier_id, 'itemId', d.item_id,
    'memberId', d.member_id, 'version', d.version, 'status', d.status, 'rejectionReason', d.rejection_reason,
    'originalName', d.original_name, 'contentType', d.content_type, 'sizeBytes', d.size_bytes,
    'sha256', d.sha256, 'issueDate', d.issue_date, 'expiryDate', d.expiry_date,
    'uploadedAt', ${isoTime(sql`d.created_at`)}, 'reviewedAt', ${isoTime(sql`d.reviewed_at`)}))
  from documents d where d.dossier_id = ${dossiers.id}), '[]')`;

/**
 * What a summary counts of the documents (progress, to review, expiring soon): the checklist's
 * documents not withdrawn, five small columns each. A withdrawn version is never a line's current one.
 */
export const documentFactsJson = sql<DocumentFacts[]>`coalesce((
  select json_agg(json_build_object('itemId', d.item_id, 'memberId', d.member_id, 'version', d.version,
    'status', d.status, 'expiryDate', d.expiry_date))
  from documents d where d.dossier_id = ${dossiers.id} and d.item_id is not null and d.status <> 'withdrawn'), '[]')`;

/** Milestones by date (undated last), then in the order they were added. */
export const milestonesJson = sql<TMilestone[]>`coalesce((
  select json_agg(json_build_object('id', m.id, 'kind', m.kind, 'label', m.label, 'date', m.date,
    'done', m.done, 'note', m.note) order by m.date, m.created_at)
  from milestones m where m.dossier_id = ${dossiers.id}), '[]')`;

/** The pending request to a pro (one at most), with the pro and the firm asked. */
export const pendingRequestJson = sql<TPendingRequest | null>`(
  select json_build_object('id', r.id, 'status', r.status, 'message', r.message,
    'createdAt', ${isoTime(sql`r.created_at`)}, 'pro', ${proSummaryJson(sql`u`, sql`o`)})
  from assignment_requests r join users u on u.id = r.pro_id join organisations o on o.id = r.organisation_id
  where r.dossier_id = ${dossiers.id} and r.status = 'pending')`;

/** A pro as a summary shows them, from a `users` row and the `organisations` row of a firm (inner joined). */
export function proSummaryJson(user: SQL, firm: SQL): SQL {
  return sql`json_build_object('id', ${user}.id, 'firstName', ${user}.first_name, 'lastName', ${user}.last_name,
    'licenceNumber', ${user}.licence_number, 'organisation', json_build_object('id', ${firm}.id, 'name', ${firm}.name))`;
}

/** What a pro's summary shows: their name, licence and firm (`users` left or inner joined to `organisations`). */
export const proSummaryColumns = {
  id: users.id,
  firstName: users.firstName,
  lastName: users.lastName,
  licenceNumber: users.licenceNumber,
  organisationId: organisations.id,
  organisationName: organisations.name,
};

/** A pro and their firm as a summary shows them, from the rows `proSummaryColumns` selects. */
export function toProSummary(row: {
  id: string;
  firstName: string;
  lastName: string;
  licenceNumber: string | null;
  organisationId: string | null;
  organisationName: string | null;
}): TProSummary {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    licenceNumber: row.licenceNumber,
    organisation: row.organisationId ? { id: row.organisationId, name: row.organisationName ?? '' } : null,
  };
}
