/**
 * Records, in every API test file, the text of each statement the product sends and which module sent it
 * (the innermost source frame of apps/api/src: `modules/<m>/…` → `<m>`, `platform/`, `plugins/` or `lib/`
 * → `platform`; test code, the seed and migrations are not recorded). A drizzle query that is awaited runs
 * in a later microtask whose stack has no frame of the code that wrote it: its module is taken where the
 * query was begun (`db.select()`, `db.insert()`…, carried through the builder) and held while it runs; so
 * is a prepared query's (`execute()`) and the pool's (`pool.query()`), whose statement leaves later. At the end of the run,
 * `sql-recordings.ts` compares them with apps/api/queries/<module>.sql, so that reviewers read a diff of
 * the SQL a change sends, whatever wrote it (the builder or `sql`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { QueryPromise } from 'drizzle-orm';
import { NodePgPreparedQuery } from 'drizzle-orm/node-postgres';
import { PgDatabase, PgInsertBuilder, PgSelectBuilder, PgUpdateBuilder } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

const SOURCE = `${path.sep}apps${path.sep}api${path.sep}src${path.sep}`;
const patched = Symbol.for('capitune.sqlRecorder');
// One set per process: pg may be loaded once for every test file a worker runs, its patch made by the first.
const store = globalThis as { [patched]?: Set<string> };
store[patched] ??= new Set<string>();
const seen = store[patched];

/** Files that carry statements for others: the frame below them says whose statement it is. */
const CARRIERS = /^(platform\/db\/(database|transaction|built-query|rows)\.ts|lib\/sql\.ts)$/;

/**
 * The module a statement belongs to, from the stack of the call that sends it: '' when it is not the
 * product's (tests, the seed, migrations, pg-boss), undefined when the stack does not say.
 */
export function moduleOfStack(stack: string): string | undefined {
  // pg-boss's own statements are the library's, not the product's (its upgrades would show as drift).
  if (stack.includes(`${path.sep}node_modules${path.sep}pg-boss${path.sep}`)) return '';
  for (const line of stack.split('\n').slice(1)) {
    const at = line.indexOf(SOURCE);
    if (at === -1) continue;
    const file = line.slice(at + SOURCE.length).split(':')[0] ?? '';
    if (CARRIERS.test(file)) continue;
    if (/\.test\.ts$/.test(file) || /^(db|cli)\//.test(file) || file === 'platform/db/migrate.ts') return '';
    const module = /^modules\/([^/]+)\//.exec(file)?.[1];
    if (module) return module;
    if (/^(platform|plugins|lib)\//.test(file) || /^[^/]+\.ts$/.test(file)) return 'platform';
  }
  return undefined;
}

const NOT_RECORDED = '';
const begunText = new Map<string, string>();
/** The statement texts a prepared query (or a pool's query) is about to send. */
function textsOf(self: object, config: unknown): string[] {
  const { rawQueryConfig, queryConfig } = self as {
    rawQueryConfig?: { text?: unknown };
    queryConfig?: { text?: unknown };
  };
  const candidates = [
    rawQueryConfig?.text,
    queryConfig?.text,
    typeof config === 'string' ? config : (config as { text?: unknown } | undefined)?.text,
  ];
  return candidates.filter((text): text is string => typeof text === 'string');
}
const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release savepoint)\b/i;
const running = new AsyncLocalStorage<string>();
const begunIn = new WeakMap<object, string>();

function stackHere(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack;
}

type Method = (this: object, ...args: unknown[]) => unknown;
/** Wraps a method whose result carries on a query: tags the result with the module (taken here or carried). */
function tagging(target: object, name: string, fromStack: boolean) {
  const owner = target as Record<string, Method>;
  const original = owner[name];
  if (typeof original !== 'function') return;
  owner[name] = function tagged(this: object, ...args: unknown[]) {
    const result = original.apply(this, args);
    const module =
      begunIn.get(this) ?? (fromStack ? (moduleOfStack(stackHere()) ?? NOT_RECORDED) : undefined);
    if (module !== undefined && result && typeof result === 'object') begunIn.set(result, module);
    return result;
  };
}

type Query = (this: pg.Client, config: unknown, ...rest: unknown[]) => unknown;
const prototype = pg.Client.prototype as unknown as { query: Query; [patched]?: true };
if (!prototype[patched]) {
  const original = prototype.query;
  prototype.query = function recordedQuery(this: pg.Client, config: unknown, ...rest: unknown[]) {
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | undefined)?.text;
    if (typeof text === 'string') {
      // The stack first; then the module that began this very text (a pooled statement may leave from
      // another request's context, once a connection is handed back); then the context.
      const module = moduleOfStack(stackHere()) ?? begunText.get(text) ?? running.getStore();
      // Transaction control says nothing of what a module reads or writes.
      if (module && !TRANSACTION_CONTROL.test(text)) seen.add(JSON.stringify([module, text.trim()]));
    }
    return original.call(this, config, ...rest);
  };
  prototype[patched] = true;

  for (const name of [
    'select',
    'selectDistinct',
    'selectDistinctOn',
    'insert',
    'update',
    'delete',
    'execute',
  ])
    tagging(PgDatabase.prototype, name, true);
  tagging(PgSelectBuilder.prototype, 'from', false);
  tagging(PgInsertBuilder.prototype, 'values', false);
  tagging(PgInsertBuilder.prototype, 'select', false);
  tagging(PgUpdateBuilder.prototype, 'set', false);
  // A statement run later (after the pool hands out a connection, after drizzle's cache lookup) keeps the
  // module of the call that started it: taken from the stack there, held while it runs.
  const holding = (target: object, name: string) => {
    const owner = target as Record<string, Method>;
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function held(this: object, ...args: unknown[]) {
      const module = moduleOfStack(stackHere()) ?? running.getStore() ?? NOT_RECORDED;
      for (const text of textsOf(this, args[0])) if (module) begunText.set(text, module);
      return running.run(module, () => original.apply(this, args));
    };
  };
  holding(NodePgPreparedQuery.prototype, 'execute');
  holding(NodePgPreparedQuery.prototype, 'all');
  holding(pg.Pool.prototype, 'query');
  const then = QueryPromise.prototype.then;
  // biome-ignore lint/suspicious/noThenProperty: drizzle's queries are thenables; this keeps the one they have.
  QueryPromise.prototype.then = function thenInItsModule(this: object, ...args: Parameters<typeof then>) {
    const module = begunIn.get(this);
    return module === undefined ? then.apply(this, args) : running.run(module, () => then.apply(this, args));
  } as typeof then;
}

afterAll(() => {
  if (seen.size === 0) return;
  appendFileSync(path.join(inject('sqlRecordDir'), `${process.pid}.jsonl`), `${[...seen].join('\n')}\n`);
  seen.clear();
});
