// Preloaded into an API instance by bench/http.mjs (`node --import ./bench/lib/record-sql.mjs …`): appends
// every statement the request pool sends (text, parameters, row mode, and the first row of its result)
// to the file named by BENCH_SQL_LOG, one JSON line each, numbered in the order they were sent. The
// benchmark replays these statements from a bare node:http + pg server, so both sides run the very same
// SQL. Never loaded in a measured instance.
import { appendFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_SQL_LOG;
const original = pg.Client.prototype.query;
let counter = 0;

pg.Client.prototype.query = function recordedQuery(config, values, callback) {
  if (!file || this.connectionParameters?.application_name !== 'capitune-api') {
    return original.call(this, config, values, callback);
  }
  const order = counter++;
  const text = typeof config === 'string' ? config : config?.text;
  const params = Array.isArray(values) ? values : config?.values;
  const rowMode = typeof config === 'object' ? config?.rowMode : undefined;
  const write = (outcome) =>
    appendFileSync(
      file,
      `${JSON.stringify({ order, text, values: params ?? [], rowMode, rowCount: outcome?.rowCount, row: outcome?.rows?.[0] })}\n`,
    );
  // pg.Pool passes a callback (as the last argument); drizzle and direct callers use the promise.
  const done = typeof values === 'function' ? values : callback;
  if (typeof done === 'function') {
    const wrapped = (error, outcome) => {
      if (!error) write(outcome);
      done(error, outcome);
    };
    return typeof values === 'function'
      ? original.call(this, config, wrapped)
      : original.call(this, config, values, wrapped);
  }
  const result = original.call(this, config, values);
  return typeof result?.then === 'function'
    ? result.then((outcome) => {
        write(outcome);
        return outcome;
      })
    : result;
};
