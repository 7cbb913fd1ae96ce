// Chat delivery latency across two API instances.
//
//   npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench:chat
//
// Starts two API instances (server mode) on that database and seeds firms of BENCH_FIRM_SIZE pros
// (default 5). Each pro is the agent of one dossier whose candidate is online, and of BENCH_BACKLOG
// more dossiers (default 20) whose candidates are offline, with 10 messages of history each, so that
// a pro's unread total spans a firm of about a hundred dossiers. It opens BENCH_SOCKETS WebSockets
// (default 1,000): each online candidate on instance A, each pro on instance B, every socket
// subscribed to its dossier. Then the candidates post BENCH_MESSAGES messages (default 2,000) over
// HTTP to instance A at BENCH_RATE per second (default 200). The script times each message from the
// start of its POST until its pro's socket on instance B receives it, and times the POST responses;
// it prints their percentiles (nearest rank), the rate at which posts were answered, and how many
// messages arrived by BENCH_WAIT_MS (default 10 s) after the last answer.
//
// When it ends, it deletes the organisations, people, dossiers and messages it created (BENCH_KEEP=1
// keeps them). The instances still apply the migrations and pg-boss's schema to the database: give it
// a scratch database, never one holding data you care about. BENCH_PORTS sets the two instances'
// ports (default 3411,3412); BENCH_NODE_ARGS adds Node.js options for them (`--cpu-prof`, say). The
// client runs in this one Node.js process, on the same machine: its own work is part of the figures.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSigner } from 'fast-jwt';
import pg from 'pg';
import WebSocket from 'ws';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('Set DATABASE_URL to a scratch PostgreSQL database (see the top of this file).');
  process.exit(2);
}
if (!existsSync('apps/api/dist/main.js')) {
  console.error('Build first: npm run build');
  process.exit(2);
}
const sockets = Number(process.env.BENCH_SOCKETS ?? 1000);
const messageCount = Number(process.env.BENCH_MESSAGES ?? 2000);
const rate = Number(process.env.BENCH_RATE ?? 200);
const firmSize = Number(process.env.BENCH_FIRM_SIZE ?? 5);
const backlog = Number(process.env.BENCH_BACKLOG ?? 20);
const waitMs = Number(process.env.BENCH_WAIT_MS ?? 10_000);
const keep = process.env.BENCH_KEEP === '1';
const ports = (process.env.BENCH_PORTS ?? '3411,3412').split(',').map(Number);
const pairs = Math.floor(sockets / 2);
const firms = Math.ceil(pairs / firmSize);
const secret = randomBytes(32).toString('hex');
const run = randomBytes(4).toString('hex');

const instances = [];
function startInstance(port) {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'apps/api/dist/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: secret,
      ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 1).toString('base64')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`instance on ${port} exited (${code ?? signal})`);
  });
  instances.push(child);
  return child;
}
let stopping = false;

async function waitReady(port) {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/ready`);
      if (response.ok) return;
    } catch {}
    await sleep(500);
  }
  throw new Error(`instance on ${port} did not become ready`);
}

const db = new pg.Client({ connectionString: databaseUrl });
const open = [];
// Kept-alive connections to instance A, at most one per online candidate, as their browsers would hold.
const agent = new http.Agent({ keepAlive: true, maxSockets: pairs });

/**
 * Removes every row this run created: the dossiers first (their messages, reads and chats go with
 * them), then a vacuum, or each deleted person's foreign-key check would scan the dead messages
 * (`messages.author_id` has no index: nothing else looks messages up by author), then the people.
 */
async function cleanUp() {
  const orgs = `(select id from organisations where name like 'Bench ${run} %')`;
  const people = `(select id from users where email like 'bench-${run}-%')`;
  await db.query(`delete from dossiers where organisation_id in ${orgs}`);
  await db.query(`delete from rate_limits where key in (select 'messages-user:' || id from ${people} u)`);
  await db.query('vacuum messages, dossiers, message_reads, dossier_chats');
  await db.query('begin');
  await db.query(`delete from users where id in ${people}`);
  await db.query(`delete from organisations where id in ${orgs}`);
  await db.query('commit');
}

async function stop() {
  stopping = true;
  agent.destroy();
  for (const socket of open) socket.close();
  for (const child of instances) child.kill('SIGTERM');
  await Promise.all(
    instances.map((child) =>
      child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)),
    ),
  );
}

const percentile = (sorted, p) =>
  sorted.length === 0 ? undefined : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value) => (value === undefined ? '-' : `${value.toFixed(1)} ms`);
const row = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `| ${[50, 95, 99].map((p) => ms(percentile(sorted, p))).join(' | ')} | ${ms(sorted.at(-1))} |`;
};

let seeded = false;
try {
  startInstance(ports[0]);
  await waitReady(ports[0]); // the first applies the migrations
  startInstance(ports[1]);
  await waitReady(ports[1]);
  await db.connect();

  console.log(
    `Seeding ${firms} firms of up to ${firmSize} pros, ${pairs} dossiers with an online candidate and ` +
      `${pairs * backlog} with an offline one (10 messages each)…`,
  );
  await db.query('begin');
  seeded = true;
  const { rows: orgRows } = await db.query(
    `insert into organisations (name) select 'Bench ' || $1 || ' ' || g from generate_series(1, $2) g returning id`,
    [run, firms],
  );
  const orgIds = orgRows.map((org) => org.id);
  const { rows: pros } = await db.query(
    `insert into users (email, password_hash, role, first_name, last_name, email_verified_at, organisation_id)
     select 'bench-' || $1 || '-pro-' || g || '@example.ca', 'not-a-login', 'pro', 'Pro', g::text, now(),
            ($2::uuid[])[(g - 1) / $3 + 1]
     from generate_series(1, $4) g
     returning id, organisation_id, last_name::int as n`,
    [run, orgIds, firmSize, pairs],
  );
  const { rows: candidates } = await db.query(
    `insert into users (email, password_hash, role, first_name, last_name, email_verified_at)
     select 'bench-' || $1 || '-candidate-' || g || '@example.ca', 'not-a-login', 'candidate', 'Candidat', g::text, now()
     from generate_series(1, $2) g
     returning id, last_name::int as n`,
    [run, pairs * (1 + backlog)],
  );
  pros.sort((a, b) => a.n - b.n);
  candidates.sort((a, b) => a.n - b.n);
  // Candidate k (0-based) belongs to pro k mod pairs: the first `pairs` are the online ones.
  const { rows: dossierRows } = await db.query(
    `insert into dossiers (owner_id, program_id, status, organisation_id, agent_id)
     select c.owner, 'express_entry_fsw', 'preparing', p.organisation_id, p.id
     from unnest($1::uuid[], $2::int[]) as c (owner, k)
     join unnest($3::uuid[], $4::uuid[], $5::int[]) as p (id, organisation_id, k) on p.k = c.k % $6
     returning id, owner_id, agent_id`,
    [
      candidates.map((c) => c.id),
      candidates.map((_, k) => k),
      pros.map((p) => p.id),
      pros.map((p) => p.organisation_id),
      pros.map((_, k) => k),
      pairs,
    ],
  );
  const online = new Set(candidates.slice(0, pairs).map((c) => c.id));
  const liveDossiers = dossierRows.filter((d) => online.has(d.owner_id));
  const offline = dossierRows.filter((d) => !online.has(d.owner_id)).map((d) => d.id);
  // History of the offline dossiers, as posting leaves it: seq 1..10, the candidate on odd numbers,
  // the pro on even ones; the pro has read it all, the candidate up to their own last message.
  await db.query(
    `insert into messages (dossier_id, seq, author_id, client_id, body, created_at)
     select d.id, s, case when s % 2 = 1 then d.owner_id else d.agent_id end, gen_random_uuid(),
            'message ' || s, now() - interval '30 days' + s * interval '1 day'
     from dossiers d, generate_series(1, 10) s where d.id = any($1::uuid[])`,
    [offline],
  );
  await db.query(`insert into dossier_chats (dossier_id, last_seq) select unnest($1::uuid[]), 10`, [offline]);
  await db.query(
    `insert into message_reads (dossier_id, user_id, last_read_seq, read_at)
     select d.id, d.owner_id, 9, now() from dossiers d where d.id = any($1::uuid[])
     union all
     select d.id, d.agent_id, 10, now() from dossiers d where d.id = any($1::uuid[])`,
    [offline],
  );
  const onlinePeople = [...online, ...pros.map((p) => p.id)];
  const sessionRows = await db.query(
    `insert into sessions (user_id, expires_at) select unnest($1::uuid[]), now() + interval '1 day' returning id, user_id`,
    [onlinePeople],
  );
  await db.query('commit');
  await db.query('analyze organisations, users, dossiers, messages, dossier_chats, message_reads');

  const sessionOf = new Map(sessionRows.rows.map((r) => [r.user_id, r.id]));
  const sign = createSigner({
    key: secret,
    algorithm: 'HS256',
    iss: 'capitune',
    aud: 'capitune-api',
    expiresIn: 3600_000,
  });
  const token = async (userId, role) => sign({ sub: userId, role, sid: sessionOf.get(userId), ev: true });

  const errors = new Map();
  const post = (dossierId, accessToken, body) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: ports[0],
          method: 'POST',
          path: `/api/dossiers/${dossierId}/messages`,
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  const sentAt = new Map(); // clientId → when the POST started
  const delivery = [];
  const postTimes = [];
  let delivered = 0;

  async function openSocket(port, userId, role, dossierId, listen) {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const subscribed = new Promise((resolve) => {
      socket.on('message', (data) => {
        const event = JSON.parse(String(data));
        if (event.type === 'subscribed') resolve();
        if (listen && event.type === 'message') {
          const sent = sentAt.get(event.message.clientId);
          if (sent !== undefined) {
            delivery.push(performance.now() - sent);
            sentAt.delete(event.message.clientId);
            delivered += 1;
          }
        }
      });
    });
    socket.send(JSON.stringify({ type: 'auth', token: await token(userId, role) }));
    socket.send(JSON.stringify({ type: 'subscribe', dossierId }));
    await subscribed;
    open.push(socket);
    return socket;
  }

  console.log(`Opening ${pairs * 2} sockets: candidates on instance A, pros on instance B…`);
  let batch = [];
  for (const dossier of liveDossiers) {
    batch.push(openSocket(ports[0], dossier.owner_id, 'candidate', dossier.id, false));
    batch.push(openSocket(ports[1], dossier.agent_id, 'pro', dossier.id, true));
    if (batch.length >= 100) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  console.log(`${open.length} sockets open. Posting ${messageCount} messages at ${rate}/s to instance A…`);

  const candidateTokens = new Map();
  for (const dossier of liveDossiers)
    candidateTokens.set(dossier.id, await token(dossier.owner_id, 'candidate'));
  const load = os.loadavg()[0];
  const started = performance.now();
  let lastResponse = started;
  const posts = [];
  for (let i = 0; i < messageCount; i++) {
    const dossier = liveDossiers[i % liveDossiers.length];
    const clientId = randomUUID();
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const start = performance.now();
    sentAt.set(clientId, start);
    posts.push(
      post(dossier.id, candidateTokens.get(dossier.id), { clientId, body: `bench message ${i}` }).then(
        (status) => {
          lastResponse = performance.now();
          postTimes.push(lastResponse - start);
          return status;
        },
        (error) => {
          const reason = error.code ?? error.message;
          errors.set(reason, (errors.get(reason) ?? 0) + 1);
          return 0;
        },
      ),
    );
  }
  const postingSeconds = (performance.now() - started) / 1000;
  const statuses = await Promise.all(posts);
  const deadline = performance.now() + waitMs;
  while (delivered < messageCount && performance.now() < deadline) await sleep(50);

  const created = statuses.filter((status) => status === 201).length;
  console.log('\nChat delivery, POST on instance A → pro socket on instance B');
  console.log(
    `sockets ${open.length} (${pairs} candidates on A, ${pairs} pros on B), firms of ${firmSize} pros, ` +
      `${dossierRows.length} dossiers; ${messageCount} messages at ${rate}/s (posted in ${postingSeconds.toFixed(1)} s)`,
  );
  console.log(
    `posted OK ${created}/${messageCount} (the last answered ${((lastResponse - started) / 1000).toFixed(1)} s after the first was sent: ` +
      `${((created * 1000) / (lastResponse - started)).toFixed(0)} posts/s), delivered ${delivered}/${messageCount} within ${waitMs / 1000} s after the last; ` +
      `${os.cpus().length} cores, load average ${load.toFixed(2)} when posting began`,
  );
  console.log('\n| measure | p50 | p95 | p99 | max |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| POST → message on the pro's socket (instance B) ${row(delivery)}`);
  console.log(`| POST response (instance A) ${row(postTimes)}`);
  const failures = statuses.filter((status) => status !== 201);
  if (failures.length > 0) {
    const counts = {};
    for (const status of failures) counts[status] = (counts[status] ?? 0) + 1;
    console.log(`POST failures by status (0: no response): ${JSON.stringify(counts)}`);
    if (errors.size > 0) console.log(`no response: ${JSON.stringify(Object.fromEntries(errors))}`);
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stop();
  if (seeded && !keep) {
    try {
      await db.query('rollback').catch(() => undefined);
      await cleanUp();
      console.log('\nRemoved the rows this run created.');
    } catch (error) {
      console.error(`Could not remove this run's rows (email bench-${run}-…):`, error);
      process.exitCode = 1;
    }
  }
  await db.end().catch(() => undefined);
}
