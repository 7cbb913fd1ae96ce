/**
 * CSV for spreadsheets (RFC 4180, CRLF), opened safely by Excel:
 * - a UTF-8 byte order mark, or Excel reads accents as Windows-1252;
 * - formula injection neutralised: a cell starting with = + - @ (or a tab or carriage return, which
 *   Excel also treats as a formula start) gets a leading apostrophe, so it is shown as text.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** What a CSV document starts with. */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row and its line end: a streamed document writes the BOM, then its rows one by one. */
export function csvLine(row: readonly string[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}

export function csvDocument(rows: string[][]): string {
  return `${CSV_BOM}${rows.map(csvLine).join('')}`;
}
