import type { TDocument, TMember, TMilestone, TProSummary } from '@capitune/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import {
  checklistItems,
  documents,
  dossierMembers,
  type dossiers,
  milestones,
  organisations,
  users,
} from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { prepared } from '../../platform/db/prepared';
import type { ItemRow } from './checklist';

export type DossierRow = typeof dossiers.$inferSelect;
type DocumentRow = typeof documents.$inferSelect;

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

export async function membersOf(db: Database, dossierIds: string[]): Promise<Map<string, TMember[]>> {
  const byDossier = new Map<string, TMember[]>();
  if (dossierIds.length === 0) return byDossier;
  const rows = await prepared(db, 'dossiers.members_of', (db) =>
    db
      .select()
      .from(dossierMembers)
      .where(anyOf(dossierMembers.dossierId, sql.placeholder('ids')))
      .orderBy(asc(dossierMembers.createdAt)),
  ).execute({ ids: dossierIds });
  const order = { principal: 0, spouse: 1, dependant: 2, sponsor: 3 };
  for (const row of rows.sort((a, b) => order[a.role] - order[b.role])) {
    const list = byDossier.get(row.dossierId) ?? [];
    list.push({ id: row.id, role: row.role, fullName: row.fullName, dateOfBirth: row.dateOfBirth });
    byDossier.set(row.dossierId, list);
  }
  return byDossier;
}

export async function documentsOf(db: Database, dossierIds: string[]): Promise<Map<string, TDocument[]>> {
  const byDossier = new Map<string, TDocument[]>();
  if (dossierIds.length === 0) return byDossier;
  const rows = await prepared(db, 'dossiers.documents_of', (db) =>
    db
      .select()
      .from(documents)
      .where(anyOf(documents.dossierId, sql.placeholder('ids'))),
  ).execute({ ids: dossierIds });
  for (const row of rows) {
    const list = byDossier.get(row.dossierId) ?? [];
    list.push(toDocument(row));
    byDossier.set(row.dossierId, list);
  }
  return byDossier;
}

export async function milestonesOf(db: Database, dossierIds: string[]): Promise<Map<string, TMilestone[]>> {
  const byDossier = new Map<string, TMilestone[]>();
  if (dossierIds.length === 0) return byDossier;
  const rows = await prepared(db, 'dossiers.milestones_of', (db) =>
    db
      .select()
      .from(milestones)
      .where(anyOf(milestones.dossierId, sql.placeholder('ids')))
      .orderBy(asc(milestones.date), asc(milestones.createdAt)),
  ).execute({ ids: dossierIds });
  for (const row of rows) {
    const list = byDossier.get(row.dossierId) ?? [];
    list.push({
      id: row.id,
      kind: row.kind,
      label: row.label,
      date: row.date,
      done: row.done,
      note: row.note,
    });
    byDossier.set(row.dossierId, list);
  }
  return byDossier;
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

/** Owners and agents of dossiers, by user id, with the agent's firm. */
export async function peopleOf(db: Database, rows: DossierRow[]) {
  const ids = [
    ...new Set(rows.flatMap((row) => [row.ownerId, row.agentId].filter((id): id is string => !!id))),
  ];
  const people = new Map<string, TProSummary>();
  if (ids.length === 0) return people;
  const found = await prepared(db, 'dossiers.people_of', (db) =>
    db
      .select(proSummaryColumns)
      .from(users)
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(anyOf(users.id, sql.placeholder('ids'))),
  ).execute({ ids });
  for (const person of found) people.set(person.id, toProSummary(person));
  return people;
}
