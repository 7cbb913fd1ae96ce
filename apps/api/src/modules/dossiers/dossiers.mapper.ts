import type { TDocument, TDossier, TDossierSummary, TMember, TMilestone, ZNote } from '@capitune/contracts';
import type { z } from 'zod';
import type { DossierAccess } from '../access';
import {
  addDays,
  buildChecklist,
  candidateNextAction,
  type DocumentFacts,
  EXPIRY_WARNING_DAYS,
  type ItemRow,
} from './checklist';
import type { DossierMemberRow, DossierMilestoneRow, NoteAuthor, NoteRow } from './dossier-parts.queries';
import type { DocumentRow, FullRow, SummaryRow } from './dossiers.queries';

/**
 * The one mapper of each contract shape of the module, row to contract. Where SQL builds the same JSON
 * (`membersJson`, `milestonesJson`, `documentsJson`), dossiers.json.test.ts asserts both agree.
 */

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

export function toMember(row: DossierMemberRow): TMember {
  return { id: row.id, role: row.role, fullName: row.fullName, dateOfBirth: row.dateOfBirth };
}

export function toMilestone(row: DossierMilestoneRow): TMilestone {
  return { id: row.id, kind: row.kind, label: row.label, date: row.date, done: row.done, note: row.note };
}

export function toNote(note: NoteRow, author: NoteAuthor): z.infer<typeof ZNote> {
  return {
    id: note.id,
    author: { id: author.id, firstName: author.firstName, lastName: author.lastName },
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}

type SummaryParts = Pick<
  SummaryRow,
  'dossier' | 'owner' | 'agent' | 'agentFile' | 'agentStanding' | 'agentSupervisor' | 'agentFirm' | 'members'
>;

/** A dossier's summary, and its checklist (which the detail shows). */
export function summaryOf<D extends DocumentFacts>(
  row: SummaryParts & { documents: D[] },
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

/** A dossier in full as `access` sees it: the owner sees the pending request and their next action. */
export function detailOf(row: FullRow, access: DossierAccess, items: ItemRow[], today: string): TDossier {
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
    legalHold:
      access === 'pro'
        ? {
            held: row.dossier.legalHoldAt !== null,
            reason: row.dossier.legalHoldAt ? row.dossier.legalHoldReason : null,
            since: row.dossier.legalHoldAt?.toISOString() ?? null,
          }
        : null,
  };
}
