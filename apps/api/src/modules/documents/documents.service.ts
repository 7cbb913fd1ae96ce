import {
  allowedUploadTypes,
  DATE_OUT_OF_RANGE,
  isSupportedDay,
  MAX_UPLOAD_BYTES,
  type TDocument,
  type TExpiryRule,
  type TLocalized,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { discardUpload, type IncomingFile, keepUpload, storeUpload } from '../../platform/storage/upload';
import { type Caller, dossierFor } from '../access';
import { recordAudit } from '../audit';
import {
  checklistItemPath,
  computeExpiryDate,
  dossierEmail,
  openDossier,
  toDocument,
  touchDossier,
} from '../dossiers';
import { notify } from '../notifications';
import { emitWebhookEvent } from '../webhooks';
import {
  checklistItem,
  documentById,
  insertDocument,
  memberOfDossier,
  nextVersion,
  updateDocument,
} from './documents.queries';

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
  caller: Caller,
  dossierId: string,
  fields: UploadFields,
  file: IncomingFile,
): Promise<TDocument> {
  const { dossier } = await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  const member = await memberOfDossier(deps.db, fields.memberId, dossierId);
  if (!member) throw fieldError('body.memberId', 'unknown_member', 'No such member in this dossier');
  const item = fields.itemId ? await checklistItem(deps.db, fields.itemId, dossier.programId) : null;
  if (fields.itemId && !item) throw fieldError('body.itemId', 'unknown_item', 'No such item in this program');

  const upload = await storeUpload(deps, `dossiers/${dossierId}`, file, {
    allowed: allowedUploadTypes,
    maxBytes: MAX_UPLOAD_BYTES,
  });
  try {
    const now = deps.clock.now();
    const row = await withTransaction(deps.pool, async (tx) => {
      // The dossier's row lock orders concurrent uploads, so versions never collide.
      const locked = await dossierFor(tx.db, caller, dossierId, deps.clock.now(), { lock: true });
      const version = await nextVersion(tx.db, { dossierId, memberId: member.id, itemId: fields.itemId });
      const expiryDate = fields.expiryDate ?? ruleExpiry(item?.expiryRule ?? null, fields.issueDate);
      const inserted = await insertDocument(tx.db, {
        dossierId,
        itemId: fields.itemId,
        memberId: member.id,
        version,
        blobKey: upload.key,
        originalName: upload.originalName,
        contentType: upload.contentType,
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
        issueDate: fields.issueDate,
        expiryDate,
        expiryDateManual: fields.expiryDate !== null,
        uploadedBy: caller.id,
        createdAt: now,
      });
      await keepUpload(tx.db, upload.key);
      await touchDossier(deps, tx.db, dossierId);
      // The firm's tools hear of a client's upload (ids, line, type and size; never the file).
      if (locked.access === 'owner') {
        await emitWebhookEvent(deps, tx, {
          organisationId: locked.dossier.organisationId,
          type: 'document.uploaded',
          data: {
            dossierId,
            documentId: inserted.id,
            itemId: fields.itemId,
            contentType: upload.contentType,
            sizeBytes: upload.sizeBytes,
          },
        });
      }
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
      'body.issueDate',
      DATE_OUT_OF_RANGE,
      'The expiry date this issue date gives is after 9999-12-31',
    );
  }
  return expiry;
}

/** The document with its dossier if the caller may see that dossier; 404 otherwise, as if it did not exist. */
async function documentFor(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  options: { lock?: boolean; db?: Database } = {},
) {
  const db = options.db ?? deps.db;
  const document = await documentById(db, documentId, { lock: options.lock ?? false });
  if (!document) throw new AppError('NOT_FOUND', 'No such document');
  // The same 404 as a missing document when the caller has no access to its dossier (a firm's network
  // refusal stands: the dossier is the caller's to open, from elsewhere).
  const { dossier, access } = await dossierFor(db, caller, document.dossierId, deps.clock.now()).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'IP_NOT_ALLOWED') throw error;
      throw new AppError('NOT_FOUND', 'No such document');
    },
  );
  return { document, dossier, access };
}

/** The file, for the dossier's participants only; a pro's download is written to the audit log. */
export async function downloadDocument(deps: AppDeps, caller: Caller, documentId: string) {
  const { document, dossier, access } = await documentFor(deps, caller, documentId);
  if (!document.blobKey)
    throw new AppError('NOT_FOUND', 'This file was erased when the document was withdrawn');
  const stream = await deps.storage.get(document.blobKey);
  if (access === 'pro') {
    await recordAudit(deps.db, {
      actorId: caller.id,
      action: 'document.downloaded',
      subjectType: 'document',
      subjectId: document.id,
      dossierId: document.dossierId,
      organisationId: dossier.organisationId,
      ip: caller.ip,
    });
  }
  return { stream, document: toDocument(document) };
}

/** The label of a document's checklist item, in both languages ("Document" without one). */
export async function itemLabel(db: Database, itemId: string | null): Promise<TLocalized> {
  const item = itemId ? await checklistItem(db, itemId) : undefined;
  return item?.label ?? { fr: 'Document', en: 'Document' };
}

type Review = { decision: 'approve' } | { decision: 'reject'; reason: string };

/** The firm in charge approves, or rejects with a reason the candidate sees. */
export async function reviewDocument(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  review: Review,
): Promise<TDocument> {
  return withTransaction(deps.pool, async (tx) => {
    const { document, dossier, access } = await documentFor(deps, caller, documentId, {
      lock: true,
      db: tx.db,
    });
    if (access !== 'pro')
      throw new AppError('FORBIDDEN', 'Only the professional in charge reviews documents');
    if (document.status !== 'pending') throw new AppError('DOCUMENT_ALREADY_REVIEWED');
    const now = deps.clock.now();
    const status = review.decision === 'approve' ? 'approved' : 'rejected';
    const reason = review.decision === 'reject' ? review.reason : null;
    const updated = await updateDocument(tx.db, documentId, {
      status,
      rejectionReason: reason,
      reviewedBy: caller.id,
      reviewedAt: now,
    });
    await touchDossier(deps, tx.db, dossier.id);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: `document.${status}`,
      subjectType: 'document',
      subjectId: documentId,
      dossierId: dossier.id,
      before: { status: document.status },
      after: { status, reason },
      ip: caller.ip,
    });
    await emitWebhookEvent(deps, tx, {
      organisationId: dossier.organisationId,
      type: 'document.reviewed',
      data: { dossierId: dossier.id, documentId, itemId: document.itemId, status },
    });
    const label = await itemLabel(tx.db, document.itemId);
    const link = document.itemId ? checklistItemPath(dossier.id, document.itemId) : `/dossiers/${dossier.id}`;
    await notify(deps, tx, {
      userId: dossier.ownerId,
      type: review.decision === 'approve' ? 'document_approved' : 'document_rejected',
      params: { documentFr: label.fr, documentEn: label.en, reason },
      link,
      email: (recipient) =>
        dossierEmail(`documents.${status}`, recipient, {
          ...reviewWords(review, label),
          action: { label: openDossier, url: `${deps.config.publicUrl}${link}` },
        }),
    });
    return toDocument(updated);
  });
}

/** What the candidate is told of a review. */
function reviewWords(review: Review, label: TLocalized) {
  if (review.decision === 'approve')
    return {
      subject: { fr: `Document approuvé : ${label.fr}`, en: `Document approved: ${label.en}` },
      paragraphs: [
        {
          fr: `Votre professionnel a approuvé « ${label.fr} ».`,
          en: `Your professional approved “${label.en}”.`,
        },
      ],
    };
  return {
    subject: { fr: `Document à remplacer : ${label.fr}`, en: `Document to replace: ${label.en}` },
    paragraphs: [
      {
        fr: `Votre professionnel demande de remplacer « ${label.fr} ».`,
        en: `Your professional asks you to replace “${label.en}”.`,
      },
      { fr: `Motif : ${review.reason}`, en: `Reason: ${review.reason}` },
    ],
  };
}

/** The candidate takes back a document not approved yet; its file is erased. */
export async function withdrawDocument(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
): Promise<TDocument> {
  const { updated, blobKey } = await withTransaction(deps.pool, async (tx) => {
    const { document, access } = await documentFor(deps, caller, documentId, { lock: true, db: tx.db });
    if (access !== 'owner') throw new AppError('FORBIDDEN', 'Only the candidate withdraws a document');
    if (document.status === 'approved' || document.status === 'withdrawn') {
      throw new AppError('CONFLICT', 'Only a document that is not approved yet can be withdrawn');
    }
    const row = await updateDocument(tx.db, documentId, { status: 'withdrawn', blobKey: null });
    await touchDossier(deps, tx.db, document.dossierId);
    return { updated: row, blobKey: document.blobKey };
  });
  if (blobKey) await deps.storage.delete(blobKey);
  return toDocument(updated);
}

/** Sets the issue or the expiry date of a document (either participant). */
export async function updateDocumentDates(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  patch: { issueDate?: string | null | undefined; expiryDate?: string | null | undefined },
): Promise<TDocument> {
  return withTransaction(deps.pool, async (tx) => {
    const { document } = await documentFor(deps, caller, documentId, { lock: true, db: tx.db });
    const issueDate = patch.issueDate !== undefined ? patch.issueDate : document.issueDate;
    const item = document.itemId ? await checklistItem(tx.db, document.itemId) : null;
    // A typed expiry date wins; clearing it (null) returns to the date the rule gives.
    const manual = patch.expiryDate !== undefined ? patch.expiryDate !== null : document.expiryDateManual;
    const expiryDate = manual
      ? (patch.expiryDate ?? document.expiryDate)
      : ruleExpiry(item?.expiryRule ?? null, issueDate);
    const row = await updateDocument(tx.db, documentId, { issueDate, expiryDate, expiryDateManual: manual });
    return toDocument(row);
  });
}
