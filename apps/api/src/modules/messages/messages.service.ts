import type { TConversation, TMessage, TMessagePage, TUnreadCounts } from '@capitune/contracts';
import { and, desc, eq, gt, lt, type SQL, sql } from 'drizzle-orm';
import { documents, dossierChats, dossiers, messageReads, messages, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError, isUniqueViolation } from '../../lib/errors';
import { anyOf } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { keepsDossiers } from '../dossiers/dossiers.queries';
import { dossierFirm, dossierFor, type Requester, type Viewer } from '../dossiers/dossiers.service';
import { notify } from '../notifications/notifications.service';
import { platformToday } from '../pros';
import { unreadMessagesEmail } from './messages.emails';

type MessageWithAuthor = {
  message: typeof messages.$inferSelect;
  author: { id: string; firstName: string; lastName: string; role: 'candidate' | 'pro' | 'admin' };
};

function toMessage({ message, author }: MessageWithAuthor): TMessage {
  return {
    id: message.id,
    dossierId: message.dossierId,
    seq: message.seq,
    author,
    clientId: message.clientId,
    body: message.body,
    documentIds: message.documentIds,
    createdAt: message.createdAt.toISOString(),
  };
}

const author = { id: users.id, firstName: users.firstName, lastName: users.lastName, role: users.role };

/** Messages with their author, as every read of a message needs them. */
const messagesWithAuthor = (db: Database) =>
  db.select({ message: messages, author }).from(messages).innerJoin(users, eq(users.id, messages.authorId));

/** A message with its dossier's owner and firm: what the realtime dispatcher checks access against. */
export async function messageToDeliver(
  db: Database,
  messageId: string,
): Promise<{ message: TMessage; dossier: { ownerId: string; organisationId: string | null } } | null> {
  const [row] = await db
    .select({
      message: messages,
      author,
      ownerId: dossiers.ownerId,
      organisationId: dossiers.organisationId,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .innerJoin(dossiers, eq(dossiers.id, messages.dossierId))
    .where(eq(messages.id, messageId));
  if (!row) return null;
  return {
    message: toMessage(row),
    dossier: { ownerId: row.ownerId, organisationId: row.organisationId },
  };
}

/**
 * Posts a message. Idempotent on the client's id: a retry returns the message stored the first
 * time. Referenced documents must belong to the same dossier.
 */
export async function postMessage(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  body: { clientId: string; body: string; documentIds: string[] },
): Promise<{ message: TMessage; created: boolean }> {
  await dossierFor(deps.db, viewer, dossierId, deps.clock.now());
  const documentIds = [...new Set(body.documentIds)];
  const now = deps.clock.now();
  const stored = await storeMessage(deps, { ...body, dossierId, authorId: viewer.id, now, documentIds });
  if (stored) {
    const message: TMessage = {
      id: stored.id,
      dossierId,
      seq: stored.seq,
      author: { id: viewer.id, firstName: stored.first_name, lastName: stored.last_name, role: stored.role },
      clientId: body.clientId,
      body: body.body,
      documentIds,
      createdAt: now.toISOString(),
    };
    return { message, created: true };
  }
  // Nothing stored: a message with this client id exists (a retry), or a document is not the dossier's.
  const existing = await findByClientId(deps.db, dossierId, viewer.id, body.clientId);
  if (existing) return { message: existing, created: false };
  if (documentIds.length === 0) throw new Error('message insert returned nothing');
  throw new AppError('DOCUMENT_NOT_IN_DOSSIER', 'A referenced document is not part of this dossier', {
    fieldErrors: [
      { path: 'body.documentIds', message: 'Not a document of this dossier', code: 'not_in_dossier' },
    ],
  });
}

/**
 * Stores a message in one statement, which is its own transaction: unless a message with this client id
 * exists or a document is not the dossier's (then nothing is written and nothing is returned), it takes
 * the next sequence number from the dossier's chat row (created with the first message), moves the
 * author's read mark up to it and publishes it on the bus.
 *
 * Taking the number updates the chat row, whose lock is held until the commit: posts to one dossier are
 * serialised, so sequence numbers follow commit order, and a statement that fails leaves no gap. Two
 * posts of one client id at the same moment both pass the existence check; the second waits for the
 * first on the chat row, then its insert breaks the client-id unique index and the whole statement is
 * undone: that is answered as the retry it is.
 */
async function storeMessage(
  deps: AppDeps,
  m: {
    dossierId: string;
    authorId: string;
    clientId: string;
    body: string;
    documentIds: string[];
    now: Date;
  },
) {
  const documentsAreTheDossiers =
    m.documentIds.length === 0
      ? sql`true`
      : sql`(select count(*) from ${documents}
               where ${anyOf(documents.id, m.documentIds)} and ${documents.dossierId} = ${m.dossierId})
            = ${m.documentIds.length}`;
  const published = deps.bus.publishing({
    type: 'message',
    dossierId: m.dossierId,
    messageId: sql`message.id`,
  });
  try {
    const result = await deps.db.execute<{
      id: string;
      seq: number;
      first_name: string;
      last_name: string;
      role: 'candidate' | 'pro' | 'admin';
    }>(sql`
      with chat as (
        insert into dossier_chats (dossier_id, last_seq)
        select ${m.dossierId}, 1
         where not exists (select 1 from messages e
                            where e.dossier_id = ${m.dossierId} and e.author_id = ${m.authorId}
                              and e.client_id = ${m.clientId})
           and ${documentsAreTheDossiers}
        on conflict (dossier_id) do update set last_seq = dossier_chats.last_seq + 1
        returning last_seq
      ),
      message as (
        insert into messages (dossier_id, seq, author_id, client_id, body, document_ids, created_at)
        select ${m.dossierId}, chat.last_seq, ${m.authorId}, ${m.clientId}, ${m.body},
               ${sql.param(m.documentIds)}::uuid[], ${m.now}
          from chat
        returning id, dossier_id, author_id, seq, created_at
      ),
      read as (${advanceReadSql(sql`select dossier_id, author_id, seq, created_at from message`)})
      select message.id, message.seq, u.first_name, u.last_name, u.role, ${published} as published
        from message join users u on u.id = message.author_id`);
    return result.rows[0];
  } catch (error) {
    if (isUniqueViolation(error, 'messages_client_id_idx')) return undefined;
    throw error;
  }
}

async function findByClientId(db: Database, dossierId: string, authorId: string, clientId: string) {
  const [row] = await messagesWithAuthor(db).where(
    and(eq(messages.dossierId, dossierId), eq(messages.authorId, authorId), eq(messages.clientId, clientId)),
  );
  return row ? toMessage(row) : null;
}

/**
 * Moves read marks up, never back: `marks` gives rows of (dossier_id, user_id, last_read_seq, read_at).
 * SQL, so that posting a message moves its author's mark in the statement that stores it.
 */
const advanceReadSql = (marks: SQL) => sql`
  insert into message_reads (dossier_id, user_id, last_read_seq, read_at) ${marks}
  on conflict (dossier_id, user_id) do update
    set last_read_seq = greatest(message_reads.last_read_seq, excluded.last_read_seq),
        read_at = excluded.read_at`;

async function advanceRead(db: Database, dossierId: string, userId: string, seq: number, now: Date) {
  await db.execute(
    advanceReadSql(sql`values (${dossierId}::uuid, ${userId}::uuid, ${seq}::int, ${now}::timestamptz)`),
  );
}

/** History, newest first in pages (`before`), or what came after a known message, oldest first (`after`). */
export async function listMessages(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  query: { before?: number | undefined; after?: number | undefined; limit: number },
): Promise<TMessagePage> {
  await dossierFor(deps.db, viewer, dossierId, deps.clock.now());
  const catchingUp = query.after !== undefined;
  const before = query.before !== undefined;
  // One prepared query per combination of bounds given.
  const page = builtQuery(
    deps.db,
    `messages.page${before ? '_before' : ''}${catchingUp ? '_after' : ''}`,
    (db) =>
      messagesWithAuthor(db)
        .where(
          and(
            eq(messages.dossierId, sql.placeholder('dossier')),
            before ? lt(messages.seq, sql.placeholder('before')) : undefined,
            catchingUp ? gt(messages.seq, sql.placeholder('after')) : undefined,
          ),
        )
        .orderBy(catchingUp ? messages.seq : desc(messages.seq))
        .limit(sql.placeholder('limit')),
  );
  const [rows, state] = await Promise.all([
    page.execute({ dossier: dossierId, before: query.before, after: query.after, limit: query.limit + 1 }),
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

/** The conversation's last sequence number and everyone's read marks, in one statement. */
async function conversationState(db: Database, dossierId: string) {
  const result = await db.execute<{
    last_seq: number | null;
    readers: { userId: string; lastReadSeq: number }[];
  }>(sql`
    select (select c.last_seq from dossier_chats c where c.dossier_id = ${dossierId}) as last_seq,
      coalesce((select json_agg(json_build_object('userId', r.user_id, 'lastReadSeq', r.last_read_seq))
        from message_reads r where r.dossier_id = ${dossierId}), '[]'::json) as readers`);
  const row = result.rows[0];
  return { lastSeq: row?.last_seq ?? 0, readers: row?.readers ?? [] };
}

/** Marks the conversation read up to a message (never backwards); the other side sees it live. */
export async function markMessagesRead(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  upToSeq: number,
): Promise<{ lastReadSeq: number }> {
  await dossierFor(deps.db, viewer, dossierId, deps.clock.now());
  const [chat] = await deps.db.select().from(dossierChats).where(eq(dossierChats.dossierId, dossierId));
  const seq = Math.min(upToSeq, chat?.lastSeq ?? 0);
  return withTransaction(deps.pool, async (tx) => {
    await advanceRead(tx.db, dossierId, viewer.id, seq, deps.clock.now());
    const [row] = await tx.db
      .select({ lastReadSeq: messageReads.lastReadSeq })
      .from(messageReads)
      .where(and(eq(messageReads.dossierId, dossierId), eq(messageReads.userId, viewer.id)));
    const lastReadSeq = row?.lastReadSeq ?? 0;
    await deps.bus.publish({ type: 'read', dossierId, userId: viewer.id, seq: lastReadSeq }, tx.client);
    return { lastReadSeq };
  });
}

/** The dossiers whose conversation the viewer takes part in: their own, or their firm's (in good standing). */
function visibleDossiers(viewer: Viewer) {
  if (viewer.role === 'candidate') return sql`d.owner_id = ${viewer.id}`;
  const firm = dossierFirm(viewer);
  return firm ? sql`d.organisation_id = ${firm}` : sql`false`;
}

/*
 * Unread counts come from two numbers per dossier, never from counting messages: `seq` is gapless, so
 * the messages after a reader's `last_read_seq` are exactly `last_seq - last_read_seq`; and posting
 * moves the author's own `last_read_seq` up to their message in the same transaction (`advanceRead`),
 * so none of those is the reader's own. Each dossier costs two primary-key lookups, however long its
 * conversation. The lookups are scalar subqueries so that the planner probes the keys of the few
 * dossiers in question rather than hashing whole tables.
 */
const lastSeqOf = (dossierId: SQL) =>
  sql`coalesce((select c.last_seq from dossier_chats c where c.dossier_id = ${dossierId}), 0)`;
const lastReadOf = (dossierId: SQL, userId: SQL) =>
  sql`coalesce((select r.last_read_seq from message_reads r where r.dossier_id = ${dossierId} and r.user_id = ${userId}), 0)`;

export async function unreadCounts(deps: AppDeps, viewer: Viewer): Promise<TUnreadCounts> {
  const result = await deps.db.execute<{ dossier_id: string; unread: number }>(sql`
    select d.id as dossier_id,
      greatest(${lastSeqOf(sql`d.id`)} - ${lastReadOf(sql`d.id`, sql`${viewer.id}::uuid`)}, 0) as unread
    from dossiers d
    where ${visibleDossiers(viewer)}`);
  const counts = result.rows
    .filter((row) => row.unread > 0)
    .map((row) => ({ dossierId: row.dossier_id, unread: row.unread }));
  return { total: counts.reduce((sum, row) => sum + row.unread, 0), dossiers: counts };
}

/**
 * The total of unread messages of several people at once, in one query: each candidate over their own
 * dossiers, each pro over their firm's. People who see no conversation get 0; a pro whose standing no
 * longer opens the firm's dossiers (read in this query, not from `people`) is left out of the map.
 *
 * A firm's dossiers are read once however many of its pros are asking: a pro's total is the sum of
 * the firm's `last_seq` minus what they have read of it, `least(last_read_seq, last_seq)` summed over
 * their read marks in the firm — the same as the sum per dossier of `greatest(last_seq - mark, 0)`.
 */
export async function unreadTotals(
  db: Database,
  people: Viewer[],
  today: string,
): Promise<Map<string, number>> {
  const viewers = [...new Map(people.map((viewer) => [viewer.id, viewer])).values()];
  const totals = new Map(viewers.map((viewer) => [viewer.id, 0]));
  const candidates = viewers.filter((viewer) => viewer.role === 'candidate').map((viewer) => viewer.id);
  const pros = viewers.filter((viewer) => viewer.role === 'pro' && viewer.organisationId);
  for (const pro of pros) totals.delete(pro.id);
  if (candidates.length === 0 && pros.length === 0) return totals;
  const firms = [...new Set(pros.map((pro) => pro.organisationId ?? ''))];
  const result = await db.execute<{ user_id: string; total: number }>(sql`
    with firm as (
      select d.id, d.organisation_id, ${lastSeqOf(sql`d.id`)} as last_seq
      from dossiers d
      where d.organisation_id = any(${toUuidArray(firms)}::uuid[])
    ),
    firm_total as (select organisation_id, sum(last_seq) as total from firm group by organisation_id),
    -- The pros whose standing opens their firm's dossiers today: a suspended one is dropped at once.
    pro (user_id, organisation_id) as (
      select p.* from unnest(${toUuidArray(pros.map((pro) => pro.id))}::uuid[],
        ${toUuidArray(pros.map((pro) => pro.organisationId ?? ''))}::uuid[]) as p (user_id, organisation_id)
      where ${keepsDossiers(sql`p.user_id`, today)}
    ),
    -- Each pro's read marks, found by pro (the planner, left alone, probes every dossier × pro pair).
    mark as materialized (
      select p.user_id, p.organisation_id, r.dossier_id, r.last_read_seq
      from pro p
      join message_reads r on r.user_id = p.user_id
    ),
    pro_read as (
      select m.user_id, sum(least(m.last_read_seq, f.last_seq)) as total
      from mark m
      join firm f on f.id = m.dossier_id and f.organisation_id = m.organisation_id
      group by m.user_id
    )
    select p.user_id, (coalesce(t.total, 0) - coalesce(pr.total, 0))::int as total
    from pro p
    left join firm_total t on t.organisation_id = p.organisation_id
    left join pro_read pr on pr.user_id = p.user_id
    union all
    select v.user_id,
      sum(greatest(${lastSeqOf(sql`d.id`)} - ${lastReadOf(sql`d.id`, sql`v.user_id`)}, 0))::int
    from unnest(${toUuidArray(candidates)}::uuid[]) as v (user_id)
    join dossiers d on d.owner_id = v.user_id
    group by v.user_id`);
  for (const row of result.rows) totals.set(row.user_id, row.total);
  return totals;
}

/** A PostgreSQL array literal of uuids (bound as one parameter). */
const toUuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** The viewer's conversations, most recent activity first, with the last message and unread count. */
export async function listConversations(
  deps: AppDeps,
  viewer: Viewer,
): Promise<{ items: TConversation[]; totalUnread: number }> {
  const rows = await deps.db.execute<{
    dossier_id: string;
    program_id: string;
    counterpart_first: string | null;
    counterpart_last: string | null;
    last_message_id: string | null;
    unread: number;
  }>(sql`
    select d.id as dossier_id, d.program_id,
      cp.first_name as counterpart_first, cp.last_name as counterpart_last,
      lm.id as last_message_id,
      greatest(coalesce(lm.seq, 0) - ${lastReadOf(sql`d.id`, sql`${viewer.id}::uuid`)}, 0) as unread
    from dossiers d
    left join users cp on cp.id = ${viewer.role === 'candidate' ? sql`d.agent_id` : sql`d.owner_id`}
    left join lateral (select id, seq, created_at from messages m where m.dossier_id = d.id order by seq desc limit 1) lm on true
    where ${visibleDossiers(viewer)}
    order by coalesce(lm.created_at, d.updated_at) desc, d.id desc
    limit 100`);
  const lastIds = rows.rows.map((row) => row.last_message_id).filter((id): id is string => id !== null);
  const lastMessages = lastIds.length
    ? await messagesWithAuthor(deps.db).where(anyOf(messages.id, lastIds))
    : [];
  const byId = new Map(lastMessages.map((row) => [row.message.id, toMessage(row)]));
  const items = rows.rows.map((row) => ({
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

const UNREAD_DELAY_MS = 10 * 60 * 1000;
const EMAIL_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Every minute: a participant (the candidate, or the pro in charge) with messages unread for 10
 * minutes gets one email summarising them — at most one per dossier per hour, per their preferences.
 */
export async function sendUnreadMessageEmails(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - UNREAD_DELAY_MS);
  const hourAgo = new Date(now.getTime() - EMAIL_INTERVAL_MS);
  const dayAgo = new Date(now.getTime() - 24 * EMAIL_INTERVAL_MS);
  const due = await deps.db.execute<{ dossier_id: string; user_id: string }>(sql`
    with recent as (select distinct dossier_id from messages where created_at > ${dayAgo} and created_at <= ${cutoff}),
    participants as (
      select d.id as dossier_id, d.owner_id as user_id from dossiers d join recent on recent.dossier_id = d.id
      union
      select d.id, d.agent_id from dossiers d join recent on recent.dossier_id = d.id
       where d.agent_id is not null and ${keepsDossiers(sql`d.agent_id`, platformToday(now))}
    )
    select p.dossier_id, p.user_id from participants p
    left join message_reads r on r.dossier_id = p.dossier_id and r.user_id = p.user_id
    where (r.last_email_at is null or r.last_email_at <= ${hourAgo})
      and exists (select 1 from messages m where m.dossier_id = p.dossier_id and m.author_id <> p.user_id
        and m.seq > greatest(coalesce(r.last_read_seq, 0), coalesce(r.last_emailed_seq, 0)) and m.created_at <= ${cutoff})
    limit 500`);
  let sent = 0;
  for (const { dossier_id: dossierId, user_id: userId } of due.rows) {
    if (await emailUnread(deps, dossierId, userId, cutoff, hourAgo)) sent += 1;
  }
  return sent;
}

async function emailUnread(
  deps: AppDeps,
  dossierId: string,
  userId: string,
  cutoff: Date,
  hourAgo: Date,
): Promise<boolean> {
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    await tx.db.insert(messageReads).values({ dossierId, userId }).onConflictDoNothing();
    // The row lock makes two workers (or two instances) send this email once.
    const [state] = await tx.db
      .select()
      .from(messageReads)
      .where(and(eq(messageReads.dossierId, dossierId), eq(messageReads.userId, userId)))
      .for('update');
    if (!state || (state.lastEmailAt && state.lastEmailAt > hourAgo)) return false;
    const unread = await messagesWithAuthor(tx.db)
      .where(
        and(
          eq(messages.dossierId, dossierId),
          gt(messages.seq, state.lastReadSeq),
          sql`${messages.authorId} <> ${userId}`,
        ),
      )
      .orderBy(messages.seq);
    const fresh = unread.filter((row) => row.message.seq > state.lastEmailedSeq);
    if (fresh.length === 0 || !fresh.some((row) => row.message.createdAt <= cutoff)) return false;
    const [dossier] = await tx.db.select().from(dossiers).where(eq(dossiers.id, dossierId));
    if (!dossier) return false;
    const lastSeq = unread.at(-1)?.message.seq ?? state.lastEmailedSeq;
    await tx.db
      .update(messageReads)
      .set({ lastEmailedSeq: lastSeq, lastEmailAt: now })
      .where(and(eq(messageReads.dossierId, dossierId), eq(messageReads.userId, userId)));
    const link = `/dossiers/${dossierId}#messages`;
    await notify(deps, tx, {
      userId,
      type: 'message_received',
      params: { count: unread.length },
      link,
      email: (recipient) =>
        unreadMessagesEmail(recipient, unread.map(toMessage), `${deps.config.publicUrl}${link}`),
    });
    return true;
  });
}
