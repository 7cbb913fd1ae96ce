import {
  type TDossier,
  type TDossierStatus,
  type TProStanding,
  type TProSummary,
  ZAssignmentRequest,
  ZDocument,
  ZMember,
  ZMilestone,
  ZProSummary,
} from '@capitune/contracts';
import { and, asc, desc, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  checklistItems,
  type documents,
  dossiers,
  organisations,
  programs,
  proStandingBasis,
  proVerifications,
  users,
} from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import { isoTime } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { checkRows, returnedRow } from '../../platform/db/rows';
import {
  type DossierRow,
  dossierFirmOf,
  firmNetworkParams,
  type firmNetworkValues,
  standingSql,
  todayParam,
} from '../access';
import type { DocumentFacts, ItemRow } from './checklist';

/**
 * The statements that read dossiers whole (a page, one in full) and write a dossier's own row, with the
 * JSON of a dossier's parts built in SQL. Members, milestones and notes: `dossier-parts.queries.ts`.
 */

export type { DossierRow };
export type DocumentRow = typeof documents.$inferSelect;
export type TPendingRequest = NonNullable<TDossier['pendingRequest']>;

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

/** The active programs and their active checklist items, each in their order. */
export async function activeProgramsWithItems(db: Database) {
  const rows = await db
    .select()
    .from(programs)
    .where(eq(programs.active, true))
    .orderBy(asc(programs.sortOrder));
  const items = await db
    .select()
    .from(checklistItems)
    .where(eq(checklistItems.active, true))
    .orderBy(asc(checklistItems.sortOrder));
  return { programs: rows, items };
}

/** An active program, or undefined. */
export async function activeProgram(db: Database, programId: string) {
  const [program] = await db
    .select()
    .from(programs)
    .where(and(eq(programs.id, programId), eq(programs.active, true)));
  return program;
}

/*
 * A dossier's parts as JSON, each a scalar subquery on the dossier's row (one index lookup per dossier),
 * read in the statement that reads the dossiers: one statement for a page of dossiers and all their
 * parts, where there was one per part. The objects have the contract's shape, timestamps included: the
 * mappers of dossiers.mapper.ts give the same objects from the rows (a test asserts it), and the rows
 * read are checked against the contract's schemas (`checkRows`).
 */

/** Members, principal first (the enum's order), then in the order they were added. */
export const membersJson = sql<z.infer<typeof ZMember>[]>`coalesce((
  select json_agg(json_build_object('id', m.id, 'role', m.role, 'fullName', m.full_name,
    'dateOfBirth', m.date_of_birth) order by m.role, m.created_at)
  from dossier_members m where m.dossier_id = ${dossiers.id}), '[]')`;

/** Every document, every version, whole. */
export const documentsJson = sql<z.infer<typeof ZDocument>[]>`coalesce((
  select json_agg(json_build_object('id', d.id, 'dossierId', d.dossier_id, 'itemId', d.item_id,
    'memberId', d.member_id, 'version', d.version, 'status', d.status, 'rejectionReason', d.rejection_reason,
    'originalName', d.original_name, 'contentType', d.content_type, 'sizeBytes', d.size_bytes,
    'sha256', d.sha256, 'issueDate', d.issue_date, 'expiryDate', d.expiry_date,
    'uploadedAt', ${isoTime(sql`d.created_at`)}, 'reviewedAt', ${isoTime(sql`d.reviewed_at`)}))
  from documents d where d.dossier_id = ${dossiers.id}), '[]')`;

/** What a summary reads of a document (`documentFactsJson`). */
export const ZDocumentFacts = ZDocument.pick({
  itemId: true,
  memberId: true,
  version: true,
  status: true,
  expiryDate: true,
});

/**
 * What a summary counts of the documents (progress, to review, expiring soon): the checklist's
 * documents not withdrawn, five small columns each. A withdrawn version is never a line's current one.
 */
export const documentFactsJson = sql<DocumentFacts[]>`coalesce((
  select json_agg(json_build_object('itemId', d.item_id, 'memberId', d.member_id, 'version', d.version,
    'status', d.status, 'expiryDate', d.expiry_date))
  from documents d where d.dossier_id = ${dossiers.id} and d.item_id is not null and d.status <> 'withdrawn'), '[]')`;

/** Milestones by date (undated last), then in the order they were added. */
export const milestonesJson = sql<z.infer<typeof ZMilestone>[]>`coalesce((
  select json_agg(json_build_object('id', m.id, 'kind', m.kind, 'label', m.label, 'date', m.date,
    'done', m.done, 'note', m.note) order by m.date, m.created_at)
  from milestones m where m.dossier_id = ${dossiers.id}), '[]')`;

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
 * under, and an agent names their supervisor. Row schema: `ZProSummary`.
 */
export function proSummaryJson(user: SQL, firm: SQL, file: SQL): SQL {
  return sql`json_build_object('id', ${user}.id, 'firstName', ${user}.first_name, 'lastName', ${user}.last_name,
    'licenceNumber', ${file}.licence_number,
    'standing', ${basisStanding(sql`${user}.id`, todayParam)},
    'supervisor', ${supervisorJson(sql`${user}.id`)},
    'organisation', json_build_object('id', ${firm}.id, 'name', ${firm}.name))`;
}

const owner = alias(users, 'owner');
const agent = alias(users, 'agent');
const agentFirm = alias(organisations, 'agent_firm');
const agentFile = alias(proVerifications, 'agent_file');
const agentBasis = alias(proStandingBasis, 'agent_basis');

/**
 * A dossier's row with its people: the owner, the agent with their firm and verification file (key
 * joins), and its members. The agent's standing shows both sides a lapsed licence (`grace`).
 */
const dossierAndPeople = {
  dossier: dossiers,
  owner: { firstName: owner.firstName, lastName: owner.lastName },
  agent: { id: agent.id, firstName: agent.firstName, lastName: agent.lastName },
  agentFile: { licenceNumber: agentFile.licenceNumber },
  agentStanding: standingSql(todayParam, agentBasis),
  agentSupervisor: supervisorJson(sql`${agent.id}`),
  agentFirm: { id: agentFirm.id, name: agentFirm.name },
  members: membersJson,
};

/** What the JSON of a page's rows must be (the rest are columns drizzle reads). */
const ZPeopleJson = z.object({
  members: z.array(ZMember),
  agentSupervisor: ZProSummary.shape.supervisor,
});
const ZSummaryJson = ZPeopleJson.extend({ documents: z.array(ZDocumentFacts) });
const ZFullJson = ZPeopleJson.extend({
  documents: z.array(ZDocument),
  milestones: z.array(ZMilestone),
  pendingRequest: ZAssignmentRequest.nullable(),
});

/**
 * Dossiers with their parts in one statement, where there was one statement per part. A summary needs
 * only the few columns of the documents it counts; a dossier in full, every document whole, the
 * milestones and the pending request.
 */
const dossiersWithParts = (db: Database) =>
  db
    .select({ ...dossierAndPeople, documents: documentFactsJson })
    .from(dossiers)
    .leftJoin(owner, eq(owner.id, dossiers.ownerId))
    .leftJoin(agent, eq(agent.id, dossiers.agentId))
    .leftJoin(agentFirm, eq(agentFirm.id, agent.organisationId))
    .leftJoin(agentFile, eq(agentFile.userId, agent.id))
    .leftJoin(agentBasis, eq(agentBasis.userId, agent.id))
    .$dynamic();

const dossiersInFull = (db: Database) =>
  db
    .select({
      ...dossierAndPeople,
      documents: documentsJson,
      milestones: milestonesJson,
      pendingRequest: pendingRequestJson,
    })
    .from(dossiers)
    .leftJoin(owner, eq(owner.id, dossiers.ownerId))
    .leftJoin(agent, eq(agent.id, dossiers.agentId))
    .leftJoin(agentFirm, eq(agentFirm.id, agent.organisationId))
    .leftJoin(agentFile, eq(agentFile.userId, agent.id))
    .leftJoin(agentBasis, eq(agentBasis.userId, agent.id))
    .$dynamic();

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof dossiersWithParts>['execute']>>[number];
export type FullRow = Awaited<ReturnType<ReturnType<typeof dossiersInFull>['execute']>>[number];

/** The rows, once their JSON is checked against its schema. */
function checked<R>(schema: z.ZodType, rows: R[], what: string): R[] {
  checkRows(schema, rows, what);
  return rows;
}

/** One dossier in full, or undefined. */
export async function dossierInFull(db: Database, dossierId: string, today: string) {
  const rows = await builtQuery(db, 'dossiers.in_full', (db) =>
    dossiersInFull(db).where(eq(dossiers.id, sql.placeholder('id'))),
  ).execute({ id: dossierId, today });
  return checked(ZFullJson, rows, 'dossiers.in_full')[0];
}

/**
 * Whose dossiers a page lists: a candidate's own; a pro's firm's, the firm given, or read in the same
 * statement from the pro's row and file (`firm_of`, the dashboard: a statement less).
 */
export type DossierScope =
  | { by: 'owner' | 'firm'; id: string }
  | { by: 'firm_of'; id: string; network: ReturnType<typeof firmNetworkValues> };

const scopeCondition = {
  owner: () => eq(dossiers.ownerId, sql.placeholder('scope')),
  firm: () => eq(dossiers.organisationId, sql.placeholder('scope')),
  firm_of: () =>
    sql`${dossiers.organisationId} = (select ${dossierFirmOf(sql`u`, todayParam, firmNetworkParams)} from users u where u.id = ${sql.placeholder('scope')})`,
};

export type DossierPageQuery = {
  /** Rows to read: a page and one more, to know whether another page follows. */
  rows: number;
  status?: TDossierStatus | undefined;
  programId?: string | undefined;
  after: Cursor | null;
};

/**
 * Dossiers with their parts (`select`: a summary's, or in full), newest activity first: the scope, the
 * filters given, the order and the limit added to `select`.
 */
async function pageOf<T extends PgSelect>(
  db: Database,
  name: string,
  select: (db: Database) => T,
  scope: DossierScope,
  query: DossierPageQuery,
  today: string,
): Promise<Awaited<T>> {
  const { after } = query;
  // One prepared query per scope and combination of filters given.
  const statement = `${name}_by_${scope.by}${query.status ? '_status' : ''}${query.programId ? '_program' : ''}${after ? '_after' : ''}`;
  return (await builtQuery(db, statement, (db) =>
    select(db)
      .where(
        and(
          scopeCondition[scope.by](),
          query.status ? eq(dossiers.status, sql.placeholder('status')) : undefined,
          query.programId ? eq(dossiers.programId, sql.placeholder('program')) : undefined,
          after
            ? sql`(${dossiers.updatedAt}, ${dossiers.id}) < (${sql.placeholder('at')}, ${sql.placeholder('id')})`
            : undefined,
        ),
      )
      .orderBy(desc(dossiers.updatedAt), desc(dossiers.id))
      .limit(sql.placeholder('limit')),
  ).execute({
    today,
    scope: scope.id,
    status: query.status,
    program: query.programId,
    at: after?.at,
    id: after?.id,
    limit: query.rows,
    ...(scope.by === 'firm_of' ? scope.network : {}),
  })) as Awaited<T>;
}

/** A page of dossiers as summaries read them. */
export async function summaryPage(
  db: Database,
  scope: DossierScope,
  query: DossierPageQuery,
  today: string,
): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = await pageOf(db, 'dossiers.page', dossiersWithParts, scope, query, today);
  return checked(ZSummaryJson, rows, 'dossiers.page');
}

/** A page of dossiers in full. */
export async function fullPage(
  db: Database,
  scope: DossierScope,
  query: DossierPageQuery,
  today: string,
): Promise<FullRow[]> {
  const rows: FullRow[] = await pageOf(db, 'dossiers.page_in_full', dossiersInFull, scope, query, today);
  return checked(ZFullJson, rows, 'dossiers.page_in_full');
}

/** A user's name, or undefined. */
export async function personRow(db: Database, userId: string) {
  const [person] = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, userId));
  return person;
}

/** Inserts a dossier's row; returns its id. */
export async function insertDossier(db: Database, values: typeof dossiers.$inferInsert): Promise<string> {
  const rows = await db.insert(dossiers).values(values).returning({ id: dossiers.id });
  return returnedRow(rows, 'dossier insert').id;
}

export async function updateDossierRow(
  db: Database,
  dossierId: string,
  patch: Partial<Pick<typeof dossiers.$inferInsert, 'status' | 'fileNumber' | 'updatedAt' | 'closedAt'>>,
): Promise<void> {
  await db.update(dossiers).set(patch).where(eq(dossiers.id, dossierId));
}
