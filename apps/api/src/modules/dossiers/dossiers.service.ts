import type { TDossier, TDossierStatus, TDossierSummary, TMilestone, TProgram } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, fieldError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import {
  type Caller,
  type CallerReach,
  dossierFirm,
  dossierFor,
  firmNetworkValues,
  platformToday,
  requireRole,
} from '../access';
import { recordAudit } from '../audit';
import { isoDay } from './checklist';
import { insertMember, touchDossierRow } from './dossier-parts.queries';
import { detailOf, summaryOf } from './dossiers.mapper';
import {
  activeProgram,
  activeProgramsWithItems,
  type DossierPageQuery,
  type DossierRow,
  type DossierScope,
  dossierInFull,
  fullPage,
  insertDossier,
  itemsOfPrograms,
  personRow,
  type SummaryRow,
  summaryPage,
  updateDossierRow,
} from './dossiers.queries';

/** The programs and their checklists: public reference data, no caller. */
export async function listPrograms(db: Database): Promise<TProgram[]> {
  const { programs, items } = await activeProgramsWithItems(db);
  return programs.map((program) => ({
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

/** The checklist items of each row's program (a catalogue kept a minute per instance). */
async function itemsOf(deps: AppDeps, rows: { dossier: DossierRow }[]) {
  const items = await itemsOfPrograms(
    deps.db,
    rows.map((row) => row.dossier.programId),
  );
  return (row: { dossier: DossierRow }) => items.get(row.dossier.programId) ?? [];
}

export async function getDossier(deps: AppDeps, caller: Caller, dossierId: string): Promise<TDossier> {
  const { access } = await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  const row = await dossierInFull(deps.db, dossierId, platformToday(deps.clock.now()));
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
 * Whose dossiers a caller lists: a candidate's own; a pro's firm's; none for anyone else, nor for a pro
 * whose standing does not open the firm's dossiers.
 */
function scopeOf(reach: CallerReach): DossierScope | null {
  if (reach.role === 'candidate') return { by: 'owner', id: reach.id };
  const firm = dossierFirm(reach);
  return firm ? { by: 'firm', id: firm } : null;
}

/** A page of `limit` dossiers from the cursor given (`read`: as summaries or in full), and the next cursor. */
async function pageOfDossiers<R extends { dossier: DossierRow }>(
  deps: AppDeps,
  read: (db: Database, scope: DossierScope, query: DossierPageQuery, today: string) => Promise<R[]>,
  scope: DossierScope,
  query: DossierListQuery,
): Promise<{ rows: R[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await read(
    deps.db,
    scope,
    { rows: query.limit + 1, status: query.status, programId: query.programId, after },
    platformToday(deps.clock.now()),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1)?.dossier;
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
  reach: CallerReach,
  query: DossierListQuery,
): Promise<{ items: TDossierSummary[]; nextCursor: string | null }> {
  const scope = scopeOf(reach);
  if (!scope) {
    // A forged cursor is refused even where the page would be empty (an admin, a pro without a firm).
    if (query.cursor) decodeCursor(query.cursor);
    return { items: [], nextCursor: null };
  }
  const { rows, nextCursor } = await pageOfDossiers(deps, summaryPage, scope, query);
  return { items: await summaries(deps, rows), nextCursor };
}

/**
 * A pro's first page of their firm's dossiers as summaries, the firm read in the same statement (none
 * for a pro whose standing does not open the firm's dossiers, nor from outside the firm's networks).
 */
export async function firmDossiersOf(deps: AppDeps, pro: Caller, limit: number): Promise<TDossierSummary[]> {
  if (pro.role !== 'pro') return [];
  const network = firmNetworkValues(pro, deps.clock.now());
  const scope: DossierScope = { by: 'firm_of', id: pro.id, network };
  const { rows } = await pageOfDossiers(deps, summaryPage, scope, { limit });
  return summaries(deps, rows);
}

/**
 * A candidate's first page of dossiers as summaries, and the first `detailed` of them in full (for their
 * next actions), from one statement.
 */
export async function ownDossiersInDetail(
  deps: AppDeps,
  caller: Caller,
  limit: number,
  detailed: number,
): Promise<{ summaries: TDossierSummary[]; details: TDossier[]; milestones: Map<string, TMilestone[]> }> {
  if (caller.role !== 'candidate') return { summaries: [], details: [], milestones: new Map() };
  const scope: DossierScope = { by: 'owner', id: caller.id };
  const { rows } = await pageOfDossiers(deps, fullPage, scope, { limit });
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
  caller: Caller,
  body: { programId: string; principalDateOfBirth?: string | null | undefined },
): Promise<TDossier> {
  requireRole(caller, 'candidate', 'Only candidates open dossiers; pros invite their clients');
  const id = await withTransaction(deps.pool, async (tx) => {
    const program = await activeProgram(tx.db, body.programId);
    if (!program) throw fieldError('body.programId', 'unknown_program', 'Unknown program');
    return createDossierFor(deps, tx.db, {
      ownerId: caller.id,
      programId: program.id,
      principalDateOfBirth: body.principalDateOfBirth ?? null,
    });
  });
  return getDossier(deps, caller, id);
}

/**
 * Inserts a dossier with its principal applicant (the owner), in a transaction of a service that checked
 * the caller (`createDossier`, an accepted invitation).
 */
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
  const owner = await personRow(db, input.ownerId);
  if (!owner) throw new AppError('NOT_FOUND');
  const dossierId = await insertDossier(db, {
    ownerId: owner.id,
    programId: input.programId,
    status: input.agentId ? 'preparing' : 'draft',
    organisationId: input.organisationId ?? null,
    agentId: input.agentId ?? null,
    agentSince: input.agentId ? now : null,
    createdAt: now,
    updatedAt: now,
  });
  await insertMember(db, {
    dossierId,
    role: 'principal',
    fullName: `${owner.firstName} ${owner.lastName}`,
    dateOfBirth: input.principalDateOfBirth,
    createdAt: now,
  });
  return dossierId;
}

/** Candidates move their dossier between draft and preparing, or close it; the firm sets every status. */
const statusesForOwner: TDossierStatus[] = ['draft', 'preparing', 'closed'];

export async function updateDossier(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  patch: { status?: TDossierStatus | undefined; fileNumber?: string | null | undefined },
): Promise<TDossier> {
  await withTransaction(deps.pool, async (tx) => {
    // The access check takes the dossier's row lock: writes on one dossier are serialised.
    const { dossier, access } = await dossierFor(tx.db, caller, dossierId, deps.clock.now(), { lock: true });
    if (patch.status && access === 'owner' && !statusesForOwner.includes(patch.status)) {
      throw new AppError('FORBIDDEN', 'Only the professional in charge sets this status');
    }
    // A client file's retention counts from its closure: set on closing, cleared on reopening.
    const statusChanges = patch.status && patch.status !== dossier.status;
    const closedAt = statusChanges ? { closedAt: patch.status === 'closed' ? deps.clock.now() : null } : {};
    await updateDossierRow(tx.db, dossierId, { ...patch, ...closedAt, updatedAt: deps.clock.now() });
    if (patch.status && patch.status !== dossier.status) {
      await recordAudit(tx.db, {
        actorId: caller.id,
        action: 'dossier.status_changed',
        subjectType: 'dossier',
        subjectId: dossierId,
        dossierId,
        before: { status: dossier.status },
        after: { status: patch.status },
        ip: caller.ip,
      });
    }
  });
  return getDossier(deps, caller, dossierId);
}

/** Moves a dossier up the lists, for a change inside it; in the caller's transaction, access checked. */
export async function touchDossier(deps: AppDeps, db: Database, dossierId: string): Promise<void> {
  await touchDossierRow(db, dossierId, deps.clock.now());
}
