import { performance } from 'node:perf_hooks';
import type pg from 'pg';

/**
 * Tools of the bulk seeders (`large-data-set.ts`, `bulk-inside.ts`): rows are made by the database
 * itself with `INSERT … SELECT generate_series`, one statement per table, from a few helper functions
 * in the session's temporary schema.
 */

export type Log = (line: string) => void;

/** A SQL string literal. Only for the seeders' own constants, never for input. */
export const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** A SQL `text[]` literal. */
export const sqlTextArray = (values: readonly string[]) => `array[${values.map(sqlText).join(',')}]::text[]`;

/**
 * Helper functions in `pg_temp` (they vanish with the session):
 * - `seed_now()`: the instant the data set is built around, whole seconds (timestamps round-trip
 *   through the API's millisecond cursors);
 * - `h(a, salt)`: a stable pseudo-random number in [0, 1), so the same data set comes out each time;
 * - `sid(kind, a)`, `sid2(kind, a, b)`: stable version-4-shaped UUIDs, so that rows can point at each
 *   other without joins (the user n is `sid('user', n)`);
 * - `words(vocabulary, n, seed)`: n random words of a vocabulary.
 */
export async function installSqlHelpers(client: pg.ClientBase, now: Date): Promise<void> {
  const instant = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
  await client.query(`create or replace function pg_temp.seed_now() returns timestamptz
    language sql immutable as $$ select '${instant}'::timestamptz $$`);
  await client.query(`create or replace function pg_temp.h(a bigint, salt bigint) returns float8
    language sql immutable as
    $$ select ((hashint8extended(a, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`);
  await client.query(`create or replace function pg_temp.sid(kind text, a bigint) returns uuid
    language sql immutable as
    $$ select overlay(overlay(md5(kind || ':' || a) placing '4' from 13) placing '8' from 17)::uuid $$`);
  await client.query(`create or replace function pg_temp.sid2(kind text, a bigint, b bigint) returns uuid
    language sql immutable as
    $$ select overlay(overlay(md5(kind || ':' || a || ':' || b) placing '4' from 13) placing '8' from 17)::uuid $$`);
  await client.query(`create or replace function pg_temp.words(vocabulary text[], n int, seed bigint) returns text
    language sql volatile as $$
      select string_agg(vocabulary[1 + floor(random() * array_length(vocabulary, 1))::int], ' ')
      from generate_series(1, n + (seed * 0)::int)
    $$`);
}

/** Runs one statement and logs its row count and duration. */
export function stepRunner(client: pg.ClientBase, log: Log) {
  return async (label: string, text: string, values?: unknown[]) => {
    const started = performance.now();
    const result = await client.query(text, values);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`${label}: ${result.rowCount ?? 0} rows, ${seconds} s`);
    return result;
  };
}
