import type { TConversation, TMessage, TMessagePage, TUnreadCounts } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, InvariantError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, type CallerReach, dossierFirm, dossierFor, reachOf, viewerOf } from '../access';
import { emitWebhookEvent } from '../webhooks';
import { toMessage } from './messages.mapper';
import {
  advanceReadMark,
  type ConversationScope,
  conversationParties,
  conversationRows,
  conversationState,
  insertMessage,
  lastSeqOfChat,
  messageByClientId,
  messagePage,
  messagesByIds,
  messageWithDossier,
  readMarkOf,
  unreadPerDossier,
  unreadTotalRows,
} from './messages.queries';

/** The dossiers whose conversation the caller takes part in: their own, or their firm's (in good standing). */
function scopeOf(reach: CallerReach): ConversationScope {
  return reach.role === 'candidate' ? { ownerId: reach.id } : { firmId: dossierFirm(reach) };
}

/** A message with its dossier's owner and firm: what the realtime dispatcher checks access against. */
export async function messageToDeliver(
  db: Database,
  messageId: string,
): Promise<{ message: TMessage; dossier: { ownerId: string; organisationId: string | null } } | null> {
  const row = await messageWithDossier(db, messageId);
  if (!row) return null;
  return {
    message: toMessage(row),
    dossier: { ownerId: row.ownerId, organisationId: row.organisationId },
  };
}

/** Who may see a dossier's conversation (its owner and firm), for the realtime dispatcher; null if gone. */
export async function conversationOf(
  db: Database,
  dossierId: string,
): Promise<{ ownerId: string; organisationId: string | null } | null> {
  return (await conversationParties(db, dossierId)) ?? null;
}

/**
 * Posts a message. Idempotent on the client's id: a retry returns the message stored the first
 * time. Referenced documents must belong to the same dossier.
 */
export async function postMessage(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  body: { clientId: string; body: string; documentIds: string[] },
): Promise<{ message: TMessage; created: boolean }> {
  const { dossier, access } = await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  const documentIds = [...new Set(body.documentIds)];
  const now = deps.clock.now();
  // Published by the statement that stores the message, delivered when it commits.
  const store = (db: Database) =>
    insertMessage(db, { ...body, dossierId, authorId: caller.id, now, documentIds }, (messageId) =>
      deps.bus.publishing({ type: 'message', dossierId, messageId }),
    );
  // A client's message in a firm's dossier is also told to the firm's tools (ids only), in its transaction.
  const stored =
    access === 'owner' && dossier.organisationId
      ? await withTransaction(deps.pool, async (tx) => {
          const row = await store(tx.db);
          if (row) {
            await emitWebhookEvent(deps, tx, {
              organisationId: dossier.organisationId,
              type: 'message.received',
              data: { dossierId, messageId: row.id },
            });
          }
          return row;
        })
      : await store(deps.db);
  if (stored) {
    const message = toMessage({
      message: {
        id: stored.id,
        dossierId,
        seq: stored.seq,
        clientId: body.clientId,
        body: body.body,
        documentIds,
        createdAt: now,
      },
      author: { id: caller.id, firstName: stored.first_name, lastName: stored.last_name, role: stored.role },
    });
    return { message, created: true };
  }
  // Nothing stored: a message with this client id exists (a retry), or a document is not the dossier's.
  const existing = await messageByClientId(deps.db, dossierId, caller.id, body.clientId);
  if (existing) return { message: toMessage(existing), created: false };
  if (documentIds.length === 0) throw new InvariantError('message insert returned nothing');
  throw new AppError('DOCUMENT_NOT_IN_DOSSIER', 'A referenced document is not part of this dossier', {
    fieldErrors: [
      { path: 'body.documentIds', message: 'Not a document of this dossier', code: 'not_in_dossier' },
    ],
  });
}

/** History, newest first in pages (`before`), or what came after a known message, oldest first (`after`). */
export async function listMessages(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  query: { before?: number | undefined; after?: number | undefined; limit: number },
): Promise<TMessagePage> {
  await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  const catchingUp = query.after !== undefined;
  const [rows, state] = await Promise.all([
    messagePage(deps.db, dossierId, { ...query, limit: query.limit + 1 }),
    conversationState(deps.db, dossierId),
  ]);
  const items = rows.slice(0, query.limit);
  const oldest = catchingUp ? items[0] : items.at(-1);
  return {
    items: items.map(toMessage),
    nextBefore: !catchingUp && rows.length > query.limit && oldest ? oldest.message.seq : null,
    readers: state.readers,
    lastSeq: state.lastSeq,
  };
}

/** Marks the conversation read up to a message (never backwards); the other side sees it live. */
export async function markMessagesRead(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  upToSeq: number,
): Promise<{ lastReadSeq: number }> {
  await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  const seq = Math.min(upToSeq, await lastSeqOfChat(deps.db, dossierId));
  return withTransaction(deps.pool, async (tx) => {
    await advanceReadMark(tx.db, dossierId, caller.id, seq, deps.clock.now());
    const lastReadSeq = await readMarkOf(tx.db, dossierId, caller.id);
    await deps.bus.publish({ type: 'read', dossierId, userId: caller.id, seq: lastReadSeq }, tx.client);
    return { lastReadSeq };
  });
}

/**
 * Unread messages per dossier (those with some) and in total, of the caller's conversations. Every page
 * asks for it: a pro outside their firm's networks gets no count for its dossiers rather than a refusal.
 */
export async function unreadCounts(deps: AppDeps, caller: Caller): Promise<TUnreadCounts> {
  const reach = await reachOf(deps.db, caller, deps.clock.now());
  const rows = await unreadPerDossier(deps.db, scopeOf(reach), reach.id);
  const counts = rows
    .filter((row) => row.unread > 0)
    .map((row) => ({ dossierId: row.dossier_id, unread: row.unread }));
  return { total: counts.reduce((sum, row) => sum + row.unread, 0), dossiers: counts };
}

/**
 * The total of unread messages of several people at once, in one query: each candidate over their own
 * dossiers, each pro over their firm's. People who see no conversation get 0; a pro whose standing no
 * longer opens the firm's dossiers (read in this query, not from `people`) is left out of the map.
 */
export async function unreadTotals(
  db: Database,
  people: CallerReach[],
  today: string,
): Promise<Map<string, number>> {
  const reaches = [...new Map(people.map((reach) => [reach.id, reach])).values()];
  const totals = new Map(reaches.map((reach) => [reach.id, 0]));
  const candidates = reaches.filter((reach) => reach.role === 'candidate').map((reach) => reach.id);
  const pros = reaches.flatMap((reach) =>
    reach.role === 'pro' && reach.organisationId
      ? [{ id: reach.id, organisationId: reach.organisationId }]
      : [],
  );
  for (const pro of pros) totals.delete(pro.id);
  if (candidates.length === 0 && pros.length === 0) return totals;
  for (const row of await unreadTotalRows(db, candidates, pros, today)) totals.set(row.user_id, row.total);
  return totals;
}

/** The caller's conversations, most recent activity first, with the last message and unread count. */
export async function listConversations(
  deps: AppDeps,
  caller: Caller,
): Promise<{ items: TConversation[]; totalUnread: number }> {
  const reach = await viewerOf(deps.db, caller, deps.clock.now());
  const rows = await conversationRows(
    deps.db,
    scopeOf(reach),
    reach.id,
    reach.role === 'candidate' ? 'agent' : 'owner',
  );
  const lastIds = rows.map((row) => row.last_message_id).filter((id): id is string => id !== null);
  const lastMessages = lastIds.length ? await messagesByIds(deps.db, lastIds) : [];
  const byId = new Map(lastMessages.map((row) => [row.message.id, toMessage(row)]));
  const items = rows.map((row) => ({
    dossierId: row.dossier_id,
    programId: row.program_id,
    counterpart:
      row.counterpart_first !== null
        ? { firstName: row.counterpart_first, lastName: row.counterpart_last ?? '' }
        : null,
    lastMessage: row.last_message_id ? (byId.get(row.last_message_id) ?? null) : null,
    unread: row.unread,
  }));
  return { items, totalUnread: items.reduce((sum, item) => sum + item.unread, 0) };
}
