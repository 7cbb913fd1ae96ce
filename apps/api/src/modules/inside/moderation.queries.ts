import { type TFlagTargetType, ZFlagReason, ZFlagTargetType, ZUserRole } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { comments, posts, proReviews, users } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';
import { ZTime } from './inside.rows';

/** The statements of moderation: flags, the queue, the state of what is moderated, its author's account. */

export type ModeratedStatus = 'published' | 'held' | 'hidden';

/** A review's row, locked (in a transaction). */
export async function reviewRowForUpdate(db: Database, reviewId: string) {
  const [review] = await db.select().from(proReviews).where(eq(proReviews.id, reviewId)).for('update');
  return review;
}

export interface ModerationState {
  status?: ModeratedStatus;
  moderationReason?: string | null;
  heldWord?: string | null;
  needsReviewAt?: Date | null;
}

/** Sets a review's moderation columns (reviews are never held: they have no held word). */
export async function updateReviewState(
  db: Database,
  reviewId: string,
  state: Omit<ModerationState, 'heldWord'>,
) {
  await db
    .update(proReviews)
    .set(state as Partial<typeof proReviews.$inferInsert>)
    .where(eq(proReviews.id, reviewId));
}

/** Sets a post's or a comment's moderation columns. */
export async function updateContentState(
  db: Database,
  type: 'post' | 'comment',
  id: string,
  state: ModerationState,
) {
  const table = type === 'post' ? posts : comments;
  await db.update(table).set(state).where(eq(table.id, id));
}

/** Where an email to a user goes. */
export async function emailRecipient(db: Database, userId: string) {
  const [author] = await db
    .select({ email: users.email, firstName: users.firstName, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  return author;
}

/** A user's account, locked (in a transaction): a decision on it is serialised. */
export async function accountForUpdate(db: Database, userId: string) {
  const [author] = await db
    .select({ id: users.id, role: users.role, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  return author;
}

export async function accountStatus(db: Database, userId: string) {
  const [author] = await db.select({ status: users.status }).from(users).where(eq(users.id, userId));
  return author?.status;
}

export async function suspendAccount(db: Database, userId: string, now: Date) {
  await db.update(users).set({ status: 'suspended', updatedAt: now }).where(eq(users.id, userId));
}

// ---------------------------------------------------------------------------------------------------
// Flags

/** A new open flag; false when the user already has one open on this target. */
export async function insertFlag(
  db: Database,
  flag: {
    targetType: TFlagTargetType;
    targetId: string;
    userId: string;
    reason: string;
    note: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rows = await selectRows(
    db,
    z.object({ id: z.string() }),
    sql`
      insert into flags (target_type, target_id, user_id, reason, note, created_at)
      values (${flag.targetType}, ${flag.targetId}, ${flag.userId}, ${flag.reason}, ${flag.note}, ${flag.now})
      on conflict (target_type, target_id, user_id) where resolved_at is null do nothing
      returning id`,
    'inside.insert_flag',
  );
  return rows.length > 0;
}

/** How many distinct people have an open flag on this target. */
export async function openFlaggers(db: Database, targetType: TFlagTargetType, targetId: string) {
  const [row] = await selectRows(
    db,
    z.object({ flaggers: z.number() }),
    sql`
      select count(distinct user_id)::int as flaggers from flags
      where target_type = ${targetType} and target_id = ${targetId} and resolved_at is null`,
    'inside.open_flaggers',
  );
  return row?.flaggers ?? 0;
}

/** Closes the open flags of a target with a resolution; how many were closed. */
export async function resolveFlags(
  db: Database,
  input: { targetType: TFlagTargetType; targetId: string; resolution: string; by: string; now: Date },
) {
  const resolved = await db.execute(sql`
        update flags set resolved_at = ${input.now}, resolution = ${input.resolution}, resolved_by = ${input.by}
        where target_type = ${input.targetType} and target_id = ${input.targetId} and resolved_at is null`);
  return resolved.rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// The queue

const ZQueueRow = z.object({
  target_type: ZFlagTargetType,
  id: z.string(),
  post_id: z.string().nullable(),
  pro_slug: z.string().nullable(),
  title: z.string(),
  body_html: z.string(),
  status: z.enum(['published', 'held', 'hidden']),
  moderation_reason: z.string().nullable(),
  held_word: z.string().nullable(),
  created_at: ZTime,
  needs_review_at: ZTime,
  author_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  role: ZUserRole,
  author_status: z.enum(['active', 'suspended']),
});
export type QueueRow = z.infer<typeof ZQueueRow>;

/**
 * A page of what waits for a decision, oldest first, after (needs_review_at, id): posts, comments and
 * reviews together, or one kind (one more row than `limit` when another page follows).
 */
export async function queueRows(
  db: Database,
  page: { after: { at: Date; id: string } | null; limit: number; targetType?: TFlagTargetType | undefined },
): Promise<QueueRow[]> {
  const { after } = page;
  const postsAfter = after
    ? sql`and (p.needs_review_at, p.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const commentsAfter = after
    ? sql`and (c.needs_review_at, c.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const limit = page.limit + 1;
  const reviewsAfter = after
    ? sql`and (r.needs_review_at, r.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const postPart = sql`(select 'post'::text as target_type, p.id, p.id as post_id, null::text as pro_slug,
      p.title, p.body_html, p.status::text, p.moderation_reason, p.held_word, p.created_at, p.needs_review_at, p.author_id
    from posts p where p.needs_review_at is not null and p.deleted_at is null ${postsAfter}
    order by p.needs_review_at, p.id limit ${limit})`;
  const commentPart = sql`(select 'comment'::text as target_type, c.id, c.post_id, null::text as pro_slug,
      p.title, c.body_html, c.status::text, c.moderation_reason, c.held_word, c.created_at, c.needs_review_at, c.author_id
    from comments c join posts p on p.id = c.post_id
    where c.needs_review_at is not null and c.deleted_at is null ${commentsAfter}
    order by c.needs_review_at, c.id limit ${limit})`;
  // A review's text is plain: the mapper shows it as escaped HTML.
  const reviewPart = sql`(select 'review'::text as target_type, r.id, null::uuid as post_id, pp.slug as pro_slug,
      pu.first_name || ' ' || pu.last_name as title, r.body as body_html, r.status::text, r.moderation_reason,
      null::text as held_word, r.created_at, r.needs_review_at, r.author_id
    from pro_reviews r join users pu on pu.id = r.pro_id join pro_profiles pp on pp.user_id = r.pro_id
    where r.needs_review_at is not null ${reviewsAfter}
    order by r.needs_review_at, r.id limit ${limit})`;
  const parts =
    page.targetType === 'post'
      ? postPart
      : page.targetType === 'comment'
        ? commentPart
        : page.targetType === 'review'
          ? reviewPart
          : sql`${postPart} union all ${commentPart} union all ${reviewPart}`;
  return selectRows(
    db,
    ZQueueRow,
    sql`
    select q.*, u.first_name, u.last_name, u.role, u.status as author_status
    from (${parts}) q join users u on u.id = q.author_id
    order by q.needs_review_at, q.id
    limit ${limit}`,
    'inside.moderation_queue',
  );
}

/** The open flags of these targets counted by reason, most frequent first. */
export async function openFlagReasons(db: Database, targetIds: string[]) {
  return selectRows(
    db,
    z.object({ target_id: z.string(), reason: ZFlagReason, count: z.number() }),
    sql`
      select target_id, reason, count(*)::int as count from flags
      where resolved_at is null and ${anyOf(sql`target_id`, targetIds)}
      group by target_id, reason order by target_id, count desc, reason`,
    'inside.open_flag_reasons',
  );
}

/** The last five notes of the open flags of these targets, newest first. */
export async function openFlagNotes(db: Database, targetIds: string[]) {
  return selectRows(
    db,
    z.object({ target_id: z.string(), note: z.string() }),
    sql`
      select target_id, note from (
        select target_id, note, row_number() over (partition by target_id order by created_at desc, id desc) as n
        from flags where resolved_at is null and note is not null and ${anyOf(sql`target_id`, targetIds)}) f
      where n <= 5 order by target_id, n`,
    'inside.open_flag_notes',
  );
}
