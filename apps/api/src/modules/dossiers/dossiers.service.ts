import type {
  TDossier,
  TDossierStatus,
  TDossierSummary,
  TMember,
  TMilestone,
  TProgram,
  TProStanding,
} from '@capitune/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import {
  checklistItems,
  dossierMembers,
  dossierNotes,
  dossiers,
  milestones,
  organisations,
  programs,
  proStandingBasis,
  proVerifications,
  users,
} from '../../db/schema';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import type { AuthUser } from '../../lib/tokens';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { recordAudit } from '../audit/audit.service';
import { platformToday, standingSql } from '../pros';
import {
  addDays,
  buildChecklist,
  candidateNextAction,
  type DocumentFacts,
  EXPIRY_WARNING_DAYS,
  type ItemRow,
  isoDay,
} from './checklist';
import {
  DOSSIER_STANDINGS,
  type DossierRow,
  documentFactsJson,
  documentsJson,
  dossierFirmOf,
  itemsOfPrograms,
  membersJson,
  milestonesJson,
  pendingRequestJson,
  supervisorJson,
  todayParam,
} from './dossiers.queries';

/** Who is asking, as their access token says. */
export interface Requester {
  id: string;
  role: AuthUser['role'];
  ip?: string | undefined;
}

/**
 * Who is asking, with the firm and the standing of a pro: read from the database, they change without a
 * new token (a pro who moves firms, or whose licence is suspended).
 */
export interface Viewer extends Requester {
  organisationId: string | null;
  /** A pro's standing today (`not_verified` for everyone else, who has no file). */
  standing: TProStanding;
}

export const requesterOf = (user: AuthUser, ip?: string): Requester => ({ id: user.id, role: user.role, ip });

/**
 * The requester's row with what their standing rests on, if anything: their own file, or their
 * supervisor's for an agent (the standing is read by standingSql).
 */
const withFile = (db: Database) =>
  db
    .select({ organisationId: users.organisationId, standing: standingSql(todayParam) })
    .from(users)
    .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id));

export async function viewerOf(db: Database, requester: Requester, now: Date): Promise<Viewer> {
  const [row] = await builtQuery(db, 'dossiers.viewer', (db) =>
    withFile(db).where(eq(users.id, sql.placeholder('id'))),
  ).execute({ id: requester.id, today: platformToday(now) });
  if (!row) throw new AppError('UNAUTHENTICATED');
  return { ...requester, organisationId: row.organisationId, standing: row.standing };
}

/**
 * The firm whose client dossiers a viewer may open: a pro's own while verified or in grace. A pro whose
 * licence is suspended, revoked or expired loses them at once; the firm's other verified pros keep them.
 */
export function dossierFirm(viewer: Viewer): string | null {
  return viewer.role === 'pro' && DOSSIER_STANDINGS.includes(viewer.standing) ? viewer.organisationId : null;
}

export type DossierAccess = 'owner' | 'pro';

/** The owner, or a pro of the assigned firm in good standing. Anyone else gets null. */
export function accessTo(
  viewer: Viewer,
  dossier: Pick<DossierRow, 'ownerId' | 'organisationId'>,
): DossierAccess | null {
  if (viewer.role === 'candidate' && dossier.ownerId === viewer.id) return 'owner';
  const firm = dossierFirm(viewer);
  if (firm && dossier.organisationId === firm) return 'pro';
  return null;
}

/**
 * The dossier if the requester may see it, with the requester's firm and standing read in the same
 * statement (every dossier route needs them). Otherwise 404, as if it did not exist: guessing ids tells
 * nothing. `lock` takes a row lock on the dossier in a transaction, to serialise writes on one dossier.
 */
export async function dossierFor(
  db: Database,
  requester: Requester,
  dossierId: string,
  now: Date,
  options: { only?: DossierAccess; lock?: boolean } = {},
): Promise<{ dossier: DossierRow; access: DossierAccess; viewer: Viewer }> {
  const query = (db: Database) =>
    db
      .select({
        dossier: dossiers,
        organisationId: users.organisationId,
        standing: standingSql(todayParam),
      })
      .from(dossiers)
      .leftJoin(users, eq(users.id, sql.placeholder('requester')))
      .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id))
      .where(eq(dossiers.id, sql.placeholder('dossier')));
  const values = { requester: requester.id, dossier: dossierId, today: platformToday(now) };
  const [row] = options.lock
    ? await builtQuery(db, 'dossiers.dossier_for_update', (db) =>
        query(db).for('update', { of: dossiers }),
      ).execute(values)
    : await builtQuery(db, 'dossiers.dossier_for', query).execute(values);
  const viewer: Viewer = {
    ...requester,
    organisationId: row?.organisationId ?? null,
    standing: row?.standing ?? 'not_verified',
  };
  const access = row ? accessTo(viewer, row.dossier) : null;
  if (!row || !access) throw new AppError('NOT_FOUND', 'No such dossier');
  if (options.only && access !== options.only) throw new AppError('FORBIDDEN');
  return { dossier: row.dossier, access, viewer };
}

export async function listPrograms(db: Database): Promise<TProgram[]> {
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
  return rows.map((program) => ({
    id: program.id,
    name: program.name,
    description: program.description,
    items: items
      .filter((item) => item.programId === program.id)
      .map((item) => ({
        id: item.id,
        documentType: item.documentType,
        required: item.required,
        concerns: item.concerns,
        label: item.label,
        help: item.help,
        expiryRule: item.expiryRule,
      })),
  }));
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

type SummaryRow = Awaited<ReturnType<ReturnType<typeof dossiersWithParts>['execute']>>[number];
type FullRow = Awaited<ReturnType<ReturnType<typeof dossiersInFull>['execute']>>[number];

function summaryOf<D extends DocumentFacts>(
  row: Pick<
    SummaryRow,
    | 'dossier'
    | 'owner'
    | 'agent'
    | 'agentFile'
    | 'agentStanding'
    | 'agentSupervisor'
    | 'agentFirm'
    | 'members'
  > & { documents: D[] },
  items: ItemRow[],
  today: string,
) {
  const { dossier } = row;
  const { entries, progress } = buildChecklist(items, row.members, row.documents, today);
  const current = entries.map((entry) => entry.current).filter((document) => document !== null);
  const horizon = addDays(today, EXPIRY_WARNING_DAYS);
  const summary: TDossierSummary = {
    id: dossier.id,
    programId: dossier.programId,
    status: dossier.status,
    fileNumber: dossier.fileNumber,
    owner: {
      id: dossier.ownerId,
      firstName: row.owner?.firstName ?? '',
      lastName: row.owner?.lastName ?? '',
    },
    agent:
      dossier.agentId && row.agent
        ? {
            ...row.agent,
            licenceNumber: row.agentFile?.licenceNumber ?? null,
            standing: row.agentStanding,
            supervisor: row.agentSupervisor,
            organisation: row.agentFirm,
          }
        : null,
    progress,
    toReview: current.filter((document) => document.status === 'pending').length,
    expiringSoon: current.filter((document) => document.expiryDate !== null && document.expiryDate <= horizon)
      .length,
    updatedAt: dossier.updatedAt.toISOString(),
    createdAt: dossier.createdAt.toISOString(),
  };
  return { summary, entries };
}

function detailOf(row: FullRow, access: DossierAccess, items: ItemRow[], today: string): TDossier {
  const { summary, entries } = summaryOf(row, items, today);
  return {
    ...summary,
    members: row.members,
    milestones: row.milestones,
    checklist: entries,
    otherDocuments: row.documents
      .filter((document) => document.itemId === null && document.status !== 'withdrawn')
      .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt)),
    pendingRequest: access === 'owner' ? row.pendingRequest : null,
    nextAction:
      access === 'owner' ? candidateNextAction(row.dossier.id, items, entries, row.milestones, today) : null,
    viewerRole: access,
  };
}

/** The checklist items of each row's program (a catalogue kept a minute per instance). */
async function itemsOf(deps: AppDeps, rows: { dossier: DossierRow }[]) {
  const items = await itemsOfPrograms(
    deps.db,
    rows.map((row) => row.dossier.programId),
  );
  return (row: { dossier: DossierRow }) => items.get(row.dossier.programId) ?? [];
}

export async function getDossier(deps: AppDeps, viewer: Requester, dossierId: string): Promise<TDossier> {
  const now = deps.clock.now();
  const { access } = await dossierFor(deps.db, viewer, dossierId, now);
  const [row] = await builtQuery(deps.db, 'dossiers.in_full', (db) =>
    dossiersInFull(db).where(eq(dossiers.id, sql.placeholder('id'))),
  ).execute({ id: dossierId, today: platformToday(now) });
  if (!row) throw new AppError('NOT_FOUND', 'No such dossier');
  const items = await itemsOf(deps, [row]);
  return detailOf(row, access, items(row), isoDay(deps.clock.now()));
}

type DossierListQuery = {
  cursor?: string | undefined;
  limit: number;
  status?: TDossierStatus | undefined;
  programId?: string | undefined;
};

/**
 * Whose dossiers a page lists: a candidate's own; a pro's firm's, the firm given, or read in the same
 * statement from the pro's row and file (`firm_of`, the dashboard: a statement less), none for a pro
 * whose standing does not open the firm's dossiers.
 */
type Scope = { by: 'owner' | 'firm' | 'firm_of'; id: string };

const scopeCondition = {
  owner: () => eq(dossiers.ownerId, sql.placeholder('scope')),
  firm: () => eq(dossiers.organisationId, sql.placeholder('scope')),
  firm_of: () =>
    sql`${dossiers.organisationId} = (select ${dossierFirmOf(sql`u`, todayParam)} from users u where u.id = ${sql.placeholder('scope')})`,
};

function scopeOf(viewer: Viewer): Scope | null {
  if (viewer.role === 'candidate') return { by: 'owner', id: viewer.id };
  const firm = dossierFirm(viewer);
  return firm ? { by: 'firm', id: firm } : null;
}

/**
 * A page of dossiers with their parts (`select`: a summary's, or in full), newest activity first: the
 * scope, the filters given, the order and the limit added to `select`.
 */
async function pageOfDossiers<T extends PgSelect>(
  deps: AppDeps,
  name: string,
  select: (db: Database) => T,
  scope: Scope,
  query: DossierListQuery,
): Promise<{ rows: Awaited<T>; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  // One prepared query per scope and combination of filters given.
  const statement = `${name}_by_${scope.by}${query.status ? '_status' : ''}${query.programId ? '_program' : ''}${after ? '_after' : ''}`;
  const rows = (await builtQuery(deps.db, statement, (db) =>
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
    today: platformToday(deps.clock.now()),
    scope: scope.id,
    status: query.status,
    program: query.programId,
    at: after?.at,
    id: after?.id,
    limit: query.limit + 1,
  })) as Awaited<T>;
  const page = rows.slice(0, query.limit) as Awaited<T>;
  const last = page.at(-1)?.dossier as DossierRow | undefined;
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.updatedAt, id: last.id }) : null,
  };
}

async function summaries(deps: AppDeps, rows: SummaryRow[]): Promise<TDossierSummary[]> {
  const items = await itemsOf(deps, rows);
  const today = isoDay(deps.clock.now());
  return rows.map((row) => summaryOf(row, items(row), today).summary);
}

/** The caller's dossiers as summaries: their own for a candidate, their firm's for a pro. */
export async function listDossiers(
  deps: AppDeps,
  viewer: Viewer,
  query: DossierListQuery,
): Promise<{ items: TDossierSummary[]; nextCursor: string | null }> {
  const scope = scopeOf(viewer);
  if (!scope) {
    // A forged cursor is refused even where the page would be empty (an admin, a pro without a firm).
    if (query.cursor) decodeCursor(query.cursor);
    return { items: [], nextCursor: null };
  }
  const { rows, nextCursor } = await pageOfDossiers(deps, 'dossiers.page', dossiersWithParts, scope, query);
  return { items: await summaries(deps, rows), nextCursor };
}

/** A pro's first page of their firm's dossiers as summaries, the firm read in the same statement. */
export async function firmDossiersOf(
  deps: AppDeps,
  pro: Requester,
  limit: number,
): Promise<TDossierSummary[]> {
  if (pro.role !== 'pro') return [];
  const scope: Scope = { by: 'firm_of', id: pro.id };
  const { rows } = await pageOfDossiers(deps, 'dossiers.page', dossiersWithParts, scope, { limit });
  return summaries(deps, rows);
}

/**
 * A candidate's first page of dossiers as summaries, and the first `detailed` of them in full (for their
 * next actions), from one statement.
 */
export async function ownDossiersInDetail(
  deps: AppDeps,
  viewer: Requester,
  limit: number,
  detailed: number,
): Promise<{ summaries: TDossierSummary[]; details: TDossier[]; milestones: Map<string, TMilestone[]> }> {
  if (viewer.role !== 'candidate') return { summaries: [], details: [], milestones: new Map() };
  const scope: Scope = { by: 'owner', id: viewer.id };
  const { rows } = await pageOfDossiers(deps, 'dossiers.page_in_full', dossiersInFull, scope, { limit });
  const items = await itemsOf(deps, rows);
  const today = isoDay(deps.clock.now());
  return {
    summaries: rows.map((row) => summaryOf(row, items(row), today).summary),
    details: rows.slice(0, detailed).map((row) => detailOf(row, 'owner', items(row), today)),
    milestones: new Map(rows.map((row) => [row.dossier.id, row.milestones])),
  };
}

export async function createDossier(
  deps: AppDeps,
  viewer: Requester,
  body: { programId: string; principalDateOfBirth?: string | null | undefined },
): Promise<TDossier> {
  if (viewer.role !== 'candidate')
    throw new AppError('FORBIDDEN', 'Only candidates open dossiers; pros invite their clients');
  const id = await withTransaction(deps.pool, async (tx) => {
    const [program] = await tx.db
      .select()
      .from(programs)
      .where(and(eq(programs.id, body.programId), eq(programs.active, true)));
    if (!program) {
      throw new AppError('VALIDATION_FAILED', 'Unknown program', {
        fieldErrors: [{ path: 'body.programId', message: 'Unknown program', code: 'unknown_program' }],
      });
    }
    return createDossierFor(deps, tx.db, {
      ownerId: viewer.id,
      programId: program.id,
      principalDateOfBirth: body.principalDateOfBirth ?? null,
    });
  });
  return getDossier(deps, viewer, id);
}

/** Inserts a dossier with its principal applicant (the owner). For a transaction of the caller. */
export async function createDossierFor(
  deps: AppDeps,
  db: Database,
  input: {
    ownerId: string;
    programId: string;
    principalDateOfBirth: string | null;
    organisationId?: string;
    agentId?: string;
  },
): Promise<string> {
  const now = deps.clock.now();
  const [owner] = await db.select().from(users).where(eq(users.id, input.ownerId));
  if (!owner) throw new AppError('NOT_FOUND');
  const [dossier] = await db
    .insert(dossiers)
    .values({
      ownerId: owner.id,
      programId: input.programId,
      status: input.agentId ? 'preparing' : 'draft',
      organisationId: input.organisationId ?? null,
      agentId: input.agentId ?? null,
      agentSince: input.agentId ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: dossiers.id });
  if (!dossier) throw new Error('dossier insert returned nothing');
  await db.insert(dossierMembers).values({
    dossierId: dossier.id,
    role: 'principal',
    fullName: `${owner.firstName} ${owner.lastName}`,
    dateOfBirth: input.principalDateOfBirth,
    createdAt: now,
  });
  return dossier.id;
}

/** Candidates move their dossier between draft and preparing, or close it; the firm sets every status. */
const statusesForOwner: TDossierStatus[] = ['draft', 'preparing', 'closed'];

export async function updateDossier(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  patch: { status?: TDossierStatus | undefined; fileNumber?: string | null | undefined },
): Promise<TDossier> {
  await withTransaction(deps.pool, async (tx) => {
    const { dossier, access } = await dossierFor(tx.db, viewer, dossierId, deps.clock.now(), { lock: true });
    if (patch.status && access === 'owner' && !statusesForOwner.includes(patch.status)) {
      throw new AppError('FORBIDDEN', 'Only the professional in charge sets this status');
    }
    await tx.db
      .update(dossiers)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(eq(dossiers.id, dossierId));
    if (patch.status && patch.status !== dossier.status) {
      await recordAudit(tx.db, {
        actorId: viewer.id,
        action: 'dossier.status_changed',
        subjectType: 'dossier',
        subjectId: dossierId,
        dossierId,
        before: { status: dossier.status },
        after: { status: patch.status },
        ip: viewer.ip,
      });
    }
  });
  return getDossier(deps, viewer, dossierId);
}

export async function touchDossier(deps: AppDeps, db: Database, dossierId: string): Promise<void> {
  await db.update(dossiers).set({ updatedAt: deps.clock.now() }).where(eq(dossiers.id, dossierId));
}

export async function addMember(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  body: {
    role: 'spouse' | 'dependant' | 'sponsor';
    fullName: string;
    dateOfBirth?: string | null | undefined;
  },
): Promise<TMember> {
  return withTransaction(deps.pool, async (tx) => {
    await dossierFor(tx.db, viewer, dossierId, deps.clock.now(), { lock: true });
    const [existing] = await tx.db
      .select({ id: dossierMembers.id })
      .from(dossierMembers)
      .where(and(eq(dossierMembers.dossierId, dossierId), eq(dossierMembers.role, body.role)));
    if (existing && body.role !== 'dependant')
      throw new AppError('CONFLICT', `This dossier already has a ${body.role}`);
    const [member] = await tx.db
      .insert(dossierMembers)
      .values({
        dossierId,
        role: body.role,
        fullName: body.fullName,
        dateOfBirth: body.dateOfBirth ?? null,
        createdAt: deps.clock.now(),
      })
      .returning();
    await touchDossier(deps, tx.db, dossierId);
    if (!member) throw new Error('member insert returned nothing');
    return { id: member.id, role: member.role, fullName: member.fullName, dateOfBirth: member.dateOfBirth };
  });
}

export async function updateMember(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  memberId: string,
  patch: { fullName?: string | undefined; dateOfBirth?: string | null | undefined },
): Promise<TMember> {
  await dossierFor(deps.db, viewer, dossierId, deps.clock.now());
  const thisMember = and(eq(dossierMembers.id, memberId), eq(dossierMembers.dossierId, dossierId));
  // An empty patch changes nothing: SQL has no UPDATE without a column to set.
  const [member] =
    Object.keys(patch).length === 0
      ? await deps.db.select().from(dossierMembers).where(thisMember)
      : await deps.db.update(dossierMembers).set(patch).where(thisMember).returning();
  if (!member) throw new AppError('NOT_FOUND', 'No such member');
  return { id: member.id, role: member.role, fullName: member.fullName, dateOfBirth: member.dateOfBirth };
}

export async function removeMember(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  memberId: string,
): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    await dossierFor(tx.db, viewer, dossierId, deps.clock.now(), { lock: true });
    const [member] = await tx.db
      .select()
      .from(dossierMembers)
      .where(and(eq(dossierMembers.id, memberId), eq(dossierMembers.dossierId, dossierId)));
    if (!member) throw new AppError('NOT_FOUND', 'No such member');
    if (member.role === 'principal')
      throw new AppError('CONFLICT', 'The principal applicant cannot be removed');
    const [{ count } = { count: 0 }] = await tx.db
      .execute<{ count: number }>(
        sql`select count(*)::int as count from documents where member_id = ${memberId}`,
      )
      .then((result) => result.rows);
    if (count > 0) throw new AppError('CONFLICT', 'This member has documents: withdraw them first');
    await tx.db.delete(dossierMembers).where(eq(dossierMembers.id, memberId));
    await touchDossier(deps, tx.db, dossierId);
  });
}

type MilestoneInput = {
  kind?: TMilestone['kind'] | undefined;
  label?: string | null | undefined;
  date?: string | null | undefined;
  done?: boolean | undefined;
  note?: string | null | undefined;
};

function assertMilestone(kind: TMilestone['kind'] | undefined, label: string | null | undefined) {
  if (kind === 'other' && !label) {
    throw new AppError('VALIDATION_FAILED', 'A milestone of kind "other" needs a label', {
      fieldErrors: [{ path: 'body.label', message: 'Required for kind "other"', code: 'required' }],
    });
  }
}

export async function addMilestone(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  body: MilestoneInput & { kind: TMilestone['kind'] },
): Promise<TMilestone> {
  assertMilestone(body.kind, body.label);
  return withTransaction(deps.pool, async (tx) => {
    await dossierFor(tx.db, viewer, dossierId, deps.clock.now());
    const [row] = await tx.db
      .insert(milestones)
      .values({
        dossierId,
        kind: body.kind,
        label: body.label ?? null,
        date: body.date ?? null,
        done: body.done ?? false,
        note: body.note ?? null,
        createdAt: deps.clock.now(),
      })
      .returning();
    await touchDossier(deps, tx.db, dossierId);
    if (!row) throw new Error('milestone insert returned nothing');
    return { id: row.id, kind: row.kind, label: row.label, date: row.date, done: row.done, note: row.note };
  });
}

export async function updateMilestone(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  milestoneId: string,
  patch: MilestoneInput,
): Promise<TMilestone> {
  return withTransaction(deps.pool, async (tx) => {
    await dossierFor(tx.db, viewer, dossierId, deps.clock.now());
    const [row] = await tx.db
      .update(milestones)
      .set(patch)
      .where(and(eq(milestones.id, milestoneId), eq(milestones.dossierId, dossierId)))
      .returning();
    if (!row) throw new AppError('NOT_FOUND', 'No such milestone');
    assertMilestone(row.kind, row.label);
    await touchDossier(deps, tx.db, dossierId);
    return { id: row.id, kind: row.kind, label: row.label, date: row.date, done: row.done, note: row.note };
  });
}

export async function removeMilestone(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  milestoneId: string,
): Promise<void> {
  await dossierFor(deps.db, viewer, dossierId, deps.clock.now());
  const removed = await deps.db
    .delete(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.dossierId, dossierId)))
    .returning({ id: milestones.id });
  if (removed.length === 0) throw new AppError('NOT_FOUND', 'No such milestone');
}

/** Internal notes of the firm in charge: other firms (after a hand-off) and the candidate never see them. */
export async function listNotes(deps: AppDeps, viewer: Requester, dossierId: string) {
  const { viewer: pro } = await dossierFor(deps.db, viewer, dossierId, deps.clock.now(), { only: 'pro' });
  const rows = await deps.db
    .select({
      note: dossierNotes,
      author: { id: users.id, firstName: users.firstName, lastName: users.lastName },
    })
    .from(dossierNotes)
    .innerJoin(users, eq(users.id, dossierNotes.authorId))
    .where(
      and(eq(dossierNotes.dossierId, dossierId), eq(dossierNotes.organisationId, pro.organisationId ?? '')),
    )
    .orderBy(desc(dossierNotes.createdAt))
    .limit(200);
  return rows.map(({ note, author }) => ({
    id: note.id,
    author,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  }));
}

export async function addNote(deps: AppDeps, viewer: Requester, dossierId: string, body: string) {
  const { dossier } = await dossierFor(deps.db, viewer, dossierId, deps.clock.now(), { only: 'pro' });
  const [author] = await deps.db.select().from(users).where(eq(users.id, viewer.id));
  const [note] = await deps.db
    .insert(dossierNotes)
    .values({
      dossierId,
      organisationId: dossier.organisationId ?? '',
      authorId: viewer.id,
      body,
      createdAt: deps.clock.now(),
    })
    .returning();
  if (!note || !author) throw new Error('note insert returned nothing');
  return {
    id: note.id,
    author: { id: author.id, firstName: author.firstName, lastName: author.lastName },
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}
