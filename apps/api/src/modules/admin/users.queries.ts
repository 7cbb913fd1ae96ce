import type { TAdminUserRole, TAdminUserStatus } from '@capitune/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Cursor } from '../../lib/cursor';
import { isoTime, likeLiteral } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** Every statement of the admin console's user list and member page, and of merging two accounts. */

// ---------------------------------------------------------------------------------------------------
// The list

export interface UserListFilter {
  /** The search words, lowercased and without accents. */
  q?: string | undefined;
  role?: TAdminUserRole | undefined;
  status?: TAdminUserStatus | undefined;
  tag?: string | undefined;
  signedUpFrom?: Date | undefined;
  signedUpTo?: Date | undefined;
}

const ZUserListRow = z.object({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  role: z.enum(['candidate', 'pro', 'admin']),
  status: z.enum(['active', 'suspended']),
  banned: z.boolean(),
  email_verified: z.boolean(),
  firm_id: z.string().nullable(),
  firm_name: z.string().nullable(),
  created_at: z.string(),
  /** The sign-up time with PostgreSQL's microseconds, for the cursor (a Date keeps milliseconds only). */
  created_key: z.string(),
  tags: z.array(z.string()),
});
export type UserListRow = z.infer<typeof ZUserListRow>;

/** `%text%` for LIKE, its wildcards escaped. */
const containing = (text: string) => `%${likeLiteral(text)}%`;

const statusCondition: Record<TAdminUserStatus, SQL> = {
  active: sql`u.status = 'active'`,
  // Written as the partial index `users_suspended_idx` is, for the planner to use it.
  suspended: sql`u.status = 'suspended' and u.banned_at is null`,
  banned: sql`u.status = 'suspended' and u.banned_at is not null`,
};

/**
 * The filter as conditions on `users u`, shared by the list and by a batch's selection so that a filter
 * means the same in both. The search words are contained in the name and email without accents
 * (`users.search_text`, trigram index), in the firm's name or in the licence number (trigram indexes):
 * one OR the planner answers with a union of index scans, the matches then ordered.
 */
export function userFilterConditions(filter: UserListFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = containing(filter.q);
    conditions.push(sql`(u.search_text like ${pattern}
      or u.organisation_id = any(array(
        select fo.id from organisations fo where f_unaccent(lower(fo.name)) like ${pattern}))
      or u.id = any(array(
        select pv.user_id from pro_verifications pv where lower(pv.licence_number) like ${pattern})))`);
  }
  if (filter.role) conditions.push(sql`u.role = ${filter.role}`);
  if (filter.status) conditions.push(statusCondition[filter.status]);
  if (filter.tag)
    conditions.push(sql`u.id in (select ut.user_id from user_tags ut where ut.tag = ${filter.tag})`);
  if (filter.signedUpFrom) conditions.push(sql`u.created_at >= ${filter.signedUpFrom}`);
  if (filter.signedUpTo) conditions.push(sql`u.created_at <= ${filter.signedUpTo}`);
  return conditions;
}

/**
 * A page of the user list, newest sign-ups first (`created_at desc, id desc`, keyset on both), one row
 * more than `limit` to tell whether another page follows. One statement: the firm joined, the tags
 * aggregated per row. The search runs on the trigram index (name and email), the firms' names and the
 * licence numbers, and the rows it finds are then filtered and ordered.
 */
export async function userListPage(
  db: Database,
  filter: UserListFilter,
  after: Cursor | null,
  limit: number,
): Promise<UserListRow[]> {
  const conditions = userFilterConditions(filter);
  if (after) conditions.push(sql`(u.created_at, u.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  return selectRows(
    db,
    ZUserListRow,
    sql`
    select u.id, u.first_name, u.last_name, u.email::text as email, u.role, u.status,
      u.banned_at is not null as banned, u.email_verified_at is not null as email_verified,
      o.id as firm_id, o.name as firm_name, ${isoTime(sql`u.created_at`)} as created_at,
      to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key,
      coalesce((select array_agg(t.tag order by t.tag) from user_tags t where t.user_id = u.id), '{}') as tags
    from users u
    left join organisations o on o.id = u.organisation_id
    ${where}
    order by u.created_at desc nulls last, u.id desc nulls last
    limit ${limit + 1}`,
    'admin user list',
  );
}

// ---------------------------------------------------------------------------------------------------
// The member's page

const ZMemberProfileRow = z.object({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  email_verified: z.boolean(),
  locale: z.enum(['fr', 'en']),
  phone: z.string().nullable(),
  country_of_residence: z.string().nullable(),
  role: z.enum(['candidate', 'pro', 'admin']),
  status: z.enum(['active', 'suspended']),
  suspended_until: z.string().nullable(),
  suspension_reason: z.string().nullable(),
  banned_at: z.string().nullable(),
  trust_level: z.number(),
  silenced_until: z.string().nullable(),
  created_at: z.string(),
  firm_id: z.string().nullable(),
  firm_name: z.string().nullable(),
  tags: z.array(z.string()),
  totp: z.boolean(),
  passkeys: z.number(),
  email_factor: z.boolean(),
  sms_factor: z.boolean(),
  recovery_codes_left: z.number(),
});
export type MemberProfileRow = z.infer<typeof ZMemberProfileRow>;

/** The member's profile, firm, tags and second factors (counts and flags, never a secret). */
export async function memberProfile(db: Database, userId: string): Promise<MemberProfileRow | undefined> {
  const [row] = await selectRows(
    db,
    ZMemberProfileRow,
    sql`
    select u.id, u.first_name, u.last_name, u.email::text as email,
      u.email_verified_at is not null as email_verified, u.locale, u.phone, u.country_of_residence,
      u.role, u.status, ${isoTime(sql`u.suspended_until`)} as suspended_until, u.suspension_reason,
      ${isoTime(sql`u.banned_at`)} as banned_at, u.trust_level::int as trust_level,
      ${isoTime(sql`u.silenced_until`)} as silenced_until, ${isoTime(sql`u.created_at`)} as created_at, o.id as firm_id, o.name as firm_name,
      coalesce((select array_agg(t.tag order by t.tag) from user_tags t where t.user_id = u.id), '{}') as tags,
      exists (select 1 from totp_factors tf where tf.user_id = u.id and tf.confirmed_at is not null) as totp,
      (select count(*)::int from passkeys pk where pk.user_id = u.id) as passkeys,
      u.email_factor_enabled_at is not null as email_factor,
      u.sms_factor_confirmed_at is not null as sms_factor,
      (select count(*)::int from recovery_codes rc where rc.user_id = u.id and rc.used_at is null)
        as recovery_codes_left
    from users u
    left join organisations o on o.id = u.organisation_id
    where u.id = ${userId}`,
    'admin member profile',
  );
  return row;
}

const ZMemberSessionRow = z.object({
  id: z.string(),
  user_agent: z.string().nullable(),
  country: z.string().nullable(),
  factor: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string(),
});
export type MemberSessionRow = z.infer<typeof ZMemberSessionRow>;

/** The member's open sessions, most recently used first. */
export async function memberSessions(db: Database, userId: string, now: Date): Promise<MemberSessionRow[]> {
  return selectRows(
    db,
    ZMemberSessionRow,
    sql`select id, user_agent, country, factor, ${isoTime(sql`created_at`)} as created_at,
      ${isoTime(sql`last_used_at`)} as last_used_at from sessions
    where user_id = ${userId} and revoked_at is null and expires_at > ${now}
    order by last_used_at desc limit 50`,
    'admin member sessions',
  );
}

const ZDossierCountRow = z.object({
  kind: z.enum(['owned', 'firm']),
  status: z.enum(['draft', 'preparing', 'submitted', 'processing', 'approved', 'refused', 'closed']),
  count: z.number(),
});
export type DossierCountRow = z.infer<typeof ZDossierCountRow>;

/** How many dossiers per status the member owns, and (a pro) their firm is assigned. Counts only. */
export async function memberDossierCounts(
  db: Database,
  userId: string,
  firmId: string | null,
): Promise<DossierCountRow[]> {
  return selectRows(
    db,
    ZDossierCountRow,
    sql`
    select 'owned' as kind, status, count(*)::int as count from dossiers where owner_id = ${userId} group by status
    union all
    select 'firm' as kind, status, count(*)::int as count from dossiers
      where organisation_id = ${firmId}::uuid group by status
    order by kind, status`,
    'admin member dossier counts',
  );
}

const ZHistoryRow = z.object({
  id: z.number(),
  action: z.string(),
  actor_id: z.string().nullable(),
  actor_first_name: z.string().nullable(),
  actor_last_name: z.string().nullable(),
  reason: z.string().nullable(),
  created_at: z.string(),
});
export type HistoryRow = z.infer<typeof ZHistoryRow>;

/** The last 50 audit entries whose subject is the member (`audit_log_target_idx`), newest first. */
export async function memberHistory(db: Database, userId: string): Promise<HistoryRow[]> {
  return selectRows(
    db,
    ZHistoryRow,
    sql`
    select e.id, e.action, e.actor_id, a.first_name as actor_first_name, a.last_name as actor_last_name,
      coalesce(e.after->>'reason', e.after->>'note') as reason, ${isoTime(sql`e.created_at`)} as created_at
    from (select * from audit_log where subject_id = ${userId} order by id desc limit 50) e
    left join users a on a.id = e.actor_id
    order by e.id desc`,
    'admin member history',
  );
}

const ZEmailRow = z.object({
  id: z.string(),
  template: z.string(),
  subject: z.string(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});
export type EmailRow = z.infer<typeof ZEmailRow>;

/** The last 50 emails to the member's address (`outbox_recipient_idx`), without their bodies. */
export async function memberEmails(db: Database, email: string): Promise<EmailRow[]> {
  return selectRows(
    db,
    ZEmailRow,
    sql`select id, template, subject, ${isoTime(sql`created_at`)} as created_at,
      ${isoTime(sql`sent_at`)} as sent_at from outbox
    where to_address = ${email} order by created_at desc limit 50`,
    'admin member emails',
  );
}

// ---------------------------------------------------------------------------------------------------
// Role, merge, dossier summary

export async function setRole(db: Database, userId: string, role: TAdminUserRole, now: Date): Promise<void> {
  await db.execute(sql`update users set role = ${role}, updated_at = ${now} where id = ${userId}`);
}

const ZMoved = z.object({
  dossiers: z.number(),
  posts: z.number(),
  comments: z.number(),
  notifications: z.number(),
  tags: z.number(),
});
export type MovedCounts = z.infer<typeof ZMoved>;

/**
 * Moves what the duplicate account owns into the kept one: dossiers it owns (with their chat read
 * marks), Inside posts and comments, notifications, tags. Likes, flags and messages written stay with
 * the duplicate: they record what that account did. One statement (PostgreSQL runs every data-changing
 * part of a WITH once, read or not).
 */
export async function moveAccountContent(
  db: Database,
  keepId: string,
  duplicateId: string,
  now: Date,
): Promise<MovedCounts> {
  const [row] = await selectRows(
    db,
    ZMoved,
    sql`
    with moved_dossiers as (
      update dossiers set owner_id = ${keepId}, updated_at = ${now} where owner_id = ${duplicateId} returning id
    ), moved_reads as (
      update message_reads set user_id = ${keepId}
      where user_id = ${duplicateId} and dossier_id in (select id from moved_dossiers) returning 1
    ), moved_posts as (
      update posts set author_id = ${keepId} where author_id = ${duplicateId} returning 1
    ), moved_comments as (
      update comments set author_id = ${keepId} where author_id = ${duplicateId} returning 1
    ), moved_notifications as (
      update notifications set user_id = ${keepId} where user_id = ${duplicateId} returning 1
    ), copied_tags as (
      insert into user_tags (user_id, tag, created_by, created_at)
      select ${keepId}, tag, created_by, created_at from user_tags where user_id = ${duplicateId}
      on conflict do nothing returning 1
    )
    select (select count(*)::int from moved_dossiers) as dossiers,
      (select count(*)::int from moved_posts) as posts,
      (select count(*)::int from moved_comments) as comments,
      (select count(*)::int from moved_notifications) as notifications,
      (select count(*)::int from copied_tags) as tags`,
    'merge accounts',
  );
  if (!row) return { dossiers: 0, posts: 0, comments: 0, notifications: 0, tags: 0 };
  return row;
}

const ZDossierSummaryRow = z.object({
  id: z.string(),
  program_id: z.string(),
  program_name: z.object({ fr: z.string(), en: z.string() }),
  status: z.enum(['draft', 'preparing', 'submitted', 'processing', 'approved', 'refused', 'closed']),
  owner_id: z.string(),
  owner_first_name: z.string(),
  owner_last_name: z.string(),
  firm_id: z.string().nullable(),
  firm_name: z.string().nullable(),
  document_count: z.number(),
  message_count: z.number(),
  created_at: z.string(),
});
export type DossierSummaryRow = z.infer<typeof ZDossierSummaryRow>;

/** A dossier as the admin sees it: program, status, owner, firm and counts, never a document or a message. */
export async function dossierSummary(
  db: Database,
  dossierId: string,
): Promise<DossierSummaryRow | undefined> {
  const [row] = await selectRows(
    db,
    ZDossierSummaryRow,
    sql`
    select d.id, d.program_id, p.name as program_name, d.status, d.owner_id,
      w.first_name as owner_first_name, w.last_name as owner_last_name,
      o.id as firm_id, o.name as firm_name,
      (select count(*)::int from documents doc where doc.dossier_id = d.id) as document_count,
      (select count(*)::int from messages m where m.dossier_id = d.id) as message_count,
      ${isoTime(sql`d.created_at`)} as created_at
    from dossiers d
    join programs p on p.id = d.program_id
    join users w on w.id = d.owner_id
    left join organisations o on o.id = d.organisation_id
    where d.id = ${dossierId}`,
    'admin dossier summary',
  );
  return row;
}
