import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, users } from '../../db/schema';
import { likeLiteral } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** The one write of the audit log: an append (a trigger refuses changes and deletions). */
export async function insertAuditEntry(db: Database, entry: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(entry);
}

// ————— The viewer —————

/** The viewer's filters, as the queries take them (an actor given by email is resolved in the statement). */
export interface AuditRowFilter {
  actorId?: string | undefined;
  actorEmail?: string | undefined;
  action?: string | undefined;
  /** A family of actions: those starting with this text. */
  actionPrefix?: string | undefined;
  subjectId?: string | undefined;
  organisationId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Entries older than this one (keyset on id, newest first). */
  beforeId?: number | undefined;
}

const likePattern = (prefix: string) => `${likeLiteral(prefix)}%`;

/**
 * One page of entries, newest first, with the actor's name in the same statement. The order is written
 * to match the index the filter will be read through: the (action|subject|firm, id) indexes keep id
 * `DESC NULLS LAST`, the primary key and the actor index give `DESC NULLS FIRST` (the same rows, id is
 * never null, but the planner only walks an index whose order matches the query's).
 */
export async function auditPage(db: Database, filter: AuditRowFilter, limit: number) {
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.actorEmail) {
    conditions.push(
      eq(
        auditLog.actorId,
        sql`(select ${users.id} from ${users} where ${users.email} = ${filter.actorEmail})`,
      ),
    );
  }
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actionPrefix) conditions.push(sql`${auditLog.action} like ${likePattern(filter.actionPrefix)}`);
  if (filter.subjectId) conditions.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.organisationId) conditions.push(eq(auditLog.organisationId, filter.organisationId));
  if (filter.from) conditions.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) conditions.push(lt(auditLog.createdAt, filter.to));
  if (filter.beforeId !== undefined) conditions.push(lt(auditLog.id, filter.beforeId));
  const byNullsLastIndex = Boolean(filter.action || filter.subjectId || filter.organisationId);
  return db
    .select({
      id: auditLog.id,
      chainSeq: auditLog.chainSeq,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorUserId: users.id,
      actorFirstName: users.firstName,
      actorLastName: users.lastName,
      actorEmail: users.email,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      dossierId: auditLog.dossierId,
      organisationId: auditLog.organisationId,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(byNullsLastIndex ? sql`${auditLog.id} desc nulls last` : desc(auditLog.id))
    .limit(limit);
}

export type AuditRow = Awaited<ReturnType<typeof auditPage>>[number];

// ————— The hash chain —————

const ZChainHead = z.object({ last_seq: z.number(), last_hash: z.string() });

/** Where the chain ends, as the insert trigger last wrote it. */
export async function chainHead(db: Database) {
  const [head] = await selectRows(
    db,
    ZChainHead,
    sql`select last_seq, last_hash from audit_chain_head where id = 1`,
    'audit chain head',
  );
  return head ?? null;
}

const ZChainLink = z.object({
  seq: z.number(),
  id: z.number(),
  prev_hash: z.string().nullable(),
  hash: z.string().nullable(),
  /** Whether the entry's content, with the hash it points at, still gives its hash. */
  content_ok: z.boolean().nullable(),
});
export type ChainLink = z.infer<typeof ZChainLink>;

/**
 * The next entries of the chain after `afterSeq`, up to `lastSeq`, in chain order, with the database
 * recomputing each entry's hash (only the hashes leave the database, never the content).
 */
export async function chainLinks(db: Database, afterSeq: number, lastSeq: number, limit: number) {
  return selectRows(
    db,
    ZChainLink,
    sql`select e.chain_seq as seq, e.id, e.prev_hash, e.hash,
               audit_entry_hash(e.prev_hash, e) = e.hash as content_ok
          from audit_log e
         where e.chain_seq > ${afterSeq} and e.chain_seq <= ${lastSeq}
         order by e.chain_seq
         limit ${limit}`,
    'audit chain links',
  );
}
