import { and, asc, eq, gt, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import {
  auditLog,
  checklistItems,
  documents,
  dossierMembers,
  dossiers,
  messages,
  milestones,
  organisations,
  programs,
  users,
} from '../../db/schema';
import type { Database } from '../../platform/db/database';

/**
 * Every statement of the inspection export: a client file's identity, all its document versions, and its
 * conversation, audit trail and milestones, each within the range asked. The conversation and the audit
 * trail are read in pages, up to the last row counted before the export began.
 */

/** `[from, to)`: either end open when null. */
export interface InspectionRange {
  from: Date | null;
  to: Date | null;
}

function within(column: AnyPgColumn | SQL, range: InspectionRange): SQL | undefined {
  return and(
    range.from ? sql`${column} >= ${range.from.toISOString()}` : undefined,
    range.to ? sql`${column} < ${range.to.toISOString()}` : undefined,
  );
}

const owners = alias(users, 'owner');
const agents = alias(users, 'agent');

/** The file's identity: program, firm, agent and owner by name, dates, legal hold. */
export async function inspectedDossier(db: Database, dossierId: string) {
  const [row] = await db
    .select({
      id: dossiers.id,
      programId: dossiers.programId,
      programName: programs.name,
      fileNumber: dossiers.fileNumber,
      status: dossiers.status,
      organisationId: dossiers.organisationId,
      firmName: organisations.name,
      agentId: dossiers.agentId,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
      ownerId: dossiers.ownerId,
      ownerFirstName: owners.firstName,
      ownerLastName: owners.lastName,
      createdAt: dossiers.createdAt,
      closedAt: dossiers.closedAt,
      legalHoldAt: dossiers.legalHoldAt,
      legalHoldReason: dossiers.legalHoldReason,
    })
    .from(dossiers)
    .innerJoin(programs, eq(programs.id, dossiers.programId))
    .innerJoin(owners, eq(owners.id, dossiers.ownerId))
    .leftJoin(organisations, eq(organisations.id, dossiers.organisationId))
    .leftJoin(agents, eq(agents.id, dossiers.agentId))
    .where(eq(dossiers.id, dossierId));
  return row;
}
export type InspectedDossier = NonNullable<Awaited<ReturnType<typeof inspectedDossier>>>;

export async function personName(db: Database, userId: string) {
  const [row] = await db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, userId));
  return row ? `${row.firstName} ${row.lastName}`.trim() : '';
}

/** The people of the file (principal applicant, spouse, dependants, sponsor), in the order added. */
export async function inspectedMembers(db: Database, dossierId: string) {
  return db
    .select({ id: dossierMembers.id, role: dossierMembers.role, fullName: dossierMembers.fullName })
    .from(dossierMembers)
    .where(eq(dossierMembers.dossierId, dossierId))
    .orderBy(asc(dossierMembers.createdAt), asc(dossierMembers.id));
}

const reviewers = alias(users, 'reviewer');
const uploaders = alias(users, 'uploader');

/**
 * Every version of every document, withdrawn ones too (their file is gone, their trace is not); within a
 * range, the versions uploaded or decided in it. By member, checklist order, then version.
 */
export async function inspectedDocuments(db: Database, dossierId: string, range: InspectionRange) {
  const inRange =
    range.from || range.to
      ? or(within(documents.createdAt, range), within(documents.reviewedAt, range))
      : undefined;
  return db
    .select({
      id: documents.id,
      itemId: documents.itemId,
      itemLabel: checklistItems.label,
      memberId: documents.memberId,
      memberName: dossierMembers.fullName,
      memberRole: dossierMembers.role,
      version: documents.version,
      status: documents.status,
      rejectionReason: documents.rejectionReason,
      blobKey: documents.blobKey,
      originalName: documents.originalName,
      contentType: documents.contentType,
      sizeBytes: documents.sizeBytes,
      sha256: documents.sha256,
      issueDate: documents.issueDate,
      expiryDate: documents.expiryDate,
      uploadedAt: documents.createdAt,
      uploaderId: documents.uploadedBy,
      uploaderFirstName: uploaders.firstName,
      uploaderLastName: uploaders.lastName,
      reviewerId: documents.reviewedBy,
      reviewerFirstName: reviewers.firstName,
      reviewerLastName: reviewers.lastName,
      reviewedAt: documents.reviewedAt,
    })
    .from(documents)
    .innerJoin(dossierMembers, eq(dossierMembers.id, documents.memberId))
    .leftJoin(checklistItems, eq(checklistItems.id, documents.itemId))
    .leftJoin(uploaders, eq(uploaders.id, documents.uploadedBy))
    .leftJoin(reviewers, eq(reviewers.id, documents.reviewedBy))
    .where(and(eq(documents.dossierId, dossierId), inRange))
    .orderBy(
      asc(dossierMembers.createdAt),
      asc(dossierMembers.id),
      sql`${checklistItems.sortOrder} asc nulls last`,
      asc(documents.itemId),
      asc(documents.version),
      asc(documents.createdAt),
    );
}
export type InspectedDocument = Awaited<ReturnType<typeof inspectedDocuments>>[number];

/** The file's milestones, dated by their own date (Montréal's day) or, undated, when they were added. */
export async function inspectedMilestones(db: Database, dossierId: string, range: InspectionRange) {
  const dated = sql`coalesce((${milestones.date}::timestamp at time zone 'America/Toronto'), ${milestones.createdAt})`;
  return db
    .select({
      id: milestones.id,
      kind: milestones.kind,
      label: milestones.label,
      date: milestones.date,
      done: milestones.done,
      note: milestones.note,
      createdAt: milestones.createdAt,
    })
    .from(milestones)
    .where(and(eq(milestones.dossierId, dossierId), within(dated, range)))
    .orderBy(sql`${milestones.date} asc nulls last`, asc(milestones.createdAt), asc(milestones.id));
}

/**
 * The audit trail of a file: entries that name it, and entries about the file or any of its documents
 * (some actions name their subject only).
 */
function auditOfDossier(dossierId: string): SQL {
  return or(
    eq(auditLog.dossierId, dossierId),
    and(eq(auditLog.subjectType, 'dossier'), eq(auditLog.subjectId, dossierId)),
    and(
      eq(auditLog.subjectType, 'document'),
      inArray(
        auditLog.subjectId,
        sql`(select ${documents.id} from ${documents} where ${documents.dossierId} = ${dossierId})`,
      ),
    ),
  ) as SQL;
}

/**
 * How many messages and audit entries the range holds, and the last of each: the pages read after stop
 * there, so the index and the files agree even while the file lives on.
 */
export async function inspectedCounts(db: Database, dossierId: string, range: InspectionRange) {
  const [conversation] = await db
    .select({ count: sql<number>`count(*)::int`, lastSeq: sql<number | null>`max(${messages.seq})` })
    .from(messages)
    .where(and(eq(messages.dossierId, dossierId), within(messages.createdAt, range)));
  const [audit] = await db
    .select({ count: sql<number>`count(*)::int`, lastId: sql<number | null>`max(${auditLog.id})` })
    .from(auditLog)
    .where(and(auditOfDossier(dossierId), within(auditLog.createdAt, range)));
  return {
    messages: conversation?.count ?? 0,
    lastSeq: conversation?.lastSeq ?? 0,
    auditEntries: audit?.count ?? 0,
    lastAuditId: audit?.lastId ?? 0,
  };
}

/** One page of the conversation after `afterSeq`, up to `lastSeq`, with each author's name and role. */
export async function messagePage(
  db: Database,
  page: { dossierId: string; range: InspectionRange; afterSeq: number; lastSeq: number; limit: number },
) {
  return db
    .select({
      id: messages.id,
      seq: messages.seq,
      createdAt: messages.createdAt,
      authorId: messages.authorId,
      authorFirstName: users.firstName,
      authorLastName: users.lastName,
      authorRole: users.role,
      body: messages.body,
      documentIds: messages.documentIds,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messages.dossierId, page.dossierId),
        gt(messages.seq, page.afterSeq),
        lte(messages.seq, page.lastSeq),
        within(messages.createdAt, page.range),
      ),
    )
    .orderBy(asc(messages.seq))
    .limit(page.limit);
}
export type InspectedMessage = Awaited<ReturnType<typeof messagePage>>[number];

/** One page of the file's audit trail after `afterId`, up to `lastId`, oldest first, with the actor's name. */
export async function auditPage(
  db: Database,
  page: { dossierId: string; range: InspectionRange; afterId: number; lastId: number; limit: number },
) {
  return db
    .select({
      id: auditLog.id,
      seq: auditLog.chainSeq,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorFirstName: users.firstName,
      actorLastName: users.lastName,
      actorRole: users.role,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
      hash: auditLog.hash,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        auditOfDossier(page.dossierId),
        gt(auditLog.id, page.afterId),
        lte(auditLog.id, page.lastId),
        within(auditLog.createdAt, page.range),
      ),
    )
    .orderBy(asc(auditLog.id))
    .limit(page.limit);
}
export type InspectedAuditEntry = Awaited<ReturnType<typeof auditPage>>[number];
