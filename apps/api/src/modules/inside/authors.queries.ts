import { ZLocale, ZUserRole, ZWatchedWordAction } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users, watchedWords } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';
import { rateLimitHitSql } from '../../platform/rate-limit';
import type { WatchedWord } from './inside.filter';
import { ZTime } from './inside.rows';
import { HOUR, type RateLimitKind } from './inside.shared';

/** Statements about who writes: the author's row, their hourly counter, the watched words. */

/** A user as an author, with their account's status. */
export async function authorRow(db: Database, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      status: users.status,
      locale: users.locale,
      firstName: users.firstName,
      lastName: users.lastName,
      createdAt: users.createdAt,
      trustLevel: users.trustLevel,
      silencedUntil: users.silencedUntil,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function watchedWordList(db: Database): Promise<WatchedWord[]> {
  return db
    .select({
      id: watchedWords.id,
      word: watchedWords.word,
      action: watchedWords.action,
      locale: watchedWords.locale,
      tag: watchedWords.tag,
    })
    .from(watchedWords);
}

/** A watched word as `startWriting` builds it in SQL: the same object as a row of `watchedWordList`. */
export const ZWatchedWordJson = z.strictObject({
  id: z.string(),
  word: z.string(),
  action: ZWatchedWordAction,
  locale: ZLocale.nullable(),
  tag: z.string().nullable(),
});

const ZWritingRow = z.object({
  id: z.string(),
  role: ZUserRole,
  status: z.string(),
  locale: ZLocale,
  first_name: z.string(),
  last_name: z.string(),
  created_at: ZTime,
  trust_level: z.number(),
  silenced_until: ZTime.nullable(),
  posts_written: z.number(),
  hits: z.number().nullable(),
  reset_at: ZTime.nullable(),
  watched: z.array(ZWatchedWordJson),
});

/**
 * In one statement: the author's row (with their trust level, silence and posts so far), one hit on
 * their hourly counter of `kind` (not counted for a suspended account) and the watched words. No row when the account is gone.
 */
export async function writingRow(db: Database, userId: string, kind: RateLimitKind, now: Date) {
  const [row] = await selectRows(
    db,
    ZWritingRow,
    sql`
    with actor as (
      select id, role, status, locale, first_name, last_name, created_at, trust_level, silenced_until
      from users where id = ${userId}
    ),
    hit as (${rateLimitHitSql(
      `inside:${kind}:${userId}`,
      HOUR,
      now,
      sql`select 1 from actor where status <> 'suspended'`,
    )})
    select a.*, h.hits, h.reset_at,
      (select count(*)::int from posts p where p.author_id = a.id) as posts_written,
      coalesce((select json_agg(json_build_object('id', w.id, 'word', w.word, 'action', w.action,
        'locale', w.locale, 'tag', w.tag)) from watched_words w), '[]'::json) as watched
    from actor a left join hit h on true`,
    'inside.writing',
  );
  return row;
}
