import type { TWatchedWordAction } from '@capitune/contracts';
import { and, asc, eq, gt } from 'drizzle-orm';
import { watchedWords } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** The statements on watched words (the writers' list is read in authors.queries.ts). */

export type WatchedWordRow = typeof watchedWords.$inferSelect;

/** A page of watched words, alphabetically after `after` (one more than `limit` when another follows). */
export async function watchedWordRows(db: Database, after: string | null, limit: number) {
  return db
    .select()
    .from(watchedWords)
    .where(after === null ? undefined : gt(watchedWords.word, after))
    .orderBy(asc(watchedWords.word))
    .limit(limit + 1);
}

/** A new watched word; undefined when the word is already watched. */
export async function insertWatchedWord(
  db: Database,
  values: { word: string; action: TWatchedWordAction; createdBy: string; now: Date },
): Promise<WatchedWordRow | undefined> {
  const [row] = await db
    .insert(watchedWords)
    .values({
      word: values.word,
      action: values.action,
      createdBy: values.createdBy,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoNothing({ target: watchedWords.word })
    .returning();
  return row;
}

export async function watchedWordForUpdate(db: Database, id: string) {
  const [row] = await db.select().from(watchedWords).where(eq(watchedWords.id, id)).for('update');
  return row;
}

/** Changes a watched word; a word already watched fails on the unique index `watched_words_word_unique`. */
export async function updateWatchedWordRow(
  db: Database,
  id: string,
  values: { word?: string; action?: TWatchedWordAction; updatedAt: Date },
): Promise<WatchedWordRow | undefined> {
  const [row] = await db.update(watchedWords).set(values).where(eq(watchedWords.id, id)).returning();
  return row;
}

export async function deleteWatchedWordRow(db: Database, id: string): Promise<WatchedWordRow | undefined> {
  const [row] = await db
    .delete(watchedWords)
    .where(and(eq(watchedWords.id, id)))
    .returning();
  return row;
}
