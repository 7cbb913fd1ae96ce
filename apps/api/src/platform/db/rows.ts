import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { InvariantError } from '../../lib/errors';
import type { Database } from './database';

/**
 * Rows of a raw statement (or JSON built in SQL) are checked against the schema they are read as, in
 * development and tests: a renamed column or a mistyped JSON key fails a test instead of compiling. In
 * production the check is skipped (it costs a walk of every row) and the rows are returned as they are,
 * so a row schema must not transform: what it accepts is what the caller gets.
 */
const checking = process.env.NODE_ENV !== 'production';

export function checkRows<T>(schema: z.ZodType<T>, rows: readonly unknown[], what: string): T[] {
  if (checking) {
    const result = z.array(schema).safeParse(rows);
    if (!result.success)
      throw new InvariantError(`${what}: rows do not match their schema: ${result.error.message}`);
  }
  return rows as T[];
}

/** Runs a raw statement and returns its rows, checked against `schema` (see `checkRows`). */
export async function selectRows<T>(
  db: Database,
  schema: z.ZodType<T>,
  statement: SQL,
  what: string,
): Promise<T[]> {
  const result = await db.execute(statement);
  return checkRows(schema, result.rows, what);
}

/** The row an INSERT … RETURNING or UPDATE … RETURNING must give: its absence is a bug, not a 404. */
export function returnedRow<T>(rows: readonly T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new InvariantError(`${what} returned nothing`);
  return row;
}
