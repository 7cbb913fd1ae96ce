import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { hitRateLimit } from '../../platform/rate-limit';
import { type Caller, dossierFor } from '../access';
import { notify } from '../notifications';
import { documentRequestedEmail } from './document-requests.emails';
import { programItem, proName } from './document-requests.queries';

/**
 * A pro of the firm in charge asks the candidate for one line of the checklist (issue 19): the candidate
 * is notified (`document_requested`, governed by the `document_decisions` preference) with a link that
 * opens that line's upload step: `/dossiers/<id>?item=<checklist item id>#checklist`.
 */

const HOUR = 60 * 60 * 1000;
/** One request per line of a dossier per hour, whoever of the firm asks: a reminder, not a flood. */
const REQUEST_RULE = { limit: 1, windowMs: HOUR };

/**
 * Where a notification about one checklist line leads: the dossier's page, at that line (`item`, which
 * the page scrolls to and focuses; `#checklist` is the section, for a page that does not know `item`).
 */
export const checklistItemPath = (dossierId: string, itemId: string) =>
  `/dossiers/${dossierId}?item=${encodeURIComponent(itemId)}#checklist`;

export async function requestDocument(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  itemId: string,
  note: string | null,
): Promise<{ itemId: string; requestedAt: string }> {
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    // The candidate cannot ask themself (403); anyone outside the firm does not see the dossier (404).
    const { dossier } = await dossierFor(tx.db, caller, dossierId, now, { only: 'pro' });
    const item = await programItem(tx.db, dossier.programId, itemId);
    if (!item) throw new AppError('NOT_FOUND', 'No such checklist item in this dossier’s program');
    const limit = await hitRateLimit(tx.db, `document-request:${dossier.id}:${item.id}`, REQUEST_RULE, now);
    if (!limit.allowed)
      throw new AppError('RATE_LIMITED', 'This document was requested less than an hour ago', {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    const pro = await proName(tx.db, caller.id, dossier.organisationId);
    const link = checklistItemPath(dossier.id, item.id);
    await notify(deps, tx, {
      userId: dossier.ownerId,
      type: 'document_requested',
      params: {
        documentFr: item.label.fr,
        documentEn: item.label.en,
        pro: pro.name,
        itemId: item.id,
        dossierId: dossier.id,
        note,
      },
      link,
      email: (recipient) =>
        documentRequestedEmail(recipient, {
          pro: pro.name,
          firm: pro.firm,
          document: item.label,
          note,
          url: `${deps.config.publicUrl}${link}`,
        }),
    });
    return { itemId: item.id, requestedAt: now.toISOString() };
  });
}
