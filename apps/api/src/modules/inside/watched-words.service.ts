import { type TWatchedWord, type TWatchedWordAction, ZLine } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, isUniqueViolation } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import { toWatchedWord } from './inside.mappers';
import {
  deleteWatchedWordRow,
  insertWatchedWord,
  updateWatchedWordRow,
  watchedWordForUpdate,
  watchedWordRows,
} from './watched-words.queries';

/** The admins' watched words: `block` refuses a text, `hold` publishes it for review only. */

export async function listWatchedWords(
  deps: AppDeps,
  caller: Caller,
  page: { cursor?: string | undefined; limit: number },
) {
  requireRole(caller, 'admin');
  const after = page.cursor
    ? decodeCursor(page.cursor, (v): v is [string] => ZLine.safeParse(v[0]).success)[0]
    : null;
  const rows = await watchedWordRows(deps.db, after, page.limit);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toWatchedWord),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.word]) : null,
  };
}

/** A CONFLICT on the word field (not a validation failure: the word is well formed, and taken). */
const duplicateWord = () =>
  new AppError('CONFLICT', 'This word is already watched', {
    fieldErrors: [{ path: 'body.word', message: 'Already watched', code: 'duplicate' }],
  });

export async function createWatchedWord(
  deps: AppDeps,
  caller: Caller,
  body: { word: string; action: TWatchedWordAction },
): Promise<TWatchedWord> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const row = await insertWatchedWord(tx.db, { ...body, createdBy: caller.id, now });
    if (!row) throw duplicateWord();
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'watched_word.created',
      subjectType: 'watched_word',
      subjectId: row.id,
      after: { word: row.word, action: row.action },
      ip: caller.ip ?? null,
    });
    return toWatchedWord(row);
  });
}

export async function updateWatchedWord(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: { word?: string | undefined; action?: TWatchedWordAction | undefined },
): Promise<TWatchedWord> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const before = await watchedWordForUpdate(tx.db, id);
    if (!before) throw new AppError('NOT_FOUND', 'No such watched word');
    const row = await updateWatchedWordRow(tx.db, id, {
      ...(body.word ? { word: body.word } : {}),
      ...(body.action ? { action: body.action } : {}),
      updatedAt: now,
    })
      // The index decides, so that two renames to the same word at once are told apart too.
      .catch((error: unknown) => {
        throw isUniqueViolation(error, 'watched_words_word_unique') ? duplicateWord() : error;
      });
    if (!row) throw new AppError('NOT_FOUND', 'No such watched word');
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'watched_word.updated',
      subjectType: 'watched_word',
      subjectId: row.id,
      before: { word: before.word, action: before.action },
      after: { word: row.word, action: row.action },
      ip: caller.ip ?? null,
    });
    return toWatchedWord(row);
  });
}

export async function deleteWatchedWord(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  requireRole(caller, 'admin');
  await withTransaction(deps.pool, async (tx) => {
    const row = await deleteWatchedWordRow(tx.db, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such watched word');
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'watched_word.deleted',
      subjectType: 'watched_word',
      subjectId: row.id,
      before: { word: row.word, action: row.action },
      ip: caller.ip ?? null,
    });
  });
}
