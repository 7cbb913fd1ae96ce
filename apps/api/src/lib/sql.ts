import { type Column, is, Placeholder, type SQL, sql } from 'drizzle-orm';

/**
 * `column = any($1)`: a list of values sent as one array parameter. Drizzle's `inArray` makes one
 * parameter per value, and building a hundred of them cost more than running the query on a page of
 * a hundred rows; one parameter also keeps one prepared statement whatever the length of the list.
 */
export function anyOf(column: Column, values: readonly string[] | Placeholder): SQL {
  return sql`${column} = any(${is(values, Placeholder) ? values : sql.param(values)})`;
}
