// The benchmark data set: a CAPITUNE of 50,000 users, for the HTTP benchmarks in server mode.
//
//   createdb -h 127.0.0.1 -U postgres capitune_bench
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench:seed
//
// DATABASE_URL must name a scratch database that may be filled with test data, never a production one.
// The script applies the migrations, syncs the programs catalogue, then builds in one transaction (so the
// data set is entirely there or not at all), with INSERT … SELECT generate_series, one statement per table:
//   - 50,000 users: 45,000 candidates, 4,500 pros in 1,000 firms, 500 admins; every account active with a
//     verified email, ~60 % in French, time zones of where they live;
//   - 10,000 dossiers (most assigned to a firm and to an agent of that firm) with their members,
//     milestones, internal notes, pending assignment requests, and ~150,000 documents along the programs'
//     checklists (versions, review states, expiry dates), expiry warnings already sent;
//   - 1,000,000 chat messages (gapless seq per dossier, candidate and agent in turn, some unread);
//   - Inside: 200,000 posts and 1,000,000 comments (threads), likes, held items (the same seeder as
//     bench/inside.mjs);
//   - Live: 2,000 webinars around today (past, upcoming, a few drafts and cancelled) and 100,000
//     registrations (seats, waitlists, cancellations, attendance);
//   - the in-app notifications those would have produced;
// then VACUUM ANALYZE, and prints the time of each step and the rows of each table. A few minutes on 2 cores.
//
// Signing in: every seeded user has the password `Capitune-Bench-2026` and an email of the pattern
//   candidate-00001@bench.capitune.test … candidate-45000@…   (candidates)
//   pro-00001@bench.capitune.test … pro-04500@…               (pros; pro k works at firm 1 + (k − 1) % 1000)
//   admin-00001@bench.capitune.test … admin-00500@…           (admins)
// Dossier n (from 1) belongs to candidate 1 + (n − 1) % 9,500, so candidates 1–500 own two dossiers and
// candidates above 9,500 none; 17 in 20 (all but n % 20 = 0, 7, 13) are assigned to firm 1 + (n − 1) % 1000
// and followed by one of its pros (dossier 1: firm 1, pro-00001). The fixtures printed at the end name
// a few to start from.
//
// Not made: files (documents are metadata rows; the benchmark does not download them), sessions, audit
// entries, emails, and pg-boss jobs. In particular no reminder job is queued for the seeded webinars (that
// would send up to 100,000 emails); webinars published through the API queue their own.
//
// Idempotent: when the data set is already there it says so and stops. BENCH_RESEED=1 empties every
// table of the product (the programs catalogue aside) and seeds again. BENCH_SCALE (default 1) scales
// every count, e.g. BENCH_SCALE=0.01 for a quick check of 500 users.
// The API's sources are TypeScript: they are loaded through tsx's loader.

import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench/seed.mjs needs DATABASE_URL, the connection string of a scratch database it may fill, e.g.\n' +
      '  createdb -h 127.0.0.1 -U postgres capitune_bench\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench:seed',
  );
  process.exit(1);
}
const scale = Number(process.env.BENCH_SCALE ?? 1);
if (!(scale > 0 && scale <= 10)) {
  console.error(`BENCH_SCALE must be a number above 0 and at most 10, not "${process.env.BENCH_SCALE}"`);
  process.exit(1);
}

register();
const { runMigrations } = await import('../apps/api/src/platform/db/migrate.ts');
const { connectDatabase } = await import('../apps/api/src/platform/db/database.ts');
const { syncProgramCatalogue } = await import('../apps/api/src/db/seed/programs.ts');
const { seedLargeDataSet, benchPassword } = await import('../apps/api/src/db/seed/large-data-set.ts');

const started = performance.now();
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

let since = performance.now();
await runMigrations(url);
log(`migrations: ${seconds(since)}`);
since = performance.now();
const database = connectDatabase(url, { max: 1 });
await syncProgramCatalogue(database.db);
log(`programs catalogue: ${seconds(since)}`);

const result = await seedLargeDataSet(url, { scale, reseed: process.env.BENCH_RESEED === '1', log });
log(`${result.seeded ? 'seeded' : 'left as it was'} in ${seconds(started)}`);
console.table(result.rows);

// A few fixtures to start from (the same at every run of one scale). Dossier n has the id
// pg_temp.sid('dossier', n) of apps/api/src/db/seed/bulk-sql.ts.
const fixtures = await database.pool.query(
  `
  with dossier as (
    select d.id, d.organisation_id, c.last_seq, owner.email as owner, agent.email as agent
    from dossiers d join users owner on owner.id = d.owner_id join users agent on agent.id = d.agent_id
    left join dossier_chats c on c.dossier_id = d.id
    where d.id = overlay(overlay(md5('dossier:1') placing '4' from 13) placing '8' from 17)::uuid)
  select (select id from dossier) as dossier_id, (select owner from dossier) as owner,
    (select agent from dossier) as agent, (select last_seq from dossier) as messages,
    (select email from users where role = 'pro' and organisation_id <> (select organisation_id from dossier)
      order by email limit 1) as other_firm_pro,
    (select d.id from dossiers d join dossier_chats c on c.dossier_id = d.id order by c.last_seq desc limit 1)
      as busiest_dossier,
    (select max(last_seq) from dossier_chats) as busiest_messages,
    (select r.dossier_id || ': ' || u.email || ' has ' || (c.last_seq - r.last_read_seq) || ' unread'
     from message_reads r join dossier_chats c using (dossier_id) join users u on u.id = r.user_id
     where r.last_read_seq < c.last_seq order by u.email limit 1) as unread,
    (select id from events where status = 'scheduled' and starts_at > now() order by starts_at limit 1)
      as next_webinar`,
);
const row = fixtures.rows[0];
console.log(`
Password of every seeded user: ${benchPassword}
dossier 1: ${row.dossier_id}, of ${row.owner}, followed by ${row.agent} (${row.messages ?? 0} messages)
${row.other_firm_pro} is a pro of another firm (refused on dossier 1)
unread messages: dossier ${row.unread}
busiest conversation: dossier ${row.busiest_dossier} (${row.busiest_messages} messages)
next webinar: ${row.next_webinar}`);
await database.close();
