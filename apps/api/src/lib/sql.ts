import { type Column, is, Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * `column = any($1)`: a list of values sent as one array parameter; the one way the API passes a list of
 * ids (builder or raw `sql`). Drizzle's `inArray` makes one
 * parameter per value, and building a hundred of them cost more than running the query on a page of
 * a hundred rows; one parameter also keeps one prepared statement whatever the length of the list.
 */
export function anyOf(column: Column | SQLWrapper, values: readonly (string | number)[] | Placeholder): SQL {
  return sql`${column} = any(${is(values, Placeholder) ? values : sql.param(values)})`;
}

/**
 * A timestamp as `Date.toISOString()` writes it (UTC, milliseconds; the microseconds cut as the driver
 * cuts them), for JSON built in SQL that goes to a response as it is.
 */
export function isoTime(timestamp: SQLWrapper): SQL {
  return sql`to_char(${timestamp} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** `text` inside a LIKE pattern matching itself: its `\`, `%` and `_` escaped (LIKE's default escape). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
