import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { discardUpload } from '../../platform/storage/upload';
import { platformToday } from '../access';
import { addDays, checklistItemPath, dossierEmail, isoDay, openDossier } from '../dossiers';
import { notify } from '../notifications';
import {
  abandonedUploads,
  claimExpiryNotices,
  documentsToWarn,
  documentWithParticipants,
} from './documents.queries';
import { itemLabel } from './documents.service';

/** The jobs of the documents module: expiry warnings (daily) and the sweep of abandoned uploads (hourly). */

const THRESHOLDS = [30, 7] as const;

/**
 * Daily: warns the candidate and the pro in charge of documents expiring within 30 and within 7 days,
 * once per document and threshold (the notice table's key makes a second run a no-op).
 */
export async function runExpiryWatch(deps: AppDeps): Promise<number> {
  const today = isoDay(deps.clock.now());
  let sent = 0;
  for (const threshold of [...THRESHOLDS].sort((a, b) => a - b)) {
    const due = await documentsToWarn(deps.db, { today, until: addDays(today, threshold), threshold });
    for (const id of due) {
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
    const claimed = await claimExpiryNotices(
      tx.db,
      documentId,
      THRESHOLDS.filter((days) => days >= threshold),
      deps.clock.now(),
    );
    if (!claimed.includes(threshold)) return false;
    const row = await documentWithParticipants(tx.db, documentId, platformToday(deps.clock.now()));
    if (!row?.document.expiryDate) return false;
    const label = await itemLabel(deps.db, row.document.itemId);
    const expiry = row.document.expiryDate;
    const days = Math.round((Date.parse(expiry) - Date.parse(today)) / 86_400_000);
    const link = row.document.itemId
      ? checklistItemPath(row.document.dossierId, row.document.itemId)
      : `/dossiers/${row.document.dossierId}`;
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
  const stale = await abandonedUploads(deps.db, before, 500);
  for (const upload of stale) await discardUpload(deps, upload.blobKey);
  return stale.length;
}
