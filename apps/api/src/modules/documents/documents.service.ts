import {
  allowedUploadTypes,
  DATE_OUT_OF_RANGE,
  isSupportedDay,
  MAX_UPLOAD_BYTES,
  type TDocument,
  type TExpiryRule,
  type TLocalized,
} from '@capitune/contracts';
import { and, eq, lt, sql } from 'drizzle-orm';
import { checklistItems, documents, dossierMembers, expiryNotices, pendingUploads } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { discardUpload, type IncomingFile, keepUpload, storeUpload } from '../../platform/storage/upload';
import { recordAudit } from '../audit/audit.service';
import { addDays, computeExpiryDate, isoDay } from '../dossiers/checklist';
import { dossierEmail, openDossier } from '../dossiers/dossiers.emails';
import { keepsDossiers, toDocument } from '../dossiers/dossiers.queries';
import { dossierFor, type Requester, touchDossier } from '../dossiers/dossiers.service';
import { notify } from '../notifications/notifications.service';
import { platformToday } from '../pros';

export interface UploadFields {
  itemId: string | null;
  memberId: string;
  issueDate: string | null;
  expiryDate: string | null;
}

/**
 * Stores an uploaded file and records it as the next version of its checklist line. The type is
 * decided by the bytes, never the name. Every failure — wrong type, too large, cut off — leaves
 * neither a file nor a row behind.
 */
export async function uploadDocument(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  fields: UploadFields,
  file: IncomingFile,
): Promise<TDocument> {
  const { dossier } = await dossierFor(deps.db, viewer, dossierId, deps.clock.now());
  const [member] = await deps.db
    .select()
    .from(dossierMembers)
    .where(and(eq(dossierMembers.id, fields.memberId), eq(dossierMembers.dossierId, dossierId)));
  if (!member) throw fieldError('memberId', 'No such member in this dossier', 'unknown_member');
  const [item] = fields.itemId
    ? await deps.db
        .select()
        .from(checklistItems)
        .where(and(eq(checklistItems.id, fields.itemId), eq(checklistItems.programId, dossier.programId)))
    : [null];
  if (fields.itemId && !item) throw fieldError('itemId', 'No such item in this program', 'unknown_item');

  const upload = await storeUpload(deps, `dossiers/${dossierId}`, file, {
    allowed: allowedUploadTypes,
    maxBytes: MAX_UPLOAD_BYTES,
  });
  try {
    const now = deps.clock.now();
    const row = await withTransaction(deps.pool, async (tx) => {
      // The dossier's row lock orders concurrent uploads, so versions never collide.
      await dossierFor(tx.db, viewer, dossierId, deps.clock.now(), { lock: true });
      const [{ next } = { next: 1 }] = (
        await tx.db.execute<{ next: number }>(sql`
          select coalesce(max(version), 0) + 1 as next from documents
          where dossier_id = ${dossierId} and member_id = ${member.id}
            and item_id is not distinct from ${fields.itemId}`)
      ).rows;
      const expiryDate = fields.expiryDate ?? ruleExpiry(item?.expiryRule ?? null, fields.issueDate);
      const [inserted] = await tx.db
        .insert(documents)
        .values({
          dossierId,
          itemId: fields.itemId,
          memberId: member.id,
          version: next,
          blobKey: upload.key,
          originalName: upload.originalName,
          contentType: upload.contentType,
          sizeBytes: upload.sizeBytes,
          sha256: upload.sha256,
          issueDate: fields.issueDate,
          expiryDate,
          expiryDateManual: fields.expiryDate !== null,
          uploadedBy: viewer.id,
          createdAt: now,
        })
        .returning();
      await keepUpload(tx.db, upload.key);
      await touchDossier(deps, tx.db, dossierId);
      if (!inserted) throw new Error('document insert returned nothing');
      return inserted;
    });
    return toDocument(row);
  } catch (error) {
    await discardUpload(deps, upload.key);
    throw error;
  }
}

/** The expiry the item's rule gives, refused (400) past year 9999, where PostgreSQL's date input stops. */
function ruleExpiry(rule: TExpiryRule | null, issueDate: string | null): string | null {
  const expiry = computeExpiryDate(rule, issueDate);
  if (expiry !== null && !isSupportedDay(expiry)) {
    throw fieldError(
      'issueDate',
      'The expiry date this issue date gives is after 9999-12-31',
      DATE_OUT_OF_RANGE,
    );
  }
  return expiry;
}

function fieldError(field: string, message: string, code: string) {
  return new AppError('VALIDATION_FAILED', message, {
    fieldErrors: [{ path: `body.${field}`, message, code }],
  });
}

async function documentFor(
  deps: AppDeps,
  viewer: Requester,
  documentId: string,
  options: { lock?: boolean; db?: AppDeps['db'] } = {},
) {
  const db = options.db ?? deps.db;
  const query = db.select().from(documents).where(eq(documents.id, documentId));
  const [document] = options.lock ? await query.for('update') : await query;
  if (!document) throw new AppError('NOT_FOUND', 'No such document');
  // The same 404 as a missing document when the viewer has no access to its dossier.
  const { dossier, access } = await dossierFor(db, viewer, document.dossierId, deps.clock.now()).catch(() => {
    throw new AppError('NOT_FOUND', 'No such document');
  });
  return { document, dossier, access };
}

/** The file, for the dossier's participants only; a pro's download is written to the audit log. */
export async function downloadDocument(deps: AppDeps, viewer: Requester, documentId: string) {
  const { document, access } = await documentFor(deps, viewer, documentId);
  if (!document.blobKey)
    throw new AppError('NOT_FOUND', 'This file was erased when the document was withdrawn');
  const stream = await deps.storage.get(document.blobKey);
  if (access === 'pro') {
    await recordAudit(deps.db, {
      actorId: viewer.id,
      action: 'document.downloaded',
      subjectType: 'document',
      subjectId: document.id,
      dossierId: document.dossierId,
      ip: viewer.ip,
    });
  }
  return { stream, document: toDocument(document) };
}

async function itemLabel(deps: AppDeps, itemId: string | null): Promise<TLocalized> {
  if (!itemId) return { fr: 'Document', en: 'Document' };
  const [item] = await deps.db
    .select({ label: checklistItems.label })
    .from(checklistItems)
    .where(eq(checklistItems.id, itemId));
  return item?.label ?? { fr: 'Document', en: 'Document' };
}

/** The firm in charge approves, or rejects with a reason the candidate sees. */
export async function reviewDocument(
  deps: AppDeps,
  viewer: Requester,
  documentId: string,
  review: { decision: 'approve' } | { decision: 'reject'; reason: string },
): Promise<TDocument> {
  const label = await itemLabel(
    deps,
    (
      await deps.db.select({ itemId: documents.itemId }).from(documents).where(eq(documents.id, documentId))
    )[0]?.itemId ?? null,
  );
  return withTransaction(deps.pool, async (tx) => {
    const { document, dossier, access } = await documentFor(deps, viewer, documentId, {
      lock: true,
      db: tx.db,
    });
    if (access !== 'pro')
      throw new AppError('FORBIDDEN', 'Only the professional in charge reviews documents');
    if (document.status !== 'pending') throw new AppError('DOCUMENT_ALREADY_REVIEWED');
    const now = deps.clock.now();
    const status = review.decision === 'approve' ? 'approved' : 'rejected';
    const reason = review.decision === 'reject' ? review.reason : null;
    const [updated] = await tx.db
      .update(documents)
      .set({ status, rejectionReason: reason, reviewedBy: viewer.id, reviewedAt: now })
      .where(eq(documents.id, documentId))
      .returning();
    await touchDossier(deps, tx.db, dossier.id);
    await recordAudit(tx.db, {
      actorId: viewer.id,
      action: `document.${status}`,
      subjectType: 'document',
      subjectId: documentId,
      dossierId: dossier.id,
      before: { status: document.status },
      after: { status, reason },
      ip: viewer.ip,
    });
    const link = `/dossiers/${dossier.id}`;
    await notify(deps, tx, {
      userId: dossier.ownerId,
      type: review.decision === 'approve' ? 'document_approved' : 'document_rejected',
      params: { documentFr: label.fr, documentEn: label.en, reason },
      link,
      email: (recipient) =>
        dossierEmail(`documents.${status}`, recipient, {
          subject:
            review.decision === 'approve'
              ? { fr: `Document approuvé : ${label.fr}`, en: `Document approved: ${label.en}` }
              : { fr: `Document à remplacer : ${label.fr}`, en: `Document to replace: ${label.en}` },
          paragraphs:
            review.decision === 'approve'
              ? [
                  {
                    fr: `Votre professionnel a approuvé « ${label.fr} ».`,
                    en: `Your professional approved “${label.en}”.`,
                  },
                ]
              : [
                  {
                    fr: `Votre professionnel demande de remplacer « ${label.fr} ».`,
                    en: `Your professional asks you to replace “${label.en}”.`,
                  },
                  { fr: `Motif : ${reason}`, en: `Reason: ${reason}` },
                ],
          action: { label: openDossier, url: `${deps.config.publicUrl}${link}` },
        }),
    });
    if (!updated) throw new Error('document update returned nothing');
    return toDocument(updated);
  });
}

/** The candidate takes back a document not approved yet; its file is erased. */
export async function withdrawDocument(
  deps: AppDeps,
  viewer: Requester,
  documentId: string,
): Promise<TDocument> {
  const { updated, blobKey } = await withTransaction(deps.pool, async (tx) => {
    const { document, access } = await documentFor(deps, viewer, documentId, { lock: true, db: tx.db });
    if (access !== 'owner') throw new AppError('FORBIDDEN', 'Only the candidate withdraws a document');
    if (document.status === 'approved' || document.status === 'withdrawn') {
      throw new AppError('CONFLICT', 'Only a document that is not approved yet can be withdrawn');
    }
    const [row] = await tx.db
      .update(documents)
      .set({ status: 'withdrawn', blobKey: null })
      .where(eq(documents.id, documentId))
      .returning();
    await touchDossier(deps, tx.db, document.dossierId);
    if (!row) throw new Error('document update returned nothing');
    return { updated: row, blobKey: document.blobKey };
  });
  if (blobKey) await deps.storage.delete(blobKey);
  return toDocument(updated);
}

export async function updateDocumentDates(
  deps: AppDeps,
  viewer: Requester,
  documentId: string,
  patch: { issueDate?: string | null | undefined; expiryDate?: string | null | undefined },
): Promise<TDocument> {
  return withTransaction(deps.pool, async (tx) => {
    const { document } = await documentFor(deps, viewer, documentId, { lock: true, db: tx.db });
    const issueDate = patch.issueDate !== undefined ? patch.issueDate : document.issueDate;
    const [item] = document.itemId
      ? await tx.db.select().from(checklistItems).where(eq(checklistItems.id, document.itemId))
      : [null];
    // A typed expiry date wins; clearing it (null) returns to the date the rule gives.
    const manual = patch.expiryDate !== undefined ? patch.expiryDate !== null : document.expiryDateManual;
    const expiryDate = manual
      ? (patch.expiryDate ?? document.expiryDate)
      : ruleExpiry(item?.expiryRule ?? null, issueDate);
    const [row] = await tx.db
      .update(documents)
      .set({ issueDate, expiryDate, expiryDateManual: manual })
      .where(eq(documents.id, documentId))
      .returning();
    if (!row) throw new Error('document update returned nothing');
    return toDocument(row);
  });
}

const THRESHOLDS = [30, 7] as const;

/**
 * Daily: warns the candidate and the pro in charge of documents expiring within 30 and within 7 days,
 * once per document and threshold (the notice table's key makes a second run a no-op).
 */
export async function runExpiryWatch(deps: AppDeps): Promise<number> {
  const today = isoDay(deps.clock.now());
  let sent = 0;
  for (const threshold of [...THRESHOLDS].sort((a, b) => a - b)) {
    const due = await deps.db.execute<{ id: string }>(sql`
      select d.id from documents d
      where d.status in ('pending', 'approved') and d.expiry_date is not null
        and d.expiry_date <= ${addDays(today, threshold)} and d.expiry_date >= ${today}
        and not exists (select 1 from expiry_notices n where n.document_id = d.id and n.threshold_days = ${threshold})
        and d.version = (select max(v.version) from documents v where v.dossier_id = d.dossier_id
          and v.member_id = d.member_id and v.item_id is not distinct from d.item_id and v.status <> 'withdrawn')
      order by d.expiry_date limit 1000`);
    for (const { id } of due.rows) {
      if (await warnExpiry(deps, id, threshold, today)) sent += 1;
    }
  }
  return sent;
}

async function warnExpiry(
  deps: AppDeps,
  documentId: string,
  threshold: number,
  today: string,
): Promise<boolean> {
  return withTransaction(deps.pool, async (tx) => {
    // Once per threshold; a document found within 7 days first never gets the 30-day warning after.
    const claimed = await tx.db
      .insert(expiryNotices)
      .values(
        THRESHOLDS.filter((days) => days >= threshold).map((days) => ({
          documentId,
          thresholdDays: days,
          sentAt: deps.clock.now(),
        })),
      )
      .onConflictDoNothing()
      .returning();
    if (!claimed.some((row) => row.thresholdDays === threshold)) return false;
    const [row] = await tx.db
      .select({
        document: documents,
        ownerId: sql<string>`dossiers.owner_id`,
        // A pro whose licence no longer opens the dossier is not told about its documents.
        agentId: sql<
          string | null
        >`case when ${keepsDossiers(sql`dossiers.agent_id`, platformToday(deps.clock.now()))}
          then dossiers.agent_id end`,
      })
      .from(documents)
      .innerJoin(sql`dossiers`, sql`dossiers.id = ${documents.dossierId}`)
      .where(eq(documents.id, documentId));
    if (!row?.document.expiryDate) return false;
    const label = await itemLabel(deps, row.document.itemId);
    const expiry = row.document.expiryDate;
    const days = Math.round((Date.parse(expiry) - Date.parse(today)) / 86_400_000);
    const link = `/dossiers/${row.document.dossierId}`;
    for (const userId of [row.ownerId, row.agentId].filter((id): id is string => !!id)) {
      await notify(deps, tx, {
        userId,
        type: 'document_expiring',
        params: { documentFr: label.fr, documentEn: label.en, expiryDate: expiry, days },
        link,
        email: (recipient) =>
          dossierEmail('documents.expiring', recipient, {
            subject: {
              fr: `Un document expire bientôt : ${label.fr}`,
              en: `A document expires soon: ${label.en}`,
            },
            paragraphs: [
              {
                fr: `« ${label.fr} » expire le ${expiry} (dans ${days} jours). Prévoyez son renouvellement pour ne pas retarder le dossier.`,
                en: `“${label.en}” expires on ${expiry} (in ${days} days). Plan its renewal so the dossier is not delayed.`,
              },
            ],
            action: { label: openDossier, url: `${deps.config.publicUrl}${link}` },
          }),
      });
    }
    return true;
  });
}

/** Hourly: files of uploads that never finished (a process killed mid-upload) are deleted. */
export async function sweepAbandonedUploads(deps: AppDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - 60 * 60 * 1000);
  const stale = await deps.db
    .select()
    .from(pendingUploads)
    .where(lt(pendingUploads.createdAt, before))
    .limit(500);
  for (const upload of stale) await discardUpload(deps, upload.blobKey);
  return stale.length;
}
