import { INT4_MAX, isSupportedTime } from '@capitune/contracts';
import { AppError } from './errors';

/**
 * The one cursor codec of the API. A cursor is the sort key of a page's last row, as a JSON array
 * (`["2026-01-01T00:00:00.000Z", "<uuid>"]`, `[42]`, `["s", 1, 80, 12, "<uuid>"]`…), sent as its canonical
 * base64url. Opaque to clients; decoded strictly against the shape the list expects, so a cursor that was
 * forged, altered, padded or cut is a 400 INVALID_CURSOR before any of it reaches a query.
 */
export type CursorValue = string | number | null;

/** The common key of a keyset page: the last row's timestamp and id. */
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
 * Whether a cursor's number is a position in a sequence (a bigserial): fifteen digits at most, which
 * JavaScript holds exactly.
 */
export const isCursorOrder = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 999_999_999_999_999;

type Guard<T> = (value: unknown) => value is T;
type Checked<G extends readonly Guard<unknown>[]> = {
  -readonly [K in keyof G]: G[K] extends Guard<infer T> ? T : never;
};

/** The check of a cursor of exactly these fields, each by its guard: `cursorOf(isCursorInstant, isCursorId)`. */
export function cursorOf<G extends readonly Guard<unknown>[]>(
  ...fields: G
): (values: unknown[]) => values is Checked<G> & unknown[] {
  return (values): values is Checked<G> & unknown[] =>
    values.length === fields.length && fields.every((field, index) => field(values[index]));
}

const timeAndId = cursorOf(isCursorInstant, isCursorId);

/** The cursor after a row: its sort key, or the common (time, id) key. */
export function encodeCursor(key: Cursor | readonly CursorValue[]): string {
  const values = Array.isArray(key) ? key : [(key as Cursor).at.toISOString(), (key as Cursor).id];
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort key a cursor carries, refused (400 INVALID_CURSOR) unless `check` accepts it; without a check,
 * the common (time, id) key.
 */
export function decodeCursor(value: string): Cursor;
export function decodeCursor<T extends unknown[]>(
  value: string,
  check: (values: unknown[]) => values is T,
): T;
export function decodeCursor(value: string, check?: (values: unknown[]) => boolean): Cursor | unknown[] {
  const values = cursorValues(value);
  if (!check) {
    if (!timeAndId(values)) throw invalidCursor();
    return { at: new Date(values[0]), id: values[1] };
  }
  if (!check(values)) throw invalidCursor();
  return values;
}

/**
 * The array inside a cursor: only the canonical base64url of valid UTF-8 is read (what `encodeCursor`
 * writes), and only a JSON array of strings, numbers and nulls.
 */
function cursorValues(value: string): unknown[] {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  if (value.length === 0 || Buffer.from(text).toString('base64url') !== value) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidCursor();
  }
  const scalar = (item: unknown) =>
    item === null || typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item));
  if (!Array.isArray(parsed) || !parsed.every(scalar)) throw invalidCursor();
  return parsed;
}
