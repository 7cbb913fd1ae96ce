// HTTP benchmark of the main read and write paths, in server mode, on the large data set.
//
//   npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_seed npm run bench:seed     # once
//   createdb -h 127.0.0.1 -U postgres -T capitune_seed capitune_bench                 # before each run
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench
//
// DATABASE_URL names a copy of the database filled by `npm run bench:seed`: the write scenarios add rows
// to it, which a later run would read (drop it and copy again). The script
//   1. picks fixtures from the data set (dossiers with a conversation and a verified agent, candidates,
//      upcoming webinars), opens a session for each and signs access tokens for them with a secret of its own; the directory's
//      scenario reads the public directory without a token: ten filter combinations, page 1 and page 2
//      (its cursor read from the recording instance);
//   2. starts one API instance with bench/lib/record-sql.mjs preloaded and the read cache off, and sends
//      each scenario's requests once (BENCH_FIXTURES different ones per scenario), recording the SQL each
//      request runs;
//   3. starts a clean API instance (`node apps/api/dist/main.js`, NODE_ENV=production, LOG_LEVEL as in
//      production unless set) and the bare node:http + pg server of bench/lib/bare-server.mjs, which
//      answers the same requests by replaying the recorded SQL: the ceiling of this machine;
//   4. per scenario: (a) with autocannon, the most requests/second at BENCH_CONNECTIONS (50) connections
//      for BENCH_DURATION (10) seconds, on the API and on the bare server, with p50/p95/p99 and their
//      ratio; (b) p50/p95/p99 of the API at a fixed offered load of BENCH_RATE (500) requests/second,
//      evenly paced over as many connections, after a pause of a second and a second of warm-up not
//      counted (bench/lib/paced-load.mjs says why, and why not autocannon's overallRate, which sends
//      each second's requests in a burst).
//   Paths whose result the API keeps (search, calendar month, directory: `cached`) are measured twice, with the read
//   cache (rows "search") and without (rows "search, cache off", a second instance with
//   READ_CACHE_SECONDS=0); the bare server runs all their SQL either way.
//   Reads rotate over the recorded requests, so both sides run the very same statements with the very
//   same parameters. Writes are new each time on both sides (a new message, registration or post).
//   BENCH_ONLY=dashboard,search runs some scenarios only.
// Prints a Markdown table. Figures, never assertions: run it on a quiet machine.
import { fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { createSigner } from 'fast-jwt';
import pg from 'pg';
import { pacedLoad } from './lib/paced-load.mjs';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench/http.mjs needs DATABASE_URL, a scratch database seeded by `npm run bench:seed`, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench',
  );
  process.exit(2);
}
if (!existsSync('apps/api/dist/main.js')) {
  console.error('Build first: npm run build');
  process.exit(2);
}
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const FIXTURES = Number(process.env.BENCH_FIXTURES ?? 50);
const POOL_MAX = process.env.DATABASE_POOL_MAX ?? '10';
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const secret = randomBytes(32).toString('hex');
const ports = { recorder: 3461, api: 3462, bare: 3463, uncached: 3464 };
const work = path.join(os.tmpdir(), `capitune-bench-${process.pid}`);
const sqlLog = `${work}-sql.jsonl`;
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---------------------------------------------------------------------------------------------------
// Fixtures
const db = new pg.Client({ connectionString: url });
await db.connect();
const userCount = Number((await db.query('select count(*) as n from users')).rows[0].n);
if (userCount < 1000) {
  console.error(`The database has ${userCount} users: seed it first with npm run bench:seed.`);
  process.exit(2);
}
const chats = (
  await db.query(`
    select d.id, d.owner_id, d.agent_id from dossiers d join dossier_chats c on c.dossier_id = d.id
    -- An agent whose licence is verified: the others have no access to their clients' dossiers.
    join pro_verifications v on v.user_id = d.agent_id and v.status = 'verified' and v.renewal_date >= current_date
    where c.last_seq >= 20
    order by d.id limit 2000`)
).rows;
const members = (
  await db.query(`
    select id from users where role = 'candidate' and status = 'active' and email_verified_at is not null
    order by id limit 20000`)
).rows.map((row) => row.id);
const upcoming = (
  await db.query(`
    select id from events where status = 'scheduled' and starts_at > now() + interval '1 day'
    order by starts_at, id limit 200`)
).rows.map((row) => row.id);
if (chats.length < FIXTURES || members.length < 1000 || upcoming.length < 10) {
  console.error('The data set lacks dossiers with conversations, candidates or upcoming webinars.');
  process.exit(2);
}
const roles = new Map(
  (
    await db.query('select id, role from users where id = any($1::uuid[])', [
      [...new Set([...chats.flatMap((chat) => [chat.owner_id, chat.agent_id]), ...members])],
    ])
  ).rows.map((row) => [row.id, row.role]),
);
// An access token is refused once its session has ended, or if it never existed (decision 009): one open
// session per signed-in fixture, as a login would have made.
const sessionOf = new Map(
  (
    await db.query(
      `insert into sessions (user_id, expires_at) select unnest($1::uuid[]), now() + interval '1 day'
       returning id, user_id`,
      [[...roles.keys()]],
    )
  ).rows.map((row) => [row.user_id, row.id]),
);
await db.end();

log(`signing ${roles.size} access tokens`);
const sign = createSigner({
  key: secret,
  algorithm: 'HS256',
  iss: 'capitune',
  aud: 'capitune-api',
  expiresIn: 3 * 3600_000,
});
const tokens = new Map();
for (const [userId, role] of roles)
  tokens.set(userId, sign({ sub: userId, role, sid: sessionOf.get(userId), ev: true }));

// ---------------------------------------------------------------------------------------------------
// Scenarios: `request(i)` is the i-th request; writes also name their variables (`vars`), which the bare
// server swaps into the recorded statements.
const monthStart = (offset) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString();
};
const searches = [
  'permis de travail',
  'entrée express',
  'résidence permanente',
  'biométrie délai',
  'logement montréal',
  'work permit',
  'express entry draw',
  'job offer lmia',
  'study permit',
  'citizenship test',
];
const categories = [undefined, 'express_entry', 'quebec', 'study', 'work', 'family'];
// The public directory (no token): filters a visitor combines, each read as its first and second page.
const directoryQueries = [
  'language=fr',
  'province=QC',
  'language=en&province=ON',
  'program=express_entry_fsw',
  'language=fr&province=QC&accepting=true',
  'regulator=cicc&licenceClass=L2',
  'sort=newest&province=ON',
  'mode=remote&language=es',
  'minRating=4',
  'sort=rating&program=study_permit',
];
/** `/api/pros?…` paths: page 1 and page 2 of each query, the cursors read from the recording instance. */
const directoryPaths = [];
const chat = (i) => chats[i % chats.length];

const scenarios = [
  {
    name: 'dashboard',
    request: (i) => ({ path: '/api/dashboard', user: i % 2 ? chat(i).agent_id : chat(i).owner_id }),
  },
  { name: 'dossier page', request: (i) => ({ path: `/api/dossiers/${chat(i).id}`, user: chat(i).owner_id }) },
  {
    name: 'directory filters and page 2',
    cached: true,
    request: (i) => ({ path: directoryPaths[i % directoryPaths.length] }),
  },
  {
    name: 'message history',
    request: (i) => ({ path: `/api/dossiers/${chat(i).id}/messages`, user: chat(i).owner_id }),
  },
  {
    name: 'feed page',
    request: (i) => {
      const category = categories[i % categories.length];
      return { path: `/api/posts${category ? `?category=${category}` : ''}`, user: members[i] };
    },
  },
  {
    name: 'search',
    cached: true,
    request: (i) => ({
      path: `/api/posts?q=${encodeURIComponent(searches[i % searches.length])}`,
      user: members[i],
    }),
  },
  {
    name: 'calendar month',
    cached: true,
    request: (i) => ({
      path: `/api/events?from=${monthStart(i % 3)}&to=${monthStart((i % 3) + 1)}&limit=100`,
      user: members[i],
    }),
  },
  {
    name: 'post message',
    write: true,
    request: (i) => {
      const { id, owner_id } = chat(i);
      const clientId = randomUUID();
      return {
        method: 'POST',
        path: `/api/dossiers/${id}/messages`,
        user: owner_id,
        body: { clientId, body: `Bonjour, voici la mise à jour n° ${i} de mon dossier.` },
        vars: { userId: owner_id, dossierId: id, clientId },
      };
    },
  },
  {
    name: 'register to a webinar',
    write: true,
    request: (i) => {
      // Every (person, webinar) pair once; consecutive requests go to different webinars, as they would.
      const eventId = upcoming[i % upcoming.length];
      const userId = members[Math.floor(i / upcoming.length) % members.length];
      return {
        method: 'POST',
        path: `/api/events/${eventId}/registrations`,
        user: userId,
        vars: { userId, eventId },
      };
    },
  },
  {
    name: 'create a post',
    write: true,
    request: (i) => {
      const userId = members[i % members.length];
      return {
        method: 'POST',
        path: '/api/posts',
        user: userId,
        body: {
          title: `Question ${i} sur l'examen médical`,
          body: `Bonjour à tous, combien de temps a pris votre examen médical chez le médecin désigné ? (${i})`,
          category: 'work',
          tags: ['examen', 'delais'],
        },
        vars: { userId },
      };
    },
  },
].filter((scenario) => !ONLY || ONLY.includes(scenario.name.split(' ')[0]) || ONLY.includes(scenario.name));

// ---------------------------------------------------------------------------------------------------
// Processes
function startApi(port, extra = {}) {
  // Started as `npm run start:server` and the deployment files start it.
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', ...(extra.preload ?? []), 'apps/api/dist/main.js'],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        DATABASE_POOL_MAX: POOL_MAX,
        JWT_SECRET: secret,
        ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 1).toString('base64')}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        SEED_DEMO: 'false',
        ...extra.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return child;
}

async function waitReady(port) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/ready`)).ok) return;
    } catch {}
    await sleep(250);
  }
  throw new Error(`the API on ${port} did not become ready`);
}

const stop = async (child) => {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
};

function apiRequest(spec) {
  return {
    method: spec.method ?? 'GET',
    path: spec.path,
    headers: {
      // Public paths (the directory) are read without a token.
      ...(spec.user ? { authorization: `Bearer ${tokens.get(spec.user)}` } : {}),
      ...(spec.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(spec.body ? { body: JSON.stringify(spec.body) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// 1. Record the SQL of each scenario's requests.
log('recording the SQL of every scenario');
// With the read cache off: the bare server runs all the SQL of a path, even where the API keeps its
// result (search, calendar month).
const recorder = startApi(ports.recorder, {
  preload: ['--import', './bench/lib/record-sql.mjs'],
  env: { BENCH_SQL_LOG: sqlLog, LOG_LEVEL: 'warn', READ_CACHE_SECONDS: '0' },
});
await waitReady(ports.recorder);

for (const query of directoryQueries) {
  const first = `/api/pros?${query}&limit=20`;
  const response = await fetch(`http://127.0.0.1:${ports.recorder}${first}`);
  if (!response.ok) throw new Error(`GET ${first} answered ${response.status}`);
  const { nextCursor } = await response.json();
  directoryPaths.push(first);
  if (nextCursor) directoryPaths.push(`${first}&cursor=${nextCursor}`);
}

async function recordOnce(spec) {
  writeFileSync(sqlLog, '');
  const request = apiRequest(spec);
  const response = await fetch(`http://127.0.0.1:${ports.recorder}${request.path}`, request);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${request.method} ${request.path} answered ${response.status}`);
  await sleep(20); // the last statement's line is written after the response may have left
  return readFileSync(sqlLog, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .sort((a, b) => a.order - b.order)
    .map(({ text, values, rowMode, row }) => ({ text, values, rowMode, row }));
}

const recordings = {};
let nextIndex = 0;
const slug = (name) => name.replaceAll(' ', '-');
for (const scenario of scenarios) {
  const list = [];
  for (let k = 0; k < FIXTURES; k++) {
    // A background job sharing the request pool could slip a statement in: record until two
    // recordings of the same request shape agree.
    for (let attempt = 0; ; attempt++) {
      const index = scenario.write ? nextIndex++ : k;
      const spec = scenario.request(index);
      const statements = await recordOnce(spec);
      if (scenario.write || attempt > 3) {
        list.push({ statements, vars: spec.vars ?? {} });
        break;
      }
      const again = await recordOnce(spec);
      if (again.map((s) => s.text).join('\n') === statements.map((s) => s.text).join('\n')) {
        list.push({ statements, vars: {} });
        break;
      }
    }
  }
  recordings[slug(scenario.name)] = { recordings: list };
  const counts = list.map((entry) => entry.statements.length);
  log(`  ${scenario.name}: ${Math.min(...counts)}–${Math.max(...counts)} statements per request`);
}
await stop(recorder);
const recordingsFile = `${work}-recordings.json`;
writeFileSync(recordingsFile, JSON.stringify(recordings));

// ---------------------------------------------------------------------------------------------------
// 2. Measure.
const api = startApi(ports.api);
await waitReady(ports.api);
// Paths whose result the API keeps (`cached`) are measured a second time with the cache off.
const uncached = scenarios.some((scenario) => scenario.cached)
  ? startApi(ports.uncached, { env: { READ_CACHE_SECONDS: '0' } })
  : null;
if (uncached) await waitReady(ports.uncached);
const bare = fork('bench/lib/bare-server.mjs', [recordingsFile, String(ports.bare)], {
  env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_MAX: POOL_MAX },
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
await new Promise((resolve) => bare.once('message', resolve));

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One autocannon run; latencies from every response, so that p95 is exact. */
async function load(scenario, target, { duration }) {
  const latencies = [];
  const statuses = new Map();
  const instance = autocannon({
    url: `http://127.0.0.1:${ports[target]}`,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        setupRequest: (request) => {
          const index = scenario.write ? nextIndex++ : nextIndex++ % FIXTURES;
          const spec = scenario.request(index);
          if (target !== 'bare') return { ...request, ...apiRequest(spec) };
          return {
            ...request,
            method: scenario.write ? 'POST' : 'GET',
            path: `/${slug(scenario.name)}/${index}`,
            headers: scenario.write ? { 'content-type': 'application/json' } : {},
            ...(scenario.write ? { body: JSON.stringify({ vars: spec.vars }) } : {}),
          };
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await instance;
  return summary(latencies, statuses, duration, result.errors + result.timeouts);
}

/** Requests/second answered with a 2xx, latency percentiles of every response, and the failures. */
function summary(latencies, statuses, duration, errors) {
  latencies.sort((a, b) => a - b);
  const ok = [...statuses].filter(([code]) => code < 300).reduce((sum, [, n]) => sum + n, 0);
  return {
    rps: ok / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failed: latencies.length - ok + errors,
    statuses: Object.fromEntries(statuses),
  };
}

/** The API at a fixed offered load, evenly paced (bench/lib/paced-load.mjs). */
async function paced(scenario, { duration, rate, target = 'api' }) {
  const { latencies, statuses, errors } = await pacedLoad({
    port: ports[target],
    rate,
    duration,
    connections: CONNECTIONS,
    request: () => apiRequest(scenario.request(scenario.write ? nextIndex++ : nextIndex++ % FIXTURES)),
  });
  return summary(latencies, statuses, duration, errors);
}

const ms = (value) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)}`);
const rows = [];
for (const scenario of scenarios) {
  const targets = scenario.cached ? ['api', 'uncached'] : ['api'];
  log(`${scenario.name}: warming up`);
  for (const target of targets) await load(scenario, target, { duration: 3 });
  await load(scenario, 'bare', { duration: 2 });
  log(`${scenario.name}: most requests/second, ${CONNECTIONS} connections, ${DURATION} s each`);
  const maxima = [];
  for (const target of targets) maxima.push(await load(scenario, target, { duration: DURATION }));
  const bareMax = await load(scenario, 'bare', { duration: DURATION });
  log(`${scenario.name}: fixed load of ${RATE} requests/second`);
  for (const [k, target] of targets.entries()) {
    const appMax = maxima[k];
    const fixed = await paced(scenario, { duration: DURATION, rate: RATE, target });
    const name = target === 'uncached' ? `${scenario.name}, cache off` : scenario.name;
    const row = { scenario: name, appMax, bareMax, fixed, ratio: appMax.rps / bareMax.rps };
    rows.push(row);
    log(
      `  ${name}: API ${appMax.rps.toFixed(0)}/s (p50 ${ms(appMax.p50)}, p99 ${ms(appMax.p99)} ms; failed ${appMax.failed}), ` +
        `bare ${bareMax.rps.toFixed(0)}/s (failed ${bareMax.failed}), ratio ${(row.ratio * 100).toFixed(0)}%, ` +
        `at ${RATE}/s p50 ${ms(fixed.p50)} p99 ${ms(fixed.p99)} ms (failed ${fixed.failed})`,
    );
    for (const [label, run] of [
      ['API', appMax],
      ['bare', bareMax],
      ['fixed', fixed],
    ]) {
      if (run.failed > 0) log(`  ${label} statuses: ${JSON.stringify(run.statuses)}`);
    }
  }
}
await stop(api);
if (uncached) await stop(uncached);
await stop(bare);

console.log(
  `\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
    `${CONNECTIONS} connections, ${DURATION} s per run, pool of ${POOL_MAX} connections on each side\n`,
);
console.log(
  `| path | API req/s | p50 | p95 | p99 (ms) | bare req/s | API ÷ bare | at ${RATE}/s: p50 | p95 | p99 (ms) |`,
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { scenario, appMax, bareMax, fixed, ratio } of rows) {
  console.log(
    `| ${scenario} | ${appMax.rps.toFixed(0)} | ${ms(appMax.p50)} | ${ms(appMax.p95)} | ${ms(appMax.p99)} | ` +
      `${bareMax.rps.toFixed(0)} | ${(ratio * 100).toFixed(0)}% | ${ms(fixed.p50)} | ${ms(fixed.p95)} | ${ms(fixed.p99)} |`,
  );
}
