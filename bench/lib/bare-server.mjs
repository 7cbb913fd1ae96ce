// The ceiling of the HTTP benchmark: a bare node:http + pg server that answers each scenario by running
// the very SQL the API ran for it (recorded by bench/lib/record-sql.mjs), on one pooled connection per
// request, and returns the last statement's rows as JSON. No framework, no validation, no auth: what is
// left is the cost of the SQL and of HTTP itself on this machine.
//
//   node bench/lib/bare-server.mjs <recordings.json> <port>
//
// GET /<scenario>/<i> replays recording i. POST /<scenario>/<i> with a JSON body `{ vars }` replays a
// write: every recorded value of the request's variables (user, dossier, client id…) is swapped for the
// live one, and every value that came out of a statement (ids returned by an insert, the chat's last
// sequence number) is swapped for what this run's statement returned, so that each replay is a new write.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const [file, port] = process.argv.slice(2);
const recordings = JSON.parse(readFileSync(file, 'utf8'));
for (const scenario of Object.values(recordings))
  for (const recording of scenario.recordings)
    for (const statement of recording.statements)
      statement.name = `q${createHash('sha1').update(statement.text).digest('base64url')}`;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10),
  application_name: 'capitune-bare',
});

function replace(value, swaps) {
  if (typeof value === 'string') {
    if (swaps.has(value)) return swaps.get(value);
    let text = value;
    for (const [from, to] of swaps)
      if (typeof from === 'string' && text.includes(from)) text = text.replaceAll(from, to);
    return text;
  }
  if (typeof value === 'number') return swaps.has(value) ? swaps.get(value) : value;
  if (Array.isArray(value)) return value.map((item) => replace(item, swaps));
  return value;
}

/** Values a statement returned that differ in this run: later statements use the new ones. */
function learn(statement, live, swaps) {
  const recorded = statement.row;
  if (!recorded || !live) return;
  const locked = /for update/i.test(statement.text);
  for (const key of Object.keys(recorded)) {
    const before = recorded[key];
    const after = live[key] instanceof Date ? live[key].toISOString() : live[key];
    if (before === after || after === undefined || after === null) continue;
    if (typeof before === 'string' && before.length >= 8) swaps.set(before, String(after));
    // A sequence read under lock, and the next number the API derives from it.
    if (locked && Number.isInteger(before) && Number.isInteger(after)) {
      swaps.set(before, after);
      swaps.set(before + 1, after + 1);
    }
  }
}

async function replay(statements, swaps) {
  const client = await pool.connect();
  let last;
  try {
    for (const statement of statements) {
      const values = swaps ? replace(statement.values, swaps) : statement.values;
      // Prepared once per connection, as the API prepares its statements (platform/db/database.ts).
      const name = values.length > 0 ? statement.name : undefined;
      last = await client.query({ text: statement.text, values, rowMode: statement.rowMode, name });
      if (swaps) learn(statement, last.rows[0], swaps);
    }
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return last?.rows ?? [];
}

const server = http.createServer((request, response) => {
  const [, name, index] = request.url.split('/');
  const scenario = recordings[name];
  const recording = scenario?.recordings[Number(index) % (scenario?.recordings.length ?? 1)];
  if (!recording) {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    try {
      let swaps;
      if (request.method === 'POST') {
        const { vars } = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        swaps = new Map();
        for (const [key, value] of Object.entries(vars ?? {})) swaps.set(recording.vars[key], value);
      }
      const rows = await replay(recording.statements, swaps);
      const body = JSON.stringify(rows);
      response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      response.end(body);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error?.message ?? error));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
