import { type Column, is, Placeholder, type SQL, sql } from 'drizzle-orm';

/**
 * `column = any($1)`: a list of values sent as one array parameter. Drizzle's `inArray` makes one
 * parameter per value, and building a hundred of them cost more than running the query on a page of
 * a hundred rows; one parameter also keeps one prepared statement whatever the length of the list.
 */
export function anyOf(column: Column, values: readonly string[] | Placeholder): SQL {
  return sql`${column} = any(${is(values, Placeholder) ? values : sql.param(values)})`;
}

/**
 * A row count written into the statement instead of sent as a parameter. Statements are prepared once
 * per connection and PostgreSQL soon plans them once for any parameters; with `LIMIT $n` that generic plan
 * cannot know how few rows are wanted. The search's window walk planned that way took 11 ms instead of 2.
 * Each distinct count is its own prepared statement: use it for counts from a small set.
 */
export function rowCount(count: number): SQL {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`not a row count: ${count}`);
  return sql.raw(String(count));
}
