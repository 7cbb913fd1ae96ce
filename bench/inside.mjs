// Inside benchmark: feed and search latency on a community of realistic size.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench node bench/inside.mjs
//
// DATABASE_URL must name an existing, empty or previously seeded database that may be filled with test
// data: never a production one. The script
//   1. applies the migrations;
//   2. seeds BENCH_POSTS posts (default 200,000) and BENCH_COMMENTS comments (default 1,000,000) from
//      2,000 users, in French and English, with categories, tags, likes and threads, in bulk with
//      INSERT … SELECT generate_series (a few minutes on 2 cores), with the Inside seeder of
//      `npm run bench:seed` (apps/api/src/db/seed/bulk-inside.ts); skipped when the posts are already there
//      (the full data set of `npm run bench:seed` included; BENCH_RESEED=1 empties the Inside tables and
//      seeds again);
//   3. builds the real API in this process (`buildApp`), listens on a free port of 127.0.0.1, and sends
//      BENCH_REQUESTS (default 200) HTTP requests per scenario, one at a time, as a signed-in member;
//   4. prints p50/p95/p99 per scenario, then the throughput of two scenarios under 10 connections
//      (autocannon, 5 s each).
// The API's sources are TypeScript: they are loaded through tsx's loader.

import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { register } from 'tsx/esm/api';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench/inside.mjs needs DATABASE_URL, the connection string of a scratch database it may fill, e.g.\n' +
      '  createdb -h 127.0.0.1 -U postgres capitune_bench\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench node bench/inside.mjs',
  );
  process.exit(1);
}
const POSTS = Number(process.env.BENCH_POSTS ?? 200_000);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const USERS = 2_000;

register();
const { runMigrations } = await import('../apps/api/src/platform/db/migrate.ts');
const { buildApp } = await import('../apps/api/src/app.ts');
const { loadConfig } = await import('../apps/api/src/config.ts');
const { connectDatabase } = await import('../apps/api/src/platform/db/database.ts');
const { startJobs } = await import('../apps/api/src/platform/jobs/jobs.ts');
const { systemClock } = await import('../apps/api/src/platform/clock.ts');
const { signAccessToken } = await import('../apps/api/src/lib/tokens.ts');
const { createLocalDiskStore } = await import('../apps/api/src/platform/storage/local-disk-store.ts');
const { installSqlHelpers } = await import('../apps/api/src/db/seed/bulk-sql.ts');
const { seedInside, insideTags: tags } = await import('../apps/api/src/db/seed/bulk-inside.ts');
const { postCategories: categories } = await import('@capitune/contracts');

const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const client = new pg.Client({ connectionString: url });
await client.connect();
const timed = async (label, text) => {
  const started = performance.now();
  const result = await client.query(text);
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

log('migrating');
await runMigrations(url);

if (process.env.BENCH_RESEED === '1') {
  await client.query('truncate comment_likes, post_likes, flags, comments, posts cascade');
  await client.query("delete from users where email like 'bench-%@bench.capitune.test'");
}
const existing = Number((await client.query('select count(*) as n from posts')).rows[0].n);

if (existing >= POSTS && process.env.BENCH_RESEED !== '1') {
  log(`${existing} posts already there: seeding skipped (BENCH_RESEED=1 to seed again)`);
} else if (existing > 0) {
  console.error(
    `${existing} posts are there, fewer than ${POSTS}: BENCH_RESEED=1 empties the Inside tables and seeds again`,
  );
  process.exit(1);
} else {
  log(`seeding ${USERS} users, ${POSTS} posts, ${COMMENTS} comments`);
  // One transaction: the community is entirely there or not at all.
  await client.query('begin');
  await installSqlHelpers(client, new Date());
  await timed(
    'users',
    `insert into users (email, password_hash, role, first_name, last_name, locale, email_verified_at, created_at)
     select 'bench-' || g || '@bench.capitune.test', 'not-a-hash',
       (case when g % 10 = 0 then 'pro' else 'candidate' end)::user_role,
       'Membre' || g, 'Banc', (case when g % 3 = 0 then 'en' else 'fr' end)::locale,
       now(), now() - interval '730 days'
     from generate_series(1, ${USERS}) g
     on conflict (email) do nothing`,
  );
  await client.query(`create temp table seed_authors as
    select row_number() over (order by id)::int as n, id, locale::text as locale
    from users where email like 'bench-%@bench.capitune.test'`);
  await client.query('alter table seed_authors add primary key (n)');
  const authors = (await client.query('select count(*)::int as n from seed_authors')).rows[0].n;
  await seedInside(client, { posts: POSTS, comments: COMMENTS, authors, watchedWordsBy: null, log });
  await client.query('commit');
  await timed('vacuum analyze', 'vacuum analyze posts, comments, post_likes, comment_likes, users');
}

const counts = (
  await client.query(
    'select (select count(*) from posts) as posts, (select count(*) from comments) as comments, pg_size_pretty(pg_database_size(current_database())) as size',
  )
).rows[0];
log(`database: ${counts.posts} posts, ${counts.comments} comments, ${counts.size}`);

// The API, built as main.ts builds it, on this database.
const secret = 'bench-secret-that-is-at-least-32-characters';
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: url,
  JWT_SECRET: secret,
  ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 1).toString('base64')}`,
  WEB_DIST_DIR: '/nonexistent',
  DATABASE_POOL_MAX: '10',
});
const database = connectDatabase(url, { max: 10 });
const jobs = await startJobs(url, { work: false });
const app = await buildApp({
  config: { ...config, jwtSecret: new TextEncoder().encode(secret) },
  db: database.db,
  pool: database.pool,
  clock: systemClock,
  jobs,
  mailer: null,
  storage: createLocalDiskStore(tmpdir()),
  // Nothing here needs other instances: a bus that publishes to no one.
  events: { subscribe: () => () => undefined, publish: async () => undefined, close: async () => undefined },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${app.server.address().port}`;
// A member of this script's community, or of the full data set of `npm run bench:seed`.
const member = (
  await client.query(
    "select id from users where email like 'bench-%' or email = 'candidate-00001@bench.capitune.test' order by email limit 1",
  )
).rows[0];
const token = await signAccessToken(
  {
    id: member.id,
    role: 'candidate',
    sessionId: '00000000-0000-4000-8000-000000000000',
    emailVerified: true,
  },
  new TextEncoder().encode(secret),
  new Date(),
);
const headers = { authorization: `Bearer ${token}` };
const busyPosts = (
  await client.query(
    'select id from posts where deleted_at is null and status = $1 order by comment_count desc limit 50',
    ['published'],
  )
).rows.map((row) => row.id);

async function get(path) {
  const response = await fetch(`${base}${path}`, { headers });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const pick = (values, n) => values[n % values.length];
const frenchQueries = [
  'dossier',
  'permis de travail',
  'résidence permanente',
  'logement montréal',
  'etudes',
  'parrainage conjoint',
  '"lettre employeur"',
  'dossier -refus',
  'biometrie délai',
  'citoyenneté examen',
];
const englishQueries = [
  'work permit',
  'express entry draw',
  'job offer',
  'proof of funds',
  'sponsorship spouse',
  '"processing time"',
  'housing -lease',
];
const typoQueries = ['imigration', 'residance', 'permiss', 'Ontairo', 'vancover'];

/** Each scenario: a function from the request number to the path, possibly following cursors. */
const scenarios = [
  ['feed new, first page', (n) => `/api/posts?limit=20${n < 0 ? '' : ''}`],
  ['feed new, pages 2–10 (cursor)', null, { walk: '/api/posts?limit=20', pages: 10 }],
  ['feed top, first page', () => '/api/posts?sort=top&limit=20'],
  ['feed top, pages 2–10 (cursor)', null, { walk: '/api/posts?sort=top&limit=20', pages: 10 }],
  ['feed by category (new)', (n) => `/api/posts?category=${pick(categories, n)}&limit=20`],
  ['feed by category (top)', (n) => `/api/posts?category=${pick(categories, n)}&sort=top&limit=20`],
  ['feed by tag (new)', (n) => `/api/posts?tag=${pick(tags, n)}&limit=20`],
  ['feed by tag (top)', (n) => `/api/posts?tag=${pick(tags, n)}&sort=top&limit=20`],
  ['search, French queries', (n) => `/api/posts?q=${encodeURIComponent(pick(frenchQueries, n))}&limit=20`],
  ['search, English queries', (n) => `/api/posts?q=${encodeURIComponent(pick(englishQueries, n))}&limit=20`],
  [
    'search + category',
    (n) =>
      `/api/posts?q=${encodeURIComponent(pick(frenchQueries, n))}&category=${pick(categories, n)}&limit=20`,
  ],
  [
    'search, page 2 (cursor)',
    null,
    { walk: (n) => `/api/posts?q=${encodeURIComponent(pick(frenchQueries, n))}&limit=20`, pages: 2 },
  ],
  [
    'search, typos (trigram fallback)',
    (n) => `/api/posts?q=${encodeURIComponent(pick(typoQueries, n))}&limit=20`,
  ],
  ['one post', (n) => `/api/posts/${pick(busyPosts, n)}`],
  ['comments of a busy post', (n) => `/api/posts/${pick(busyPosts, n)}/comments?limit=50`],
];

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const results = [];
for (const [name, path, walk] of scenarios) {
  const times = [];
  let rows = 0;
  // A few unmeasured requests first, so that each scenario starts with warm connections.
  for (let n = 0; n < 5; n++) if (path) await get(path(n));
  for (let n = 0; times.length < REQUESTS; n++) {
    if (walk) {
      let cursor = null;
      const first = typeof walk.walk === 'function' ? walk.walk(n) : walk.walk;
      for (let page = 1; page <= walk.pages && times.length < REQUESTS; page++) {
        const started = performance.now();
        const body = await get(`${first}${cursor ? `&cursor=${cursor}` : ''}`);
        // The first page is the other scenario: only the pages reached by a cursor are timed here.
        if (page > 1) times.push(performance.now() - started);
        rows += page > 1 ? body.items.length : 0;
        cursor = body.nextCursor;
        if (!cursor) break;
      }
    } else {
      const started = performance.now();
      const body = await get(path(n));
      times.push(performance.now() - started);
      rows += Array.isArray(body.items) ? body.items.length : 1;
    }
  }
  times.sort((a, b) => a - b);
  results.push({
    scenario: name,
    requests: times.length,
    'rows/req': (rows / times.length).toFixed(1),
    'p50 ms': percentile(times, 50).toFixed(1),
    'p95 ms': percentile(times, 95).toFixed(1),
    'p99 ms': percentile(times, 99).toFixed(1),
    'max ms': times.at(-1).toFixed(1),
  });
  log(`${name}: done`);
}
console.log(
  `\nInside latency over HTTP, ${counts.posts} posts, ${counts.comments} comments, one request at a time:`,
);
console.table(results);

const throughput = [];
for (const [name, path] of [
  ['feed new, first page', '/api/posts?limit=20'],
  ['search "permis de travail"', `/api/posts?q=${encodeURIComponent('permis de travail')}&limit=20`],
]) {
  const run = await autocannon({ url: `${base}${path}`, connections: 10, duration: 5, headers });
  throughput.push({
    scenario: name,
    'req/s': Math.round(run.requests.average),
    'p50 ms': run.latency.p50,
    'p99 ms': run.latency.p99,
    errors: run.errors + run.non2xx,
  });
}
console.log('\nThroughput, 10 connections for 5 s (autocannon):');
console.table(throughput);

await app.close();
await jobs.stop({ graceful: false });
await database.close();
await client.end();
