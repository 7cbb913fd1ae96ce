import type {
  TDocument,
  TDossier,
  TMember,
  TMilestone,
  TProStanding,
  TProSummary,
} from '@capitune/contracts';
import { asc, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { checklistItems, type documents, dossiers } from '../../db/schema';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { standingSql } from '../pros';
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

/**
 * The platform's day (`platformToday`, Montréal) in every statement that reads a pro's standing: a
 * placeholder, as the statements are prepared once and outlive a day.
 */
export const todayParam = sql.placeholder('today');

/** The pending request to a pro (one at most), with the pro and the firm asked. */
export const pendingRequestJson = sql<TPendingRequest | null>`(
  select json_build_object('id', r.id, 'status', r.status, 'message', r.message,
    'createdAt', ${isoTime(sql`r.created_at`)}, 'pro', ${proSummaryJson(sql`u`, sql`o`, sql`v`)})
  from assignment_requests r join users u on u.id = r.pro_id join organisations o on o.id = r.organisation_id
    left join pro_verifications v on v.user_id = u.id
  where r.dossier_id = ${dossiers.id} and r.status = 'pending')`;

/** The licensee an agent works under (`{id, firstName, lastName}`), null for a licensee. */
export function supervisorJson(userId: SQL): SQL<TProSummary['supervisor']> {
  return sql<TProSummary['supervisor']>`(
    select json_build_object('id', s.id, 'firstName', s.first_name, 'lastName', s.last_name)
    from firm_agents fa join users s on s.id = fa.supervisor_id where fa.user_id = ${userId})`;
}

/** The standing a pro works under (`standingSql` on `pro_standing_basis`): their own, or their supervisor's. */
function basisStanding(userId: SQL, today: SQLWrapper | string): SQL<TProStanding> {
  return sql<TProStanding>`coalesce((
    select ${standingSql(today, { status: sql`b.status`, renewalDate: sql`b.renewal_date` })}
    from pro_standing_basis b where b.user_id = ${userId}), 'not_verified')`;
}

/**
 * A pro as a summary shows them, from a `users` row, the `organisations` row of a firm (inner joined) and
 * the pro's `pro_verifications` row (left joined, for the licence); the standing is the one they work
 * under, and an agent names their supervisor.
 */
export function proSummaryJson(user: SQL, firm: SQL, file: SQL): SQL {
  return sql`json_build_object('id', ${user}.id, 'firstName', ${user}.first_name, 'lastName', ${user}.last_name,
    'licenceNumber', ${file}.licence_number,
    'standing', ${basisStanding(sql`${user}.id`, todayParam)},
    'supervisor', ${supervisorJson(sql`${user}.id`)},
    'organisation', json_build_object('id', ${firm}.id, 'name', ${firm}.name))`;
}

/** Standings that keep a pro's access to their firm's client dossiers (a lapsed licence keeps it 30 days). */
export const DOSSIER_STANDINGS: readonly TProStanding[] = ['verified', 'grace'];

/**
 * Whether the pro `userId` may open their firm's client dossiers today (verified or in grace, by their own
 * file or, for an agent, their supervisor's): null, so false in a condition, for anyone with neither.
 * `today` is a placeholder or a day.
 */
export function keepsDossiers(userId: SQLWrapper, today: SQLWrapper | string): SQL<boolean | null> {
  return sql<boolean | null>`(
    select ${standingSql(today, { status: sql`b.status`, renewalDate: sql`b.renewal_date` })}
    from pro_standing_basis b where b.user_id = ${userId}) in ('verified', 'grace')`;
}

/**
 * The firm whose dossiers a pro may open now: their firm while their standing is verified or in grace,
 * else none (a suspended, revoked or expired pro loses their clients' dossiers at once). `user` is a
 * `users` row's SQL name.
 */
export function dossierFirmOf(user: SQL, today: SQLWrapper): SQL<string | null> {
  return sql<string | null>`case when ${user}.role = 'pro' and ${keepsDossiers(sql`${user}.id`, today)}
    then ${user}.organisation_id end`;
}
