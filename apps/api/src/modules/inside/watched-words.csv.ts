import {
  type TWatchedWordImportError,
  WATCHED_WORDS_IMPORT_MAX_ROWS,
  watchedWordCsvColumns,
  ZWatchedWordBody,
} from '@capitune/contracts';
import { csvDocument } from '../../lib/csv';
import type { WatchedWordRow, WatchedWordValues } from './watched-words.queries';

/**
 * The watched words as CSV (columns word, locale, action, tag; an empty locale is both lists), and back.
 * Cells are formula-escaped on export (a leading apostrophe), and the apostrophe is taken off on import.
 */

export function watchedWordsCsv(rows: WatchedWordRow[]): string {
  return csvDocument([
    [...watchedWordCsvColumns],
    ...rows.map((row) => [row.word, row.locale ?? '', row.action, row.tag ?? '']),
  ]);
}

/** RFC 4180 records: quoted cells with "" for a quote, CRLF or LF between records; a BOM is skipped. */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      record.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** A cell as the export wrote it: the apostrophe that neutralised a formula start taken off. */
const unescapeCell = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell).trim();

type Column = TWatchedWordImportError['column'];

const codeOf = (column: Column, message: string): TWatchedWordImportError['code'] => {
  if (column === 'tag' && message.startsWith('A tag is required')) return 'tag_mismatch';
  return column === 'word'
    ? 'invalid_word'
    : column === 'locale'
      ? 'invalid_locale'
      : column === 'action'
        ? 'invalid_action'
        : 'invalid_tag';
};

/**
 * Every row of an import checked (line 1 is the header): the rules to upsert, or every bad row with its
 * line number, column and a code. Blank lines are skipped.
 */
export function readWatchedWordsCsv(
  text: string,
): { rules: WatchedWordValues[] } | { errors: TWatchedWordImportError[] } {
  const records = parseCsv(text);
  const errors: TWatchedWordImportError[] = [];
  const header = records[0]?.map((cell) => cell.trim().toLowerCase());
  if (!header || header.join(',') !== watchedWordCsvColumns.join(',')) {
    return { errors: [{ row: 1, column: 'row', code: 'columns' }] };
  }
  const rules: WatchedWordValues[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    if (record.length !== watchedWordCsvColumns.length) {
      errors.push({ row, column: 'row', code: 'columns' });
      return;
    }
    const [word = '', locale = '', action = '', tag = ''] = record.map(unescapeCell);
    if (word === '') {
      errors.push({ row, column: 'word', code: 'required' });
      return;
    }
    if (action === '') {
      errors.push({ row, column: 'action', code: 'required' });
      return;
    }
    const parsed = ZWatchedWordBody.safeParse({
      word,
      action: action.toLowerCase(),
      locale: locale === '' || locale.toLowerCase() === 'both' ? null : locale.toLowerCase(),
      tag: tag === '' ? null : tag,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = (issue?.path[0] as Column | undefined) ?? 'row';
      errors.push({ row, column, code: codeOf(column, issue?.message ?? '') });
      return;
    }
    const key = `${parsed.data.word}\u0000${parsed.data.locale ?? ''}`;
    if (seen.has(key)) {
      errors.push({ row, column: 'word', code: 'duplicate' });
      return;
    }
    seen.set(key, row);
    rules.push(parsed.data);
  });
  if (rules.length + errors.length > WATCHED_WORDS_IMPORT_MAX_ROWS) {
    return { errors: [{ row: WATCHED_WORDS_IMPORT_MAX_ROWS + 2, column: 'row', code: 'too_many_rows' }] };
  }
  return errors.length > 0 ? { errors } : { rules };
}
