import type { TAuthor, TContentStatus, TPostSummary, TUserRole } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { users, watchedWords } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { AuthUser } from '../../lib/tokens';
import type { Database } from '../../platform/db/database';
import { hitRateLimit, rateLimitHitSql, rateLimitResult } from '../../platform/rate-limit';
import type { WatchedWord } from './inside.filter';
import { excerptOf } from './inside.render';

export const HOUR = 60 * 60 * 1000;
export const NEW_ACCOUNT_AGE = 24 * HOUR;

/** Hourly limits; accounts younger than a day get the first number, the others the second. */
export const RATE_LIMITS = {
  post: { newAccount: 3, established: 20 },
  comment: { newAccount: 10, established: 120 },
  flag: { newAccount: 10, established: 30 },
} as const;

/** "Amina D.": the first name and the initial of the last name, never the full name. */
export function displayName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0);
  return initial ? `${firstName} ${initial.toUpperCase()}.` : firstName;
}

export function toAuthor(row: { id: string; firstName: string; lastName: string; role: TUserRole }): TAuthor {
  return { id: row.id, displayName: displayName(row.firstName, row.lastName), role: row.role };
}

export interface Actor {
  id: string;
  role: TUserRole;
  locale: 'fr' | 'en';
  firstName: string;
  lastName: string;
  createdAt: Date;
}

/**
 * The user who writes, read from the database: a suspended account is refused even while its last
 * access token is still valid.
 */
export async function loadActor(db: Database, user: AuthUser): Promise<Actor> {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      status: users.status,
      locale: users.locale,
      firstName: users.firstName,
      lastName: users.lastName,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, user.id));
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (row.status === 'suspended') throw new AppError('ACCOUNT_SUSPENDED');
  return row;
}

/** The actor's hourly limit for an action: new accounts get the smaller one. */
function limitFor(actor: Actor, kind: keyof typeof RATE_LIMITS, now: Date): number {
  const isNew = now.getTime() - actor.createdAt.getTime() < NEW_ACCOUNT_AGE;
  return isNew ? RATE_LIMITS[kind].newAccount : RATE_LIMITS[kind].established;
}

/** Counts one action against the actor's hourly limit; new accounts get the smaller one. */
export async function assertWithinRate(deps: AppDeps, actor: Actor, kind: keyof typeof RATE_LIMITS) {
  const now = deps.clock.now();
  const limit = limitFor(actor, kind, now);
  const result = await hitRateLimit(deps.db, `inside:${kind}:${actor.id}`, { limit, windowMs: HOUR }, now);
  if (!result.allowed) {
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: result.retryAfterSeconds });
  }
}

/**
 * What writing a post or a comment needs before it writes, in one statement: the actor (as
 * {@link loadActor}: a missing or suspended account is refused, and not counted), one action counted
 * against their hourly limit (as {@link assertWithinRate}), and the watched words.
 */
export async function startWriting(
  deps: AppDeps,
  user: AuthUser,
  kind: 'post' | 'comment',
): Promise<{ actor: Actor; watched: WatchedWord[] }> {
  const now = deps.clock.now();
  const result = await deps.db.execute<{
    id: string;
    role: TUserRole;
    status: string;
    locale: 'fr' | 'en';
    first_name: string;
    last_name: string;
    created_at: Date;
    hits: number | null;
    reset_at: Date | null;
    watched: WatchedWord[];
  }>(sql`
    with actor as (
      select id, role, status, locale, first_name, last_name, created_at from users where id = ${user.id}
    ),
    hit as (${rateLimitHitSql(
      `inside:${kind}:${user.id}`,
      HOUR,
      now,
      sql`select 1 from actor where status <> 'suspended'`,
    )})
    select a.*, h.hits, h.reset_at,
      coalesce((select json_agg(json_build_object('word', w.word, 'action', w.action)) from watched_words w),
        '[]'::json) as watched
    from actor a left join hit h on true`);
  const row = result.rows[0];
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (row.status === 'suspended') throw new AppError('ACCOUNT_SUSPENDED');
  const actor: Actor = {
    id: row.id,
    role: row.role,
    locale: row.locale,
    firstName: row.first_name,
    lastName: row.last_name,
    createdAt: new Date(row.created_at),
  };
  if (row.hits === null || row.reset_at === null) throw new Error('rate limit upsert returned nothing');
  // The limit depends on the account's age, known only once it is read; the hit does not.
  const rule = { limit: limitFor(actor, kind, now), windowMs: HOUR };
  const verdict = rateLimitResult({ hits: row.hits, reset_at: row.reset_at }, rule, now);
  if (!verdict.allowed) {
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: verdict.retryAfterSeconds });
  }
  return { actor, watched: row.watched };
}

export async function loadWatchedWords(db: Database): Promise<WatchedWord[]> {
  return db.select({ word: watchedWords.word, action: watchedWords.action }).from(watchedWords);
}

/** The columns of a post summary, selected by every list query (the body is cut in SQL). */
export const postSummarySql = sql`
  p.id, p.title, substring(p.body_text for 400) as body_start, p.category, p.tags, p.language, p.status,
  p.like_count, p.comment_count, p.hot_score, p.created_at, p.edited_at, p.author_id,
  u.first_name as author_first_name, u.last_name as author_last_name, u.role as author_role`;

export type PostSummaryRow = {
  id: string;
  title: string;
  body_start: string;
  category: TPostSummary['category'];
  tags: string[];
  language: 'fr' | 'en';
  status: TContentStatus;
  like_count: number;
  comment_count: number;
  hot_score: number;
  created_at: Date;
  edited_at: Date | null;
  author_id: string;
  author_first_name: string;
  author_last_name: string;
  author_role: TUserRole;
};

export function toPostSummary(row: PostSummaryRow, likedByMe: boolean): TPostSummary {
  return {
    id: row.id,
    title: row.title,
    excerpt: excerptOf(row.body_start),
    category: row.category,
    tags: row.tags,
    language: row.language,
    author: toAuthor({
      id: row.author_id,
      firstName: row.author_first_name,
      lastName: row.author_last_name,
      role: row.author_role,
    }),
    status: row.status,
    likeCount: row.like_count,
    commentCount: row.comment_count,
    likedByMe,
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
  };
}

/** Which of these posts the viewer liked: one query for a whole page. */
export async function likedPostIds(db: Database, viewerId: string | undefined, postIds: string[]) {
  if (!viewerId || postIds.length === 0) return new Set<string>();
  const result = await db.execute<{ post_id: string }>(
    sql`select post_id from post_likes where user_id = ${viewerId} and post_id in ${postIds}`,
  );
  return new Set(result.rows.map((row) => row.post_id));
}

export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
/** A search rank, compared as `real` (float4): a larger double would overflow it in the query. */
export const isRank = (value: unknown): value is number =>
  isFiniteNumber(value) && Number.isFinite(Math.fround(value));
