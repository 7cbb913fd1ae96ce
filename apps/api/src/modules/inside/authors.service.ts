import type { AppDeps } from '../../deps';
import { AppError, InvariantError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { hitRateLimit, rateLimitResult } from '../../platform/rate-limit';
import type { Caller } from '../access';
import { authorRow, watchedWordList, writingRow } from './authors.queries';
import type { WatchedWord } from './inside.filter';
import { type Author, HOUR, limitFor, type RateLimitKind } from './inside.shared';

/**
 * The caller as an author, read from the database: a suspended account is refused even while its last
 * access token is still valid.
 */
export async function loadAuthor(db: Database, caller: Caller): Promise<Author> {
  const row = await authorRow(db, caller.id);
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (row.status === 'suspended') throw new AppError('ACCOUNT_SUSPENDED');
  const { status: _, ...author } = row;
  return author;
}

export const loadWatchedWords = (db: Database): Promise<WatchedWord[]> => watchedWordList(db);

/** Counts one action against the author's hourly limit; new accounts get the smaller one. */
export async function assertWithinRate(deps: AppDeps, author: Author, kind: RateLimitKind) {
  const now = deps.clock.now();
  const limit = limitFor(author, kind, now);
  const result = await hitRateLimit(deps.db, `inside:${kind}:${author.id}`, { limit, windowMs: HOUR }, now);
  if (!result.allowed) {
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: result.retryAfterSeconds });
  }
}

/**
 * What writing a post or a comment needs before it writes, in one statement: the author (as
 * {@link loadAuthor}: a missing or suspended account is refused, and not counted), one action counted
 * against their hourly limit (as {@link assertWithinRate}), and the watched words.
 */
export async function startWriting(
  deps: AppDeps,
  caller: Caller,
  kind: 'post' | 'comment',
): Promise<{ author: Author; watched: WatchedWord[]; postsWritten: number }> {
  const now = deps.clock.now();
  const row = await writingRow(deps.db, caller.id, kind, now);
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (row.status === 'suspended') throw new AppError('ACCOUNT_SUSPENDED');
  const author: Author = {
    id: row.id,
    role: row.role,
    locale: row.locale,
    firstName: row.first_name,
    lastName: row.last_name,
    createdAt: new Date(row.created_at),
    trustLevel: row.trust_level,
    silencedUntil: row.silenced_until === null ? null : new Date(row.silenced_until),
  };
  const { hits, reset_at } = row;
  if (hits === null || reset_at === null) throw new InvariantError('rate limit upsert returned nothing');
  // The limit depends on the account's age and trust, known only once it is read; the hit does not.
  const rule = { limit: limitFor(author, kind, now), windowMs: HOUR };
  const verdict = rateLimitResult({ hits, reset_at }, rule, now);
  if (!verdict.allowed) {
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: verdict.retryAfterSeconds });
  }
  return { author, watched: row.watched, postsWritten: row.posts_written };
}
