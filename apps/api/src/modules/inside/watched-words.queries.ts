import type { TLocale, TWatchedWordAction } from '@capitune/contracts';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { watchedWords } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** The statements on watched words (the writers' list is read in authors.queries.ts). */

export type WatchedWordRow = typeof watchedWords.$inferSelect;

/** How a page is ordered: by word, then the list (`''` for both languages, before `en` and `fr`). */
const listKey = sql`coalesce(${watchedWords.locale}::text, '')`;

/**
 * A page of watched words, alphabetically after `after` (one more than `limit` when another follows),
 * of one list (`both`: the rules without a language) and one action if asked.
 */
export async function watchedWordRows(
  db: Database,
  filter: {
    after: [string, string] | null;
    limit: number;
    list?: TLocale | 'both' | undefined;
    action?: TWatchedWordAction | undefined;
  },
) {
  const conditions: SQL[] = [];
  if (filter.after)
    conditions.push(sql`(${watchedWords.word}, ${listKey}) > (${filter.after[0]}, ${filter.after[1]})`);
  if (filter.list === 'both') conditions.push(isNull(watchedWords.locale));
  else if (filter.list) conditions.push(eq(watchedWords.locale, filter.list));
  if (filter.action) conditions.push(eq(watchedWords.action, filter.action));
  return db
    .select()
    .from(watchedWords)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(watchedWords.word), asc(listKey))
    .limit(filter.limit + 1);
}

/** Every watched word, in the order of the pages (the CSV export). */
export async function allWatchedWords(db: Database) {
  return db.select().from(watchedWords).orderBy(asc(watchedWords.word), asc(listKey));
}

export interface WatchedWordValues {
  word: string;
  locale: TLocale | null;
  action: TWatchedWordAction;
  tag: string | null;
}

/** A new watched word; undefined when the word is already watched in this list. */
export async function insertWatchedWord(
  db: Database,
  values: WatchedWordValues & { createdBy: string; now: Date },
): Promise<WatchedWordRow | undefined> {
  const [row] = await db
    .insert(watchedWords)
    .values({
      word: values.word,
      locale: values.locale,
      action: values.action,
      tag: values.tag,
      createdBy: values.createdBy,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function watchedWordForUpdate(db: Database, id: string) {
  const [row] = await db.select().from(watchedWords).where(eq(watchedWords.id, id)).for('update');
  return row;
}

/** Changes a watched word; a word already watched in the list fails on `watched_words_word_locale_unique`. */
export async function updateWatchedWordRow(
  db: Database,
  id: string,
  values: Partial<WatchedWordValues> & { updatedAt: Date },
): Promise<WatchedWordRow | undefined> {
  const [row] = await db.update(watchedWords).set(values).where(eq(watchedWords.id, id)).returning();
  return row;
}

export async function deleteWatchedWordRow(db: Database, id: string): Promise<WatchedWordRow | undefined> {
  const [row] = await db.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
  return row;
}

/**
 * The imported rules, in one statement: new (word, list) pairs added, others changed when their action
 * or tag differs. How many were added and changed.
 */
export async function upsertWatchedWords(
  db: Database,
  rows: WatchedWordValues[],
  by: string,
  now: Date,
): Promise<{ added: number; updated: number }> {
  const [counts] = await selectRows(
    db,
    z.object({ added: z.number(), updated: z.number() }),
    sql`
    with input as (
      select * from unnest(${sql.param(rows.map((r) => r.word))}::text[],
        ${sql.param(rows.map((r) => r.locale))}::text[], ${sql.param(rows.map((r) => r.action))}::text[],
        ${sql.param(rows.map((r) => r.tag))}::text[]) as t(word, locale, action, tag)
    ),
    upserted as (
      insert into watched_words (word, locale, action, tag, created_by, created_at, updated_at)
      select word, locale::locale, action::watched_word_action, tag, ${by}::uuid, ${now}::timestamptz,
        ${now}::timestamptz
      from input
      on conflict (word, locale) do update set action = excluded.action, tag = excluded.tag,
        updated_at = excluded.updated_at
      where (watched_words.action, watched_words.tag) is distinct from (excluded.action, excluded.tag)
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as added, (count(*) filter (where not inserted))::int as updated
    from upserted`,
    'inside.watched_words_import',
  );
  return counts ?? { added: 0, updated: 0 };
}
