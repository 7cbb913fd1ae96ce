// Admin console benchmark: the members' list (search, filters, keyset pages) and the platform statistics,
// in server mode, on the large data set.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_seed npm run bench:seed     # once
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_seed npm run bench:admin
//
// DATABASE_URL names a database filled by `npm run bench:seed` (never a production one): the script only
// reads it, except that it gives the admin it signs in as a running two-factor grace (seeded admins have
// none) and writes the statistics snapshots. The script
//   1. starts the API (`apps/api/src/main.ts` through tsx, NODE_ENV=production, its jobs running) and signs
//      in as admin-00001 with the seed's password, as the admin console does;
//   2. empties `stats_snapshots` and times the first `GET /api/admin/stats` of each period, which computes
//      the snapshot on demand (what the `admin.stats-refresh` job does every 5 minutes);
//   3. per scenario: p50/p99 at a fixed offered load of BENCH_RATE (100) requests/second, evenly paced over
//      BENCH_CONNECTIONS (10) connections for BENCH_DURATION (10) seconds (bench/lib/paced-load.mjs),
//      then the most requests/second autocannon gets at the same connections for 5 seconds.
// Prints a Markdown table. Figures, never assertions: run it on a quiet machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { pacedLoad } from './lib/paced-load.mjs';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench/admin.mjs needs DATABASE_URL, a database seeded by `npm run bench:seed`, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_seed npm run bench:admin',
  );
  process.exit(2);
}
const RATE = Number(process.env.BENCH_RATE ?? 100);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3471);
const ADMIN = 'admin-00001@bench.capitune.test';
const PASSWORD = 'Capitune-Bench-2026';
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const db = new pg.Client({ connectionString: url });
await db.connect();
const userCount = Number((await db.query('select count(*) as n from users')).rows[0].n);
if (userCount < 1000) {
  console.error(`The database has ${userCount} users: seed it first with npm run bench:seed.`);
  process.exit(2);
}
// Seeded admins have no second factor and no grace: password sign-in would only offer to set one up.
await db.query(`update users set two_factor_grace_ends_at = now() + interval '1 day' where email = $1`, [
  ADMIN,
]);
await db.query('delete from stats_snapshots');
// A name fragment and an email that exist in the data set.
const sample = (
  await db.query(
    `select last_name, email from users where role = 'candidate' order by email limit 1 offset 4321`,
  )
).rows[0];
await db.end();

const api = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'apps/api/src/main.ts'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 1).toString('base64')}`,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${PORT}`;
const stopApi = async () => {
  if (api.exitCode !== null) return;
  api.kill('SIGTERM');
  await new Promise((resolve) => api.once('exit', resolve));
};

try {
  for (let i = 0; ; i++) {
    if (i === 240) throw new Error('the API did not become ready');
    try {
      if ((await fetch(`${base}/api/ready`)).ok) break;
    } catch {}
    await sleep(250);
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN, password: PASSWORD }),
  });
  const session = await login.json();
  if (!session.accessToken) throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(session)}`);
  const headers = { authorization: `Bearer ${session.accessToken}` };
  const get = async (path) => {
    const response = await fetch(`${base}${path}`, { headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };

  log('statistics: computing each period once (no snapshot yet)');
  const compute = [];
  for (const days of ['30', '90', '365']) {
    const started = performance.now();
    await get(`/api/admin/stats?days=${days}`);
    compute.push(`${days} days ${(performance.now() - started).toFixed(0)} ms`);
  }

  const secondPage = await get('/api/admin/users?role=candidate');
  if (!secondPage.nextCursor) throw new Error('the members list has a single page');
  const scenarios = [
    [
      'users: name fragment',
      `/api/admin/users?q=${encodeURIComponent(sample.last_name.slice(0, 5).toLowerCase())}`,
    ],
    ['users: an email', `/api/admin/users?q=${encodeURIComponent(sample.email)}`],
    ['users: role filter (pro)', '/api/admin/users?role=pro'],
    [
      'users: page 2 (cursor)',
      `/api/admin/users?role=candidate&cursor=${encodeURIComponent(secondPage.nextCursor)}`,
    ],
    ['stats: 30 days', '/api/admin/stats?days=30'],
    ['stats: 365 days', '/api/admin/stats?days=365'],
  ];

  const percentile = (sorted, p) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const rows = [];
  for (const [name, path] of scenarios) {
    const first = await get(path);
    log(`${name}: ${Array.isArray(first.items) ? `${first.items.length} rows` : 'ok'}, paced at ${RATE}/s`);
    const paced = await pacedLoad({
      port: PORT,
      rate: RATE,
      duration: DURATION,
      connections: CONNECTIONS,
      request: () => ({ path, headers }),
    });
    paced.latencies.sort((a, b) => a - b);
    const failed = [...paced.statuses].filter(([code]) => code >= 300).reduce((sum, [, n]) => sum + n, 0);
    const most = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: 5, headers });
    rows.push({
      name,
      p50: percentile(paced.latencies, 50),
      p99: percentile(paced.latencies, 99),
      failed: failed + paced.errors,
      max: Math.round(most.requests.average),
      maxFailed: most.errors + most.non2xx,
    });
  }

  console.log(
    `\nAdmin console, ${userCount} users; first computation of the statistics: ${compute.join(', ')}.`,
  );
  console.log(
    `\n| scenario | p50 ms at ${RATE}/s | p99 ms at ${RATE}/s | failed | most req/s (${CONNECTIONS} conn.) |`,
  );
  console.log('|---|---|---|---|---|');
  for (const row of rows)
    console.log(
      `| ${row.name} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.failed} | ${row.max}${row.maxFailed ? ` (${row.maxFailed} failed)` : ''} |`,
    );
} finally {
  await stopApi();
}
