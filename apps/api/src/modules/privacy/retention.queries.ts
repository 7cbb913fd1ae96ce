import type { TRetentionRuleId } from '@capitune/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';

/**
 * Every statement of retention: what is due under each rule, its destruction, the destruction register
 * and the legal holds on client files.
 */

/** One line of the register, as written. */
export interface DestructionLine {
  rule: TRetentionRuleId;
  recordType: string;
  recordId: string | null;
  count: number;
  files: number;
  detail: Record<string, unknown>;
}

export async function insertDestruction(db: Database, line: DestructionLine, now: Date): Promise<void> {
  await db.execute(sql`insert into destructions (rule, record_type, record_id, count, files, detail, destroyed_at)
    values (${line.rule}, ${line.recordType}, ${line.recordId}, ${line.count}, ${line.files},
      ${JSON.stringify(line.detail)}::jsonb, ${now})`);
}

/**
 * Files whose rows are being destroyed, named in the uploads' journal (`pending_uploads`) in the same
 * transaction: removed from the store once it commits, and by the hourly sweep of abandoned uploads if
 * the process dies before. So a row never points at a file that is gone, and no file outlives its row
 * for long.
 */
export async function journalFiles(db: Database, keys: readonly string[], now: Date): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`insert into pending_uploads (blob_key, created_at)
    select key, ${now} from unnest(${sql.param(keys)}::text[]) key on conflict do nothing`);
}

/** A removed file's journal line. */
export async function forgetJournaledFile(db: Database, key: string): Promise<void> {
  await db.execute(sql`delete from pending_uploads where blob_key = ${key}`);
}

/** The client-file condition of the rule: closed for `years`, no legal hold. */
const clientFileDue = (years: number, now: Date) =>
  sql`d.organisation_id is not null and d.status = 'closed' and d.closed_at is not null
    and d.closed_at <= ${now}::timestamptz - make_interval(years => ${years}) and d.legal_hold_at is null`;

const ZDueClientFile = z.object({ id: z.string() });

/** Closed client files past their retention and under no hold, oldest closure first (`dossiers_closed_idx`). */
export async function dueClientFiles(db: Database, years: number, now: Date, limit: number) {
  const rows = await selectRows(
    db,
    ZDueClientFile,
    sql`select d.id from dossiers d where ${clientFileDue(years, now)}
    order by d.closed_at, d.id limit ${limit}`,
    'privacy.due_client_files',
  );
  return rows.map((row) => row.id);
}

const ZDossierToDestroy = z.object({
  id: z.string(),
  program_id: z.string(),
  organisation_id: z.string().nullable(),
  closed_at: z.string().nullable(),
  documents: z.number(),
  blob_keys: z.array(z.string()),
});
export type DossierToDestroy = z.infer<typeof ZDossierToDestroy>;

const dossierToDestroyColumns = sql`d.id, d.program_id, d.organisation_id, ${isoTime(sql`d.closed_at`)} as closed_at,
  (select count(*)::int from documents x where x.dossier_id = d.id) as documents,
  coalesce((select array_agg(x.blob_key order by x.id) from documents x
    where x.dossier_id = d.id and x.blob_key is not null), '{}') as blob_keys`;

/**
 * The client file, locked, if it is still due (a hold placed or a reopening since the list was read
 * saves it; a concurrent run skips it).
 */
export async function lockDueClientFile(
  db: Database,
  dossierId: string,
  years: number,
  now: Date,
): Promise<DossierToDestroy | undefined> {
  const [row] = await selectRows(
    db,
    ZDossierToDestroy,
    sql`select ${dossierToDestroyColumns} from dossiers d
    where d.id = ${dossierId} and ${clientFileDue(years, now)} for update of d skip locked`,
    'privacy.lock_due_client_file',
  );
  return row;
}

/** The person's dossiers no firm follows, locked: destroyed whole with the account. */
export async function personalDossiersOf(db: Database, userId: string): Promise<DossierToDestroy[]> {
  return selectRows(
    db,
    ZDossierToDestroy,
    sql`select ${dossierToDestroyColumns} from dossiers d
    where d.owner_id = ${userId} and d.organisation_id is null
    order by d.id for update of d`,
    'privacy.personal_dossiers',
  );
}

/**
 * Destroys dossiers whole: the invitations that name them (no cascade), then the rows, which take their
 * members, documents, messages, milestones, notes, reads, requests and reviews with them. Their files are
 * journalled by the caller, and removed once this commits.
 */
export async function destroyDossierRows(db: Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`delete from dossier_invitations where dossier_id = any(${sql.param(ids)}::uuid[])`);
  await db.execute(sql`delete from dossiers where id = any(${sql.param(ids)}::uuid[])`);
}

const ZExpiredExport = z.object({ id: z.string(), blob_key: z.string().nullable() });

/** Ready exports whose link expired, locked, at most `limit` (`data_exports_expiry_idx`). */
export async function expiredExports(db: Database, now: Date, limit: number) {
  return selectRows(
    db,
    ZExpiredExport,
    sql`select id, blob_key from data_exports
    where status = 'ready' and expires_at <= ${now}
    order by expires_at, id limit ${limit} for update skip locked`,
    'privacy.expired_exports',
  );
}

/** The export's file is gone: its row says so. */
export async function markExportExpired(db: Database, id: string): Promise<void> {
  await db.execute(sql`update data_exports set status = 'expired', blob_key = null where id = ${id}`);
}

/** A bulk deletion and how many rows it removed. */
async function deleted(db: Database, statement: SQL): Promise<number> {
  const result = await db.execute(statement);
  return result.rowCount ?? 0;
}

/** Tokens, codes and challenges expired for more than a day, by table. */
export async function deleteExpiredTokens(db: Database, before: Date): Promise<Record<string, number>> {
  return {
    email_tokens: await deleted(db, sql`delete from email_tokens where expires_at <= ${before}`),
    one_time_codes: await deleted(db, sql`delete from one_time_codes where expires_at <= ${before}`),
    sign_in_challenges: await deleted(db, sql`delete from sign_in_challenges where expires_at <= ${before}`),
    webauthn_challenges: await deleted(
      db,
      sql`delete from webauthn_challenges where expires_at <= ${before}`,
    ),
  };
}

/** Sessions ended or expired before `before`, with their refresh tokens (cascade). */
export async function deleteEndedSessions(db: Database, before: Date): Promise<number> {
  return deleted(
    db,
    sql`delete from sessions where (revoked_at is not null and revoked_at <= ${before}) or expires_at <= ${before}`,
  );
}

export async function deleteReadNotifications(db: Database, before: Date): Promise<number> {
  return deleted(db, sql`delete from notifications where read_at is not null and read_at <= ${before}`);
}

const ZCounts = z.object({
  client_file: z.number(),
  held: z.number(),
  deleted_account: z.number(),
  data_export: z.number(),
  expired_tokens: z.number(),
  ended_sessions: z.number(),
  rate_limits: z.number(),
  sent_emails: z.number(),
  read_notifications: z.number(),
});
export type DueCounts = z.infer<typeof ZCounts>;

/** What each rule would destroy now, and the client files a hold keeps, in one statement. */
export async function dueCounts(
  db: Database,
  input: {
    years: number;
    now: Date;
    tokensBefore: Date;
    sessionsBefore: Date;
    notificationsBefore: Date;
    emailsBefore: Date;
  },
): Promise<DueCounts> {
  const { years, now } = input;
  const rows = await selectRows(
    db,
    ZCounts,
    sql`select
      (select count(*)::int from dossiers d where ${clientFileDue(years, now)}) as client_file,
      (select count(*)::int from dossiers d where d.legal_hold_at is not null) as held,
      (select count(*)::int from account_deletions
        where cancelled_at is null and completed_at is null and due_at <= ${now}) as deleted_account,
      (select count(*)::int from data_exports where status = 'ready' and expires_at <= ${now}) as data_export,
      ((select count(*) from email_tokens where expires_at <= ${input.tokensBefore})
        + (select count(*) from one_time_codes where expires_at <= ${input.tokensBefore})
        + (select count(*) from sign_in_challenges where expires_at <= ${input.tokensBefore})
        + (select count(*) from webauthn_challenges where expires_at <= ${input.tokensBefore}))::int as expired_tokens,
      (select count(*)::int from sessions where (revoked_at is not null and revoked_at <= ${input.sessionsBefore})
        or expires_at <= ${input.sessionsBefore}) as ended_sessions,
      (select count(*)::int from rate_limits where reset_at <= ${now}) as rate_limits,
      (select count(*)::int from outbox where sent_at is not null and sent_at < ${input.emailsBefore}) as sent_emails,
      (select count(*)::int from notifications where read_at is not null
        and read_at <= ${input.notificationsBefore}) as read_notifications`,
    'privacy.due_counts',
  );
  return returnedRow(rows, 'privacy.due_counts');
}

const RUN_SNAPSHOT = 'privacy.retention_run';

/** Notes a finished run (a named row of `stats_snapshots`, the platform's small key-value table). */
export async function recordRun(db: Database, summary: Record<string, unknown>, now: Date): Promise<void> {
  await db.execute(sql`insert into stats_snapshots (name, body, computed_at)
    values (${RUN_SNAPSHOT}, ${JSON.stringify(summary)}::jsonb, ${now})
    on conflict (name) do update set body = excluded.body, computed_at = excluded.computed_at`);
}

export async function lastRunAt(db: Database): Promise<string | null> {
  const [row] = await selectRows(
    db,
    z.object({ at: z.string() }),
    sql`select ${isoTime(sql`computed_at`)} as at from stats_snapshots where name = ${RUN_SNAPSHOT}`,
    'privacy.last_run',
  );
  return row?.at ?? null;
}

const ZDestructionRow = z.object({
  id: z.string(),
  rule: z.string(),
  record_type: z.string(),
  record_id: z.string().nullable(),
  count: z.number(),
  files: z.number(),
  detail: z.record(z.string(), z.unknown()),
  destroyed_at: z.string(),
  /** The exact instant (microseconds) for the cursor: a millisecond one could skip a row. */
  cursor_at: z.string(),
});
export type DestructionRow = z.infer<typeof ZDestructionRow>;

/**
 * A page of the register, newest first, keyset on (destroyed_at, id): `destructions_destroyed_idx`, or
 * `destructions_rule_idx` for one rule. One row more than `limit` says whether a next page exists.
 */
export async function destructionsPage(
  db: Database,
  query: { rule?: string | undefined; after?: { at: string; id: string } | undefined; limit: number },
): Promise<DestructionRow[]> {
  const where: SQL[] = [];
  if (query.rule) where.push(sql`rule = ${query.rule}`);
  if (query.after) {
    where.push(sql`(destroyed_at, id) < (${query.after.at}::timestamptz, ${query.after.id}::uuid)`);
  }
  return selectRows(
    db,
    ZDestructionRow,
    sql`select id, rule, record_type, record_id, count, files, detail,
      ${isoTime(sql`destroyed_at`)} as destroyed_at,
      to_char(destroyed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
    from destructions ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by destroyed_at desc, id desc limit ${query.limit + 1}`,
    'privacy.destructions_page',
  );
}

const ZHold = z.object({
  id: z.string(),
  legal_hold_at: z.string().nullable(),
  legal_hold_reason: z.string().nullable(),
  organisation_id: z.string().nullable(),
});
export type HoldRow = z.infer<typeof ZHold>;

/** A dossier's hold, locked (an admin's path: no firm reach to read). */
export async function dossierHoldForUpdate(db: Database, dossierId: string): Promise<HoldRow | undefined> {
  const [row] = await selectRows(
    db,
    ZHold,
    sql`select id, ${isoTime(sql`legal_hold_at`)} as legal_hold_at, legal_hold_reason, organisation_id
    from dossiers where id = ${dossierId} for update`,
    'privacy.dossier_hold',
  );
  return row;
}

export async function setLegalHold(
  db: Database,
  dossierId: string,
  hold: { at: Date; reason: string; by: string } | null,
): Promise<void> {
  await db.execute(sql`update dossiers set legal_hold_at = ${hold?.at ?? null},
    legal_hold_reason = ${hold?.reason ?? null}, legal_hold_by = ${hold?.by ?? null}
    where id = ${dossierId}`);
}
