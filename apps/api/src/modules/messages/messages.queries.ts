import { and, desc, eq, gt, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { documents, dossierChats, dossiers, messageReads, messages, users } from '../../db/schema';
import { isUniqueViolation } from '../../lib/errors';
import { anyOf } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';
import { keepsDossiers } from '../access';

/** What a message is mapped from (`toMessage`): the stored row and its author. */
export type MessageRow = typeof messages.$inferSelect;
export type MessageAuthor = {
  id: string;
  firstName: string;
  lastName: string;
  role: 'candidate' | 'pro' | 'admin';
};
export type MessageWithAuthor = { message: MessageRow; author: MessageAuthor };

/**
 * The dossiers whose conversation someone takes part in: a candidate's own, or a firm's (the caller's
 * firm while their standing opens it; `null`, none).
 */
export type ConversationScope = { ownerId: string } | { firmId: string | null };

function visibleDossiers(scope: ConversationScope): SQL {
  if ('ownerId' in scope) return sql`d.owner_id = ${scope.ownerId}`;
  return scope.firmId ? sql`d.organisation_id = ${scope.firmId}` : sql`false`;
}

const author = { id: users.id, firstName: users.firstName, lastName: users.lastName, role: users.role };

/** Messages with their author, as every read of a message needs them. */
const messagesWithAuthor = (db: Database) =>
  db.select({ message: messages, author }).from(messages).innerJoin(users, eq(users.id, messages.authorId));

/** A message with its author and its dossier's owner and firm. */
export async function messageWithDossier(db: Database, messageId: string) {
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
  return row;
}

/** A dossier's owner and firm: who may see its conversation. */
export async function conversationParties(
  db: Database,
  dossierId: string,
): Promise<{ ownerId: string; organisationId: string | null } | undefined> {
  const [row] = await db
    .select({ ownerId: dossiers.ownerId, organisationId: dossiers.organisationId })
    .from(dossiers)
    .where(eq(dossiers.id, dossierId));
  return row;
}

const ZStoredMessage = z.object({
  id: z.string(),
  seq: z.number(),
  first_name: z.string(),
  last_name: z.string(),
  role: z.enum(['candidate', 'pro', 'admin']),
});

/**
 * Moves read marks up, never back: `marks` gives rows of (dossier_id, user_id, last_read_seq, read_at).
 * SQL, so that posting a message moves its author's mark in the statement that stores it.
 */
const advanceReadSql = (marks: SQL) => sql`
  insert into message_reads (dossier_id, user_id, last_read_seq, read_at) ${marks}
  on conflict (dossier_id, user_id) do update
    set last_read_seq = greatest(message_reads.last_read_seq, excluded.last_read_seq),
        read_at = excluded.read_at`;

/**
 * Stores a message in one statement, which is its own transaction: unless a message with this client id
 * exists or a document is not the dossier's (then nothing is written and nothing is returned), it takes
 * the next sequence number from the dossier's chat row (created with the first message), moves the
 * author's read mark up to it and evaluates `published` (the bus's publication of the new message).
 *
 * Taking the number updates the chat row, whose lock is held until the commit: posts to one dossier are
 * serialised, so sequence numbers follow commit order, and a statement that fails leaves no gap. Two
 * posts of one client id at the same moment both pass the existence check; the second waits for the
 * first on the chat row, then its insert breaks the client-id unique index and the whole statement is
 * undone: that is answered as the retry it is (nothing returned).
 */
export async function insertMessage(
  db: Database,
  m: {
    dossierId: string;
    authorId: string;
    clientId: string;
    body: string;
    documentIds: string[];
    now: Date;
  },
  /** The publication of the stored message (the bus's `publishing`), given its id as SQL. */
  publishing: (messageId: SQL) => SQL,
) {
  const documentsAreTheDossiers =
    m.documentIds.length === 0
      ? sql`true`
      : sql`(select count(*) from ${documents}
               where ${anyOf(documents.id, m.documentIds)} and ${documents.dossierId} = ${m.dossierId})
            = ${m.documentIds.length}`;
  try {
    const [row] = await selectRows(
      db,
      ZStoredMessage,
      sql`
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
      select message.id, message.seq, u.first_name, u.last_name, u.role, ${publishing(sql`message.id`)} as published
        from message join users u on u.id = message.author_id`,
      'message insert',
    );
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'messages_client_id_idx')) return undefined;
    throw error;
  }
}

export async function messageByClientId(
  db: Database,
  dossierId: string,
  authorId: string,
  clientId: string,
): Promise<MessageWithAuthor | undefined> {
  const [row] = await messagesWithAuthor(db).where(
    and(eq(messages.dossierId, dossierId), eq(messages.authorId, authorId), eq(messages.clientId, clientId)),
  );
  return row;
}

export async function advanceReadMark(
  db: Database,
  dossierId: string,
  userId: string,
  seq: number,
  now: Date,
): Promise<void> {
  await db.execute(
    advanceReadSql(sql`values (${dossierId}::uuid, ${userId}::uuid, ${seq}::int, ${now}::timestamptz)`),
  );
}

/** History, newest first in pages (`before`), or what came after a known message, oldest first (`after`). */
export function messagePage(
  db: Database,
  dossierId: string,
  query: { before?: number | undefined; after?: number | undefined; limit: number },
): Promise<MessageWithAuthor[]> {
  const catchingUp = query.after !== undefined;
  const before = query.before !== undefined;
  // One prepared query per combination of bounds given.
  return builtQuery(db, `messages.page${before ? '_before' : ''}${catchingUp ? '_after' : ''}`, (db) =>
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
  ).execute({ dossier: dossierId, before: query.before, after: query.after, limit: query.limit });
}

const ZConversationState = z.object({
  last_seq: z.number().nullable(),
  readers: z.array(z.object({ userId: z.string(), lastReadSeq: z.number() })),
});

/** The conversation's last sequence number and everyone's read marks, in one statement. */
export async function conversationState(db: Database, dossierId: string) {
  const [row] = await selectRows(
    db,
    ZConversationState,
    sql`
    select (select c.last_seq from dossier_chats c where c.dossier_id = ${dossierId}) as last_seq,
      coalesce((select json_agg(json_build_object('userId', r.user_id, 'lastReadSeq', r.last_read_seq))
        from message_reads r where r.dossier_id = ${dossierId}), '[]'::json) as readers`,
    'conversation state',
  );
  return { lastSeq: row?.last_seq ?? 0, readers: row?.readers ?? [] };
}

/** The number of the conversation's last message (0 before the first). */
export async function lastSeqOfChat(db: Database, dossierId: string): Promise<number> {
  const [chat] = await db
    .select({ lastSeq: dossierChats.lastSeq })
    .from(dossierChats)
    .where(eq(dossierChats.dossierId, dossierId));
  return chat?.lastSeq ?? 0;
}

/** How far someone has read a conversation (0 before they read anything). */
export async function readMarkOf(db: Database, dossierId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ lastReadSeq: messageReads.lastReadSeq })
    .from(messageReads)
    .where(and(eq(messageReads.dossierId, dossierId), eq(messageReads.userId, userId)));
  return row?.lastReadSeq ?? 0;
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

const ZUnreadRow = z.object({ dossier_id: z.string(), unread: z.number() });

/** Unread messages of `userId` in each dossier of `scope`, zeros included. */
export function unreadPerDossier(db: Database, scope: ConversationScope, userId: string) {
  return selectRows(
    db,
    ZUnreadRow,
    sql`
    select d.id as dossier_id,
      greatest(${lastSeqOf(sql`d.id`)} - ${lastReadOf(sql`d.id`, sql`${userId}::uuid`)}, 0) as unread
    from dossiers d
    where ${visibleDossiers(scope)}`,
    'unread per dossier',
  );
}

const ZTotalRow = z.object({ user_id: z.string(), total: z.number() });

/**
 * The total of unread messages of several people in one statement: each candidate over their own
 * dossiers, each pro over the firm given with them, if their standing opens its dossiers today (the
 * others get no row). A firm's dossiers are read once however many of its pros are asking: a pro's
 * total is the sum of the firm's `last_seq` minus what they have read of it, `least(last_read_seq,
 * last_seq)` summed over their read marks in the firm — the same as the sum per dossier of
 * `greatest(last_seq - mark, 0)`.
 *
 * The pros and their firms go as two arrays of one parameter each, read in pairs by `unnest`
 * (`anyOf` filters a column; this pairs two lists).
 */
export function unreadTotalRows(
  db: Database,
  candidateIds: string[],
  pros: { id: string; organisationId: string }[],
  today: string,
) {
  const firms = [...new Set(pros.map((pro) => pro.organisationId))];
  return selectRows(
    db,
    ZTotalRow,
    sql`
    with firm as (
      select d.id, d.organisation_id, ${lastSeqOf(sql`d.id`)} as last_seq
      from dossiers d
      where ${anyOf(sql`d.organisation_id`, firms)}
    ),
    firm_total as (select organisation_id, sum(last_seq) as total from firm group by organisation_id),
    -- The pros whose standing opens their firm's dossiers today: a suspended one is dropped at once.
    pro (user_id, organisation_id) as (
      select p.* from unnest(${sql.param(pros.map((pro) => pro.id))}::uuid[],
        ${sql.param(pros.map((pro) => pro.organisationId))}::uuid[]) as p (user_id, organisation_id)
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
    from unnest(${sql.param(candidateIds)}::uuid[]) as v (user_id)
    join dossiers d on d.owner_id = v.user_id
    group by v.user_id`,
    'unread totals',
  );
}

const ZConversationRow = z.object({
  dossier_id: z.string(),
  program_id: z.string(),
  counterpart_first: z.string().nullable(),
  counterpart_last: z.string().nullable(),
  last_message_id: z.string().nullable(),
  unread: z.number(),
});

/**
 * The conversations of `scope`, most recent activity first (100 at most), with the id of their last
 * message, the counterpart (`agent` for a candidate, `owner` for a pro) and `userId`'s unread count.
 */
export function conversationRows(
  db: Database,
  scope: ConversationScope,
  userId: string,
  counterpart: 'agent' | 'owner',
) {
  return selectRows(
    db,
    ZConversationRow,
    sql`
    select d.id as dossier_id, d.program_id,
      cp.first_name as counterpart_first, cp.last_name as counterpart_last,
      lm.id as last_message_id,
      greatest(coalesce(lm.seq, 0) - ${lastReadOf(sql`d.id`, sql`${userId}::uuid`)}, 0) as unread
    from dossiers d
    left join users cp on cp.id = ${counterpart === 'agent' ? sql`d.agent_id` : sql`d.owner_id`}
    left join lateral (select id, seq, created_at from messages m where m.dossier_id = d.id order by seq desc limit 1) lm on true
    where ${visibleDossiers(scope)}
    order by coalesce(lm.created_at, d.updated_at) desc, d.id desc
    limit 100`,
    'conversations',
  );
}

export function messagesByIds(db: Database, ids: string[]): Promise<MessageWithAuthor[]> {
  return messagesWithAuthor(db).where(anyOf(messages.id, ids));
}

const ZDueRow = z.object({ dossier_id: z.string(), user_id: z.string() });

/**
 * Participants (the candidate, or the pro in charge while in good standing) with someone else's messages
 * unread since `cutoff` (within a day) and not emailed yet, whose last email is older than `hourAgo`.
 */
export function dueUnreadEmails(
  db: Database,
  at: { dayAgo: Date; cutoff: Date; hourAgo: Date; today: string },
) {
  return selectRows(
    db,
    ZDueRow,
    sql`
    with recent as (select distinct dossier_id from messages where created_at > ${at.dayAgo} and created_at <= ${at.cutoff}),
    participants as (
      select d.id as dossier_id, d.owner_id as user_id from dossiers d join recent on recent.dossier_id = d.id
      union
      select d.id, d.agent_id from dossiers d join recent on recent.dossier_id = d.id
       where d.agent_id is not null and ${keepsDossiers(sql`d.agent_id`, at.today)}
    )
    select p.dossier_id, p.user_id from participants p
    left join message_reads r on r.dossier_id = p.dossier_id and r.user_id = p.user_id
    where (r.last_email_at is null or r.last_email_at <= ${at.hourAgo})
      and exists (select 1 from messages m where m.dossier_id = p.dossier_id and m.author_id <> p.user_id
        and m.seq > greatest(coalesce(r.last_read_seq, 0), coalesce(r.last_emailed_seq, 0)) and m.created_at <= ${at.cutoff})
    limit 500`,
    'unread emails due',
  );
}

/**
 * Someone's read mark in a conversation, created if missing and locked (in a transaction): two workers
 * (or two instances) then send one email.
 */
export async function lockedReadMark(db: Database, dossierId: string, userId: string) {
  await db.insert(messageReads).values({ dossierId, userId }).onConflictDoNothing();
  const [state] = await db
    .select()
    .from(messageReads)
    .where(and(eq(messageReads.dossierId, dossierId), eq(messageReads.userId, userId)))
    .for('update');
  return state;
}

/** Others' messages after `afterSeq`, oldest first. */
export function messagesOfOthersAfter(
  db: Database,
  dossierId: string,
  userId: string,
  afterSeq: number,
): Promise<MessageWithAuthor[]> {
  return messagesWithAuthor(db)
    .where(
      and(
        eq(messages.dossierId, dossierId),
        gt(messages.seq, afterSeq),
        sql`${messages.authorId} <> ${userId}`,
      ),
    )
    .orderBy(messages.seq);
}

export async function dossierExists(db: Database, dossierId: string): Promise<boolean> {
  const [dossier] = await db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, dossierId));
  return dossier !== undefined;
}

export async function setEmailedUpTo(
  db: Database,
  dossierId: string,
  userId: string,
  seq: number,
  now: Date,
): Promise<void> {
  await db
    .update(messageReads)
    .set({ lastEmailedSeq: seq, lastEmailAt: now })
    .where(and(eq(messageReads.dossierId, dossierId), eq(messageReads.userId, userId)));
}
