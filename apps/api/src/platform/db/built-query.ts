import type { Database } from './database';

const built = new WeakMap<Database, Map<string, unknown>>();

/**
 * A drizzle query built once per database handle (the pool, or a pooled connection in a transaction) and
 * then only executed with its values (`sql.placeholder('name')` where they go). Building a query's SQL,
 * drizzle walking the query tree, cost more CPU than anything else on the dossier page (decision 007).
 * `name` names the prepared statement: one per query, prefixed with its module. A placeholder given as
 * an inserted column's value goes through that column's encoder, null included (a timestamp's fails on
 * null): put a nullable one inside sql`` instead.
 */
export function builtQuery<P>(
  db: Database,
  name: string,
  build: (db: Database) => { prepare(name: string): P },
): P {
  let queries = built.get(db);
  if (!queries) {
    queries = new Map();
    built.set(db, queries);
  }
  let query = queries.get(name) as P | undefined;
  if (!query) {
    query = build(db).prepare(name);
    queries.set(name, query);
  }
  return query;
}
