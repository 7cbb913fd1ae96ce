import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { checkRows, returnedRow, selectRows } from '../../platform/db/rows';

/**
 * Every statement of account deletion: the preview, the request and its cancellation, and the erasure
 * itself (run by the retention job in one transaction per person).
 */

const ZPerson = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string(),
  locale: z.enum(['fr', 'en']),
  time_zone: z.string(),
  role: z.enum(['candidate', 'pro', 'admin']),
  status: z.enum(['active', 'suspended']),
  deleted_at: z.string().nullable(),
});
export type PersonRow = z.infer<typeof ZPerson>;

/** The person, as the deletion needs them (their address and language for its emails); `lock` for update. */
export async function personOf(
  db: Database,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<PersonRow | undefined> {
  const [row] = await selectRows(
    db,
    ZPerson,
    sql`select id, email::text as email, first_name, locale, time_zone, role, status,
      ${isoTime(sql`deleted_at`)} as deleted_at
    from users where id = ${userId} ${options.lock ? sql`for update` : sql``}`,
    'privacy.person',
  );
  return row;
}

const ZCount = z.object({ kind: z.string(), count: z.number() });

/**
 * What deleting the account erases or anonymises, by kind, counted now. Personal dossiers are those no
 * firm follows (`organisation_id` null): destroyed whole, with their documents and messages.
 */
export async function erasedCounts(
  db: Database,
  userId: string,
  now: Date,
): Promise<{ kind: string; count: number }[]> {
  const counts: [string, SQL][] = [
    ['profile', sql`select 1`],
    [
      'sessions',
      sql`select count(*) from sessions where user_id = ${userId} and revoked_at is null and expires_at > ${now}`,
    ],
    [
      'second_factors',
      sql`select (select count(*) from totp_factors where user_id = ${userId})
        + (select count(*) from passkeys where user_id = ${userId})`,
    ],
    [
      'personal_dossiers',
      sql`select count(*) from dossiers where owner_id = ${userId} and organisation_id is null`,
    ],
    [
      'personal_documents',
      sql`select count(*) from documents d join dossiers o on o.id = d.dossier_id
        where o.owner_id = ${userId} and o.organisation_id is null`,
    ],
    [
      'personal_messages',
      sql`select count(*) from messages m join dossiers o on o.id = m.dossier_id
        where o.owner_id = ${userId} and o.organisation_id is null`,
    ],
    ['posts_anonymised', sql`select count(*) from posts where author_id = ${userId} and deleted_at is null`],
    [
      'comments_anonymised',
      sql`select count(*) from comments where author_id = ${userId} and deleted_at is null`,
    ],
    [
      'likes',
      sql`select (select count(*) from post_likes where user_id = ${userId})
        + (select count(*) from comment_likes where user_id = ${userId})`,
    ],
    ['flags', sql`select count(*) from flags where user_id = ${userId}`],
    ['reviews', sql`select count(*) from pro_reviews where author_id = ${userId}`],
    ['event_registrations', sql`select count(*) from event_registrations where user_id = ${userId}`],
    ['notifications', sql`select count(*) from notifications where user_id = ${userId}`],
    ['data_exports', sql`select count(*) from data_exports where user_id = ${userId}`],
    ['pro_profile', sql`select count(*) from pro_profiles where user_id = ${userId}`],
  ];
  const parts = counts.map(([kind, count]) => sql`select ${kind}::text as kind, (${count})::int as count`);
  return selectRows(db, ZCount, sql.join(parts, sql` union all `), 'privacy.erased_counts');
}

const ZKeptFile = z.object({
  dossier_id: z.string(),
  firm_name: z.string(),
  program_id: z.string(),
  status: z.string(),
  closed_at: z.string().nullable(),
});
export type KeptFileRow = z.infer<typeof ZKeptFile>;

/** The person's dossiers a firm follows or followed: client files, kept by the firm after the account goes. */
export async function clientFilesOf(db: Database, userId: string): Promise<KeptFileRow[]> {
  return selectRows(
    db,
    ZKeptFile,
    sql`select d.id as dossier_id, o.name as firm_name, d.program_id, d.status::text as status,
      ${isoTime(sql`d.closed_at`)} as closed_at
    from dossiers d join organisations o on o.id = d.organisation_id
    where d.owner_id = ${userId}
    order by d.created_at, d.id`,
    'privacy.client_files_of',
  );
}

/**
 * Whether the person is the last active admin. Every active admin's row is locked first (as the admin
 * console does), so two admins deleting their accounts at once cannot both pass.
 */
export async function isLastActiveAdmin(db: Database, userId: string): Promise<boolean> {
  const result = await db.execute(
    sql`select id from users where role = 'admin' and status = 'active' and deleted_at is null
      order by id for update`,
  );
  const ids = checkRows(z.object({ id: z.string() }), result.rows, 'privacy.active_admins');
  return ids.some((row) => row.id === userId) && ids.length === 1;
}

/** How many dossiers not closed the pro follows as their agent: they must be handed off or closed first. */
export async function openClientFilesOfAgent(db: Database, userId: string): Promise<number> {
  const [row] = await selectRows(
    db,
    z.object({ n: z.number() }),
    sql`select count(*)::int as n from dossiers where agent_id = ${userId} and status <> 'closed'`,
    'privacy.open_client_files',
  );
  return row?.n ?? 0;
}

const ZDeletionRow = z.object({
  id: z.string(),
  user_id: z.string(),
  requested_at: z.string(),
  due_at: z.string(),
});
export type DeletionRow = z.infer<typeof ZDeletionRow>;

const deletionColumns = sql`id, user_id, ${isoTime(sql`requested_at`)} as requested_at,
  ${isoTime(sql`due_at`)} as due_at`;

/** The person's waiting deletion (neither cancelled nor completed), if any. */
export async function waitingDeletion(db: Database, userId: string): Promise<DeletionRow | undefined> {
  const [row] = await selectRows(
    db,
    ZDeletionRow,
    sql`select ${deletionColumns} from account_deletions
    where user_id = ${userId} and cancelled_at is null and completed_at is null`,
    'privacy.waiting_deletion',
  );
  return row;
}

/** Records the request; undefined when one is already waiting (`account_deletions_waiting_idx`). */
export async function insertDeletion(
  db: Database,
  input: { userId: string; requestedAt: Date; dueAt: Date; kept: unknown[] },
): Promise<DeletionRow | undefined> {
  const [row] = await selectRows(
    db,
    ZDeletionRow,
    sql`insert into account_deletions (user_id, requested_at, due_at, kept)
    values (${input.userId}, ${input.requestedAt}, ${input.dueAt}, ${JSON.stringify(input.kept)}::jsonb)
    on conflict (user_id) where cancelled_at is null and completed_at is null do nothing
    returning ${deletionColumns}`,
    'privacy.insert_deletion',
  );
  return row;
}

/** Cancels the waiting deletion (`by`: `request` or `sign_in`); the cancelled row, or undefined if none. */
export async function cancelWaitingDeletion(
  db: Database,
  userId: string,
  by: 'request' | 'sign_in',
  now: Date,
): Promise<DeletionRow | undefined> {
  const [row] = await selectRows(
    db,
    ZDeletionRow,
    sql`update account_deletions set cancelled_at = ${now}, cancelled_by = ${by}
    where user_id = ${userId} and cancelled_at is null and completed_at is null
    returning ${deletionColumns}`,
    'privacy.cancel_deletion',
  );
  return row;
}

/** Due deletions, oldest first, at most `limit` (`account_deletions_due_idx`). */
export async function dueDeletions(db: Database, now: Date, limit: number): Promise<DeletionRow[]> {
  return selectRows(
    db,
    ZDeletionRow,
    sql`select ${deletionColumns} from account_deletions
    where cancelled_at is null and completed_at is null and due_at <= ${now}
    order by due_at, id limit ${limit}`,
    'privacy.due_deletions',
  );
}

/** The deletion locked for its completion, if it is still waiting and due (a second run skips it). */
export async function lockDueDeletion(db: Database, id: string, now: Date): Promise<DeletionRow | undefined> {
  const [row] = await selectRows(
    db,
    ZDeletionRow,
    sql`select ${deletionColumns} from account_deletions
    where id = ${id} and cancelled_at is null and completed_at is null and due_at <= ${now}
    for update skip locked`,
    'privacy.lock_due_deletion',
  );
  return row;
}

export async function markDeletionCompleted(db: Database, id: string, now: Date): Promise<void> {
  await db.execute(sql`update account_deletions set completed_at = ${now} where id = ${id}`);
}

/**
 * The person's client files, kept by their firms: closed now unless they were (the retention period
 * starts), so that the firm's members see them as done. Each kept file, with its status before and firm.
 */
export async function closeClientFilesOf(
  db: Database,
  userId: string,
  now: Date,
): Promise<{ id: string; before: string; organisation_id: string }[]> {
  return selectRows(
    db,
    z.object({ id: z.string(), before: z.string(), organisation_id: z.string() }),
    sql`with kept as (
      select id, status from dossiers where owner_id = ${userId} and organisation_id is not null for update)
    update dossiers d set
      closed_at = case when d.status = 'closed' then coalesce(d.closed_at, ${now}) else ${now} end,
      status = 'closed', updated_at = ${now}
    from kept where d.id = kept.id
    returning d.id, kept.status::text as before, d.organisation_id`,
    'privacy.close_client_files',
  );
}

/**
 * Files in the store that go with the person's own records (data exports, a pro's photo): read before
 * their rows are deleted.
 */
export async function personalFileKeys(db: Database, userId: string): Promise<string[]> {
  const rows = await selectRows(
    db,
    z.object({ key: z.string() }),
    sql`select blob_key as key from data_exports where user_id = ${userId} and blob_key is not null
    union all
    select photo->>'key' as key from pro_profiles where user_id = ${userId} and photo->>'key' is not null`,
    'privacy.personal_file_keys',
  );
  return rows.map((row) => row.key);
}

/**
 * Deletes every row that is the person's alone: sign-in (sessions and their refresh tokens, factors,
 * codes, challenges, devices, email links), activity (notifications, tags, calendar feeds, registrations,
 * likes with their counters, flags, reads, reviews with the pro's rating), exports, a pro's public profile,
 * automated decisions, and the sent emails to their address. Sessions still open are announced ended.
 * Consents stay (the proof of what was agreed); posts and comments stay, their author anonymised.
 */
export async function deletePersonalRows(
  db: Database,
  userId: string,
  email: string,
  publishing: (endedIds: SQL) => SQL,
): Promise<void> {
  await db.execute(sql`
    with ended as (delete from sessions where user_id = ${userId} returning id, revoked_at)
    select ${publishing(sql`json_agg(id)`)} from ended where revoked_at is null having count(*) > 0`);
  const statements = [
    sql`delete from email_tokens where user_id = ${userId}`,
    sql`delete from totp_factors where user_id = ${userId}`,
    sql`delete from passkeys where user_id = ${userId}`,
    sql`delete from recovery_codes where user_id = ${userId}`,
    sql`delete from one_time_codes where user_id = ${userId}`,
    sql`delete from webauthn_challenges where user_id = ${userId}`,
    sql`delete from sign_in_challenges where user_id = ${userId}`,
    sql`delete from known_devices where user_id = ${userId}`,
    sql`delete from notifications where user_id = ${userId}`,
    sql`delete from user_tags where user_id = ${userId}`,
    sql`delete from calendar_feeds where user_id = ${userId}`,
    sql`delete from event_registrations where user_id = ${userId}`,
    sql`delete from event_co_hosts where user_id = ${userId}`,
    sql`update posts set like_count = greatest(0, like_count - 1)
      where id in (select post_id from post_likes where user_id = ${userId})`,
    sql`delete from post_likes where user_id = ${userId}`,
    sql`update comments set like_count = greatest(0, like_count - 1)
      where id in (select comment_id from comment_likes where user_id = ${userId})`,
    sql`delete from comment_likes where user_id = ${userId}`,
    sql`delete from flags where user_id = ${userId}`,
    sql`delete from message_reads where user_id = ${userId}`,
    sql`update pro_profiles p set rating_count = p.rating_count - r.n, rating_sum = p.rating_sum - r.total
      from (select pro_id, count(*)::int as n, sum(overall)::int as total from pro_reviews
        where author_id = ${userId} and status = 'published' group by pro_id) r
      where p.user_id = r.pro_id`,
    sql`delete from pro_reviews where author_id = ${userId}`,
    sql`delete from data_exports where user_id = ${userId}`,
    sql`delete from pro_profiles where user_id = ${userId}`,
    sql`delete from automated_decisions where user_id = ${userId}`,
    sql`delete from dossier_invitations where email = ${email} and dossier_id is null`,
    sql`delete from outbox where to_address = ${email} and sent_at is not null`,
  ];
  for (const statement of statements) await db.execute(statement);
}

/**
 * The account row anonymised: what others keep (a firm's client file, the audit log, community posts)
 * still points at it, and shows `name`. The email cannot receive anything, the password matches nothing.
 */
export async function anonymiseUser(
  db: Database,
  userId: string,
  name: { firstName: string; lastName: string },
  now: Date,
): Promise<void> {
  const rows = await db.execute(sql`update users set
      email = ${`deleted+${userId}@deleted.invalid`}, password_hash = '!deleted',
      first_name = ${name.firstName}, last_name = ${name.lastName},
      phone = null, country_of_residence = null, citizenship = null, goals = null,
      notification_preferences = null, email_verified_at = null, email_factor_enabled_at = null,
      sms_factor_phone = null, sms_factor_confirmed_at = null, suspension_reason = null,
      deleted_at = ${now}, updated_at = ${now}
    where id = ${userId} returning id`);
  returnedRow(rows.rows, 'privacy.anonymise_user');
}
