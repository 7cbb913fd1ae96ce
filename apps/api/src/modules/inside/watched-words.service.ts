import {
  defaultLocale,
  type TLocale,
  type TModerationTestResult,
  type TWatchedWord,
  type TWatchedWordAction,
  type TWatchedWordImportResult,
  ZLine,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, fieldError, isUniqueViolation } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import { loadWatchedWords } from './authors.service';
import { toWatchedWord } from './inside.mappers';
import { detectLanguage } from './inside.render';
import { censoredText, evaluateContent, refuseIfBlocked } from './moderation-rules';
import { ruleAuthorOf } from './trust.service';
import { readWatchedWordsCsv, watchedWordsCsv } from './watched-words.csv';
import {
  allWatchedWords,
  deleteWatchedWordRow,
  insertWatchedWord,
  updateWatchedWordRow,
  upsertWatchedWords,
  watchedWordForUpdate,
  watchedWordRows,
} from './watched-words.queries';

/**
 * The admins' watched words, in a French, an English or a both-languages list: `block` refuses a text,
 * `silence` refuses it and silences its author for a day, `hold` publishes it for review only, `flag`
 * publishes it and queues it, `censor` publishes it with the word replaced, `tag` labels it.
 */

const isPageKey = (v: unknown[]): v is [string, string] =>
  ZLine.safeParse(v[0]).success && (v[1] === '' || v[1] === 'fr' || v[1] === 'en');

/** What the audit log keeps of a rule. */
const audited = (row: {
  word: string;
  locale: TLocale | null;
  action: TWatchedWordAction;
  tag: string | null;
}) => ({
  word: row.word,
  locale: row.locale,
  action: row.action,
  tag: row.tag,
});

export async function listWatchedWords(
  deps: AppDeps,
  caller: Caller,
  page: {
    cursor?: string | undefined;
    limit: number;
    list?: TLocale | 'both' | undefined;
    action?: TWatchedWordAction | undefined;
  },
) {
  requireRole(caller, 'admin');
  const after = page.cursor ? decodeCursor(page.cursor, isPageKey) : null;
  const rows = await watchedWordRows(deps.db, { ...page, after });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toWatchedWord),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.word, last.locale ?? '']) : null,
  };
}

/** A CONFLICT on the word field (not a validation failure: the word is well formed, and taken). */
const duplicateWord = () =>
  new AppError('CONFLICT', 'This word is already watched in this list', {
    fieldErrors: [{ path: 'body.word', message: 'Already watched', code: 'duplicate' }],
  });

export async function createWatchedWord(
  deps: AppDeps,
  caller: Caller,
  body: { word: string; action: TWatchedWordAction; locale: TLocale | null; tag: string | null },
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
      after: audited(row),
      ip: caller.ip ?? null,
    });
    return toWatchedWord(row);
  });
}

export async function updateWatchedWord(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: {
    word?: string | undefined;
    action?: TWatchedWordAction | undefined;
    locale?: TLocale | null | undefined;
    tag?: string | null | undefined;
  },
): Promise<TWatchedWord> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const before = await watchedWordForUpdate(tx.db, id);
    if (!before) throw new AppError('NOT_FOUND', 'No such watched word');
    const action = body.action ?? before.action;
    // Only a `tag` rule has a tag: changing the action away from `tag` drops it.
    const tag = action === 'tag' ? (body.tag ?? before.tag) : null;
    if (action === 'tag' && !tag) {
      throw fieldError('body.tag', 'required', 'A tag is required for the tag action', 'A tag is required');
    }
    const row = await updateWatchedWordRow(tx.db, id, {
      ...(body.word ? { word: body.word } : {}),
      ...(body.locale !== undefined ? { locale: body.locale } : {}),
      action,
      tag,
      updatedAt: now,
    })
      // The index decides, so that two renames to the same word at once are told apart too.
      .catch((error: unknown) => {
        throw isUniqueViolation(error, 'watched_words_word_locale_unique') ? duplicateWord() : error;
      });
    if (!row) throw new AppError('NOT_FOUND', 'No such watched word');
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'watched_word.updated',
      subjectType: 'watched_word',
      subjectId: row.id,
      before: audited(before),
      after: audited(row),
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
      before: audited(row),
      ip: caller.ip ?? null,
    });
  });
}

/** Every watched word as CSV (word, locale, action, tag), for a spreadsheet or another instance. */
export async function exportWatchedWords(deps: AppDeps, caller: Caller) {
  requireRole(caller, 'admin');
  const rows = await allWatchedWords(deps.db);
  const day = deps.clock.now().toISOString().slice(0, 10);
  return { filename: `watched-words-${day}.csv`, body: watchedWordsCsv(rows) };
}

/**
 * A CSV of watched words imported: every row is checked first (a 400 lists the bad rows: `csv.<row>.<column>`
 * with a code), then all are upserted in one transaction on (word, list), and audited once.
 */
export async function importWatchedWords(
  deps: AppDeps,
  caller: Caller,
  csv: string,
): Promise<TWatchedWordImportResult> {
  requireRole(caller, 'admin');
  const read = readWatchedWordsCsv(csv);
  if ('errors' in read) {
    throw new AppError('VALIDATION_FAILED', `${read.errors.length} rows are not valid`, {
      fieldErrors: read.errors.map((error) => ({
        path: `csv.${error.row}.${error.column}`,
        message: `Row ${error.row}: ${error.code}`,
        code: error.code,
      })),
    });
  }
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const { added, updated } =
      read.rules.length > 0
        ? await upsertWatchedWords(tx.db, read.rules, caller.id, now)
        : { added: 0, updated: 0 };
    const result = { added, updated, unchanged: read.rules.length - added - updated };
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'watched_words.imported',
      subjectType: 'watched_word',
      subjectId: null,
      after: { rows: read.rules.length, ...result },
      ip: caller.ip ?? null,
    });
    return result;
  });
}

/**
 * "Test this text": what the rules would do with it, which rules matched, and the text as it would be
 * published. With an author, their role and trust level apply as when they write a post.
 */
export async function testModeration(
  deps: AppDeps,
  caller: Caller,
  body: { text: string; language?: TLocale | undefined; authorId?: string | undefined },
): Promise<TModerationTestResult> {
  requireRole(caller, 'admin');
  const author = body.authorId ? await ruleAuthorOf(deps.db, body.authorId) : null;
  if (body.authorId && !author) {
    throw fieldError('body.authorId', 'not_found', 'No such user', 'No such user');
  }
  const watched = await loadWatchedWords(deps.db);
  const language = body.language ?? detectLanguage(body.text, defaultLocale);
  const fields = [{ path: 'body.text', text: body.text }];
  const evaluation = evaluateContent({ fields, language, watched, author: author ?? null, kind: 'test' });
  const censored = censoredText(evaluation, fields, 0);
  return {
    outcome: evaluation.outcome,
    language,
    ...(censored !== body.text ? { censoredText: censored } : {}),
    tags: evaluation.tags,
    matches: evaluation.matches.map(({ path: _, ...match }) => match),
  };
}

/**
 * The rules applied to a review of a pro (modules/pros): profanity and watched words only (trust levels
 * and fraud signals are Inside's). A `block` or `silence` rule refuses it (CONTENT_BLOCKED); the body
 * comes back censored, with whether it must be held or queued for review.
 */
export async function checkReviewText(
  db: AppDeps['db'],
  text: string,
): Promise<{ body: string; review: 'hold' | 'flag' | null }> {
  const watched = await loadWatchedWords(db);
  const fields = [{ path: 'body.body', text }];
  const evaluation = evaluateContent({
    fields,
    language: detectLanguage(text, defaultLocale),
    watched,
    author: null,
    kind: 'review',
  });
  if (evaluation.outcome === 'silenced') evaluation.outcome = 'blocked';
  refuseIfBlocked(evaluation);
  return {
    body: censoredText(evaluation, fields, 0),
    review: evaluation.outcome === 'held' ? 'hold' : evaluation.outcome === 'flagged' ? 'flag' : null,
  };
}
