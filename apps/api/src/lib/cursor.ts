import { INT4_MAX, isSupportedTime } from '@capitune/contracts';
import { AppError } from './errors';

/** The position after which a keyset page starts: the last row's timestamp and id. */
export interface Cursor {
  at: Date;
  id: string;
}

/** A cursor the API did not write: answered 400 before any of it reaches a query. */
export function invalidCursor(): AppError {
  return new AppError('INVALID_CURSOR', 'Invalid cursor', {
    fieldErrors: [{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Whether a cursor's id is one PostgreSQL's `uuid` type reads. */
export const isCursorId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * Whether a cursor's time is a real UTC instant of years 1–9999 as the API writes them (`toISOString`, or
 * PostgreSQL's microseconds): `2024-02-30T…`, `0000-…` or a six-digit year would fail in the query.
 */
export function isCursorInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  const time = Date.parse(value);
  // JavaScript rolls an impossible day over to the next month; writing it back shows it.
  return isSupportedTime(time) && new Date(time).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** Whether a cursor's number fits the `integer` (int4) column it is compared with. */
export const isCursorInt4 = (value: unknown): value is number =>
  Number.isSafeInteger(value) && Math.abs(value as number) <= INT4_MAX;

/**
 * The text inside a cursor: only the canonical base64url of valid UTF-8 is read (what `encodeCursorText`
 * writes), so a cursor that was altered, padded or cut is refused rather than decoded leniently.
 */
export function decodeCursorText(value: string): string {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  if (value.length === 0 || Buffer.from(text).toString('base64url') !== value) throw invalidCursor();
  return text;
}

export function encodeCursorText(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** Opaque to clients: base64url of `<ISO time>|<id>`. */
export function encodeCursor(cursor: Cursor): string {
  return encodeCursorText(`${cursor.at.toISOString()}|${cursor.id}`);
}

export function decodeCursor(value: string): Cursor {
  const parts = decodeCursorText(value).split('|');
  const [at, id] = parts;
  if (parts.length !== 2 || !isCursorInstant(at) || !isCursorId(id)) throw invalidCursor();
  return { at: new Date(at), id };
}

/** A position in a sequence-ordered list (registrations in arrival order): base64url of the number. */
export function encodeOrderCursor(order: number): string {
  return encodeCursorText(`#${order}`);
}

export function decodeOrderCursor(value: string): number {
  // The order is a bigserial: fifteen digits stay within the integers JavaScript holds exactly.
  const match = /^#(\d{1,15})$/.exec(decodeCursorText(value));
  if (!match?.[1]) throw invalidCursor();
  return Number(match[1]);
}

/** Cursors for orderings other than (time, id): base64url of a small JSON array, checked by `check`. */
export function encodeKeyCursor(values: (string | number | null)[]): string {
  return encodeCursorText(JSON.stringify(values));
}

export function decodeKeyCursor<T extends unknown[]>(
  value: string,
  check: (values: unknown[]) => values is T,
): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeCursorText(value));
  } catch {
    throw invalidCursor();
  }
  if (Array.isArray(parsed) && check(parsed)) return parsed;
  throw invalidCursor();
}
