import type { TLocale, TUserRole } from '@capitune/contracts';
import type { Caller } from '../access';

export const HOUR = 60 * 60 * 1000;
export const NEW_ACCOUNT_AGE = 24 * HOUR;

/** Hourly limits; accounts younger than a day and new members (trust level 0) get the first number. */
export const RATE_LIMITS = {
  post: { newAccount: 3, established: 20 },
  comment: { newAccount: 10, established: 120 },
  flag: { newAccount: 10, established: 30 },
} as const;

export type RateLimitKind = keyof typeof RATE_LIMITS;

/** "Amina D.": the first name and the initial of the last name, never the full name. */
export function displayName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0);
  return initial ? `${firstName} ${initial.toUpperCase()}.` : firstName;
}

/**
 * The author of a post, a comment or a flag, read from the database when they write: the caller's names,
 * language and account age (which decides their hourly limits). Not a caller: the caller is `Caller`.
 */
export interface Author {
  id: string;
  role: TUserRole;
  locale: TLocale;
  firstName: string;
  lastName: string;
  createdAt: Date;
  /** Stored trust level (0 new, 1 member, 2 trusted); see trust.service.ts. */
  trustLevel: number;
  /** Silenced by a watched word until then. */
  silencedUntil: Date | null;
}

/** The author's hourly limit for an action: accounts younger than a day and new members get the smaller one. */
export function limitFor(author: Author, kind: RateLimitKind, now: Date): number {
  const isNew =
    now.getTime() - author.createdAt.getTime() < NEW_ACCOUNT_AGE ||
    (author.role === 'candidate' && author.trustLevel === 0);
  return isNew ? RATE_LIMITS[kind].newAccount : RATE_LIMITS[kind].established;
}

/** Where a post (and one of its comments) is read. */
export const postLink = (postId: string, commentId?: string) =>
  `/inside/${postId}${commentId ? `#comment-${commentId}` : ''}`;

/** Whether the viewer may see this post: published, or their own, or an admin (not deleted, for anyone). */
export function canSeePost(
  post: { status: string; authorId: string; deletedAt: Date | string | null },
  viewer: Caller | null,
) {
  if (post.deletedAt) return false;
  return post.status === 'published' || post.authorId === viewer?.id || viewer?.role === 'admin';
}

/** The same for a comment. */
export function canSeeComment(
  comment: { status: string; authorId: string; deletedAt: Date | string | null },
  viewer: Caller | null,
) {
  if (comment.deletedAt) return false;
  return comment.status === 'published' || comment.authorId === viewer?.id || viewer?.role === 'admin';
}

export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
/** A search rank, compared as `real` (float4): a larger double would overflow it in the query. */
export const isRank = (value: unknown): value is number =>
  isFiniteNumber(value) && Number.isFinite(Math.fround(value));
