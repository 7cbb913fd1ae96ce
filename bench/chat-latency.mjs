// Chat delivery latency across two API instances.
//
//   npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench node bench/chat-latency.mjs
//
// Starts two API instances (server mode) on that database, opens BENCH_SOCKETS WebSockets (default
// 1,000: each dossier's candidate on instance A, its pro on instance B), posts BENCH_MESSAGES messages
// (default 2,000) over HTTP to instance A at BENCH_RATE per second (default 200), and measures the time
// from the POST until the pro's socket on instance B receives the message. Prints percentiles.
// Use a scratch database: the script adds users, dossiers and messages to it.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';
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
const pairs = Math.floor(sockets / 2);
const secret = randomBytes(32).toString('hex');
const ports = [3411, 3412];

function startInstance(port) {
  const child = spawn(process.execPath, ['apps/api/dist/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

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

const instances = [startInstance(ports[0])];
await waitReady(ports[0]); // the first applies the migrations
instances.push(startInstance(ports[1]));
await waitReady(ports[1]);

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const run = randomBytes(4).toString('hex');
console.log(`Seeding ${pairs} dossiers (a candidate and a pro each)…`);
const { rows: orgs } = await db.query(`insert into organisations (name) values ($1) returning id`, [
  `Bench ${run}`,
]);
const orgId = orgs[0].id;
const people = await db.query(
  `insert into users (email, password_hash, role, first_name, last_name, email_verified_at, organisation_id)
   select 'bench-' || $1 || '-' || g || '-' || r || '@example.ca', 'not-a-login', r::user_role, 'Bench', g::text, now(),
          case when r = 'pro' then $2::uuid end
   from generate_series(1, $3) g, unnest(array['candidate', 'pro']) r
   returning id, role, last_name`,
  [run, orgId, pairs],
);
const byIndex = new Map();
for (const row of people.rows) {
  const entry = byIndex.get(row.last_name) ?? {};
  entry[row.role] = row.id;
  byIndex.set(row.last_name, entry);
}
const couples = [...byIndex.values()];
const dossierRows = await db.query(
  `insert into dossiers (owner_id, program_id, status, organisation_id, agent_id)
   select (c->>'candidate')::uuid, 'express_entry_fsw', 'preparing', $1::uuid, (c->>'pro')::uuid
   from jsonb_array_elements($2::jsonb) c returning id, owner_id, agent_id`,
  [orgId, JSON.stringify(couples)],
);
const sessionRows = await db.query(
  `insert into sessions (user_id, expires_at) select unnest($1::uuid[]), now() + interval '1 day' returning id, user_id`,
  [people.rows.map((row) => row.id)],
);
const sessionOf = new Map(sessionRows.rows.map((row) => [row.user_id, row.id]));
const key = new TextEncoder().encode(secret);
const token = (userId, role) =>
  new SignJWT({ role, sid: sessionOf.get(userId), ev: true })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer('capitune')
    .setAudience('capitune-api')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);

const pending = new Map(); // clientId → sent time
const latencies = [];
let received = 0;

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
        const sent = pending.get(event.message.clientId);
        if (sent !== undefined) {
          latencies.push(performance.now() - sent);
          pending.delete(event.message.clientId);
          received += 1;
        }
      }
    });
  });
  socket.send(JSON.stringify({ type: 'auth', token: await token(userId, role) }));
  socket.send(JSON.stringify({ type: 'subscribe', dossierId }));
  await subscribed;
  return socket;
}

console.log(`Opening ${pairs * 2} sockets across two instances…`);
const opened = [];
for (const dossier of dossierRows.rows) {
  opened.push(openSocket(ports[0], dossier.owner_id, 'candidate', dossier.id, false));
  opened.push(openSocket(ports[1], dossier.agent_id, 'pro', dossier.id, true));
  if (opened.length % 100 === 0) await Promise.all(opened.slice(-100));
}
const open = await Promise.all(opened);
console.log(`${open.length} sockets open. Posting ${messageCount} messages at ${rate}/s through instance A…`);

const candidateTokens = new Map();
for (const dossier of dossierRows.rows)
  candidateTokens.set(dossier.id, await token(dossier.owner_id, 'candidate'));
const started = performance.now();
const posts = [];
for (let i = 0; i < messageCount; i++) {
  const dossier = dossierRows.rows[i % dossierRows.rows.length];
  const clientId = randomUUID();
  const due = started + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  pending.set(clientId, performance.now());
  posts.push(
    fetch(`http://127.0.0.1:${ports[0]}/api/dossiers/${dossier.id}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${candidateTokens.get(dossier.id)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ clientId, body: `bench message ${i}` }),
    }).then((response) => response.status),
  );
}
const statuses = await Promise.all(posts);
for (let i = 0; i < 100 && received < messageCount; i++) await sleep(100);

const sorted = latencies.sort((a, b) => a - b);
const at = (p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1) ?? '-';
console.log('\nChat delivery, POST on instance A → socket on instance B');
console.log(
  `sockets ${open.length}, messages ${messageCount} at ${rate}/s, posted OK ${statuses.filter((s) => s === 201).length}, delivered ${received}`,
);
console.log('| p50 | p95 | p99 | max |');
console.log('| --- | --- | --- | --- |');
console.log(`| ${at(50)} ms | ${at(95)} ms | ${at(99)} ms | ${sorted.at(-1)?.toFixed(1) ?? '-'} ms |`);

for (const socket of open) socket.close();
await db.end();
for (const child of instances) child.kill('SIGTERM');
