// Benchmark of the personal data export (Law 25 / PIPEDA access and portability): the ZIP of a member
// with 5,000 messages and 100 files, built in-process by the export job, as the worker builds it.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench:privacy
//
// DATABASE_URL names a migrated scratch database (ideally the large data set of `npm run bench:seed`, so
// that the export's queries run among 1,000,000 messages, 150,000 documents…; any migrated database
// works). Never a production one: the script adds a member to it.
// The script
//   1. creates, once (found again on later runs by its email, bench-export@bench.capitune.test), a
//      candidate with a dossier of 5,000 messages (BENCH_MESSAGES; theirs and a pro's, in turn when the
//      data set has a pro) and 100 PDFs of 50–200 KiB (BENCH_FILES) uploaded by them, stored through the
//      real file store (local disk under DATA_DIR, default a folder in the system's temp dir; S3 when
//      S3_* is set), encrypted at rest as every upload; files missing from the store are written again;
//   2. queues an export for them and runs the job's handler in this process, sampling the heap every
//      20 ms;
//   3. reads the stored ZIP back (decrypting it) to count its entries, and prints the wall time of the
//      build, the ZIP's size, the peak heap sampled, and the process's peak RSS
//      (process.resourceUsage().maxRSS) before and after the build.
// Figures, never assertions: run it on a quiet machine.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { loadConfig } from '../apps/api/src/config';
import type { AppDeps } from '../apps/api/src/deps';
import { runExportBuild } from '../apps/api/src/modules/privacy';
import { systemClock } from '../apps/api/src/platform/clock';
import { createKeyring, localMasterKey } from '../apps/api/src/platform/crypto/keyring';
import { connectDatabase } from '../apps/api/src/platform/db/database';
import { localSecret } from '../apps/api/src/platform/local-secret';
import { createOutbox } from '../apps/api/src/platform/mailer/outbox';
import { createBlobStore } from '../apps/api/src/platform/storage/create-blob-store';

if (!process.env.DATABASE_URL) {
  console.error(
    'bench/privacy-export.ts needs DATABASE_URL, a migrated scratch database, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/capitune_bench npm run bench:privacy',
  );
  process.exit(2);
}
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5000);
const FILES = Number(process.env.BENCH_FILES ?? 100);
const EMAIL = 'bench-export@bench.capitune.test';
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const dataDir = process.env.DATA_DIR ?? path.join(os.tmpdir(), 'capitune-bench-privacy');
const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, DATA_DIR: dataDir });
const jwtSecret = config.jwtSecret ?? (await localSecret(config.dataDir, 'jwt'));
const encryptionKeys = config.encryptionKeys ?? [await localMasterKey(config.dataDir)];
const database = connectDatabase(config.databaseUrl as string, { max: 4 });
const { db, pool } = database;
const storage = createBlobStore(config, { db, keyring: createKeyring(encryptionKeys) });
const silent = { warn() {}, error() {}, info() {}, debug() {} } as never;
const deps = {
  config: { ...config, jwtSecret, encryptionKeys },
  db,
  pool,
  clock: systemClock,
  storage,
  // No relay: the "ready" email stays in the outbox, as in embedded mode.
  outbox: createOutbox({ pool, jobs: null as never, mailer: null, clock: systemClock, log: silent }),
} as unknown as AppDeps;

/** A PDF of about `bytes` bytes of random text (file-type knows it by its first bytes). */
function pdfOf(bytes: number): Buffer {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ';
  return Buffer.concat([
    Buffer.from(head),
    Buffer.from(
      randomBytes(Math.ceil(bytes * 0.75))
        .toString('base64')
        .slice(0, bytes - head.length - 6),
    ),
    Buffer.from('\n%%EOF'),
  ]);
}

/** The member, their dossier, messages and files: made once, completed when something is missing. */
async function ensureMember(): Promise<{ userId: string; dossierId: string }> {
  const found = await pool.query<{ id: string }>('select id from users where email = $1', [EMAIL]);
  let userId = found.rows[0]?.id;
  if (!userId) {
    const made = await pool.query<{ id: string }>(
      `insert into users (email, password_hash, role, first_name, last_name, locale, email_verified_at)
       values ($1, '!bench: no sign-in', 'candidate', 'Amina', 'Export', 'fr', now()) returning id`,
      [EMAIL],
    );
    userId = made.rows[0]?.id as string;
    log(`member created: ${userId}`);
  }
  const dossierRow = await pool.query<{ id: string }>(
    'select id from dossiers where owner_id = $1 order by created_at limit 1',
    [userId],
  );
  let dossierId = dossierRow.rows[0]?.id;
  if (!dossierId) {
    // Assigned to the first firm and pro of the data set when there is one: the pro writes every other message.
    const pro = await pool.query<{ id: string; organisation_id: string }>(
      `select id, organisation_id from users where role = 'pro' and organisation_id is not null
        order by email limit 1`,
    );
    const made = await pool.query<{ id: string }>(
      `insert into dossiers (owner_id, program_id, status, organisation_id, agent_id, agent_since)
       values ($1, (select id from programs order by sort_order limit 1), 'preparing', $2, $3, $4)
       returning id`,
      [
        userId,
        pro.rows[0]?.organisation_id ?? null,
        pro.rows[0]?.id ?? null,
        pro.rows[0] ? new Date() : null,
      ],
    );
    dossierId = made.rows[0]?.id as string;
    await pool.query(
      `insert into dossier_members (dossier_id, role, full_name, date_of_birth)
       values ($1, 'principal', 'Amina Export', '1990-04-12')`,
      [dossierId],
    );
  }
  const counted = await pool.query<{ n: number }>(
    'select count(*)::int as n from messages where dossier_id = $1',
    [dossierId],
  );
  const have = counted.rows[0]?.n ?? 0;
  if (have < MESSAGES) {
    const started = performance.now();
    await pool.query(
      `with dossier as (select id, coalesce(agent_id, owner_id) as other, owner_id from dossiers where id = $1)
       insert into messages (dossier_id, seq, author_id, client_id, body, created_at)
       select d.id, s, case when s % 2 = 0 then d.other else d.owner_id end, gen_random_uuid(),
              'Message ' || s || ' : ' || repeat(md5(s::text), 4),
              now() - make_interval(mins => ($3 - s))
         from dossier d, generate_series($2::int + 1, $3::int) s`,
      [dossierId, have, MESSAGES],
    );
    await pool.query(
      `insert into dossier_chats (dossier_id, last_seq) values ($1, $2)
       on conflict (dossier_id) do update set last_seq = excluded.last_seq`,
      [dossierId, MESSAGES],
    );
    await pool.query(
      `insert into message_reads (dossier_id, user_id, last_read_seq, read_at) values ($1, $2, $3, now())
       on conflict do nothing`,
      [dossierId, userId, MESSAGES],
    );
    log(`${MESSAGES - have} messages written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const member = await pool.query<{ id: string }>(
    `select id from dossier_members where dossier_id = $1 and role = 'principal'`,
    [dossierId],
  );
  const memberId = member.rows[0]?.id as string;
  const docs = await pool.query<{ blob_key: string; n: number }>(
    `select blob_key, row_number() over (order by created_at, id)::int as n from documents
      where dossier_id = $1 and uploaded_by = $2 and blob_key is not null`,
    [dossierId, userId],
  );
  let written = 0;
  for (const doc of docs.rows) {
    if (await storage.exists(doc.blob_key)) continue;
    // A data key wrapped by another master key (a temp dir cleared): the file and its key start anew.
    await storage.delete(doc.blob_key);
    await storage.put(
      doc.blob_key,
      Readable.from([pdfOf(50_000 + ((doc.n * 1543) % 150_000))]),
      'application/pdf',
    );
    written++;
  }
  for (let n = docs.rows.length + 1; n <= FILES; n++) {
    const content = pdfOf(50 * 1024 + ((n * 1543) % (150 * 1024)));
    const key = `dossiers/${dossierId}/${randomUUID()}`;
    await storage.put(key, Readable.from([content]), 'application/pdf');
    await pool.query(
      `insert into documents (dossier_id, item_id, member_id, version, status, blob_key, original_name,
                              content_type, size_bytes, sha256, uploaded_by)
       values ($1, null, $2, 1, 'pending', $3, $4, 'application/pdf', $5, $6, $7)`,
      [
        dossierId,
        memberId,
        key,
        `piece-${String(n).padStart(3, '0')}.pdf`,
        content.length,
        createHash('sha256').update(content).digest('hex'),
        userId,
      ],
    );
    written++;
  }
  if (written > 0) log(`${written} files written to the store`);
  return { userId, dossierId };
}

async function zipEntries(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      let count = 0;
      zip.on('entry', () => {
        count++;
        zip.readEntry();
      });
      zip.once('end', () => resolve(count));
      zip.once('error', reject);
      zip.readEntry();
    });
  });
}

try {
  const users = await pool.query<{ n: number }>('select count(*)::int as n from users');
  const allMessages = await pool.query<{ n: number }>('select count(*)::int as n from messages');
  log(
    `database: ${users.rows[0]?.n} users, ${allMessages.rows[0]?.n} messages; files in ${config.s3 ? 'S3' : dataDir}`,
  );
  const { userId } = await ensureMember();
  await pool.query(
    `update data_exports set status = 'failed' where user_id = $1 and status in ('queued', 'building')`,
    [userId],
  );
  const exported = await pool.query<{ id: string }>(
    'insert into data_exports (user_id) values ($1) returning id',
    [userId],
  );
  const exportId = exported.rows[0]?.id as string;
  global.gc?.();
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    heapPeak = Math.max(heapPeak, usage.heapUsed);
    rssPeak = Math.max(rssPeak, usage.rss);
  }, 20);
  const started = performance.now();
  await runExportBuild(deps, { data: { exportId }, retryCount: 0 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssAfter = process.resourceUsage().maxRSS * 1024;

  const row = await pool.query<{ status: string; size_bytes: number; blob_key: string }>(
    'select status, size_bytes, blob_key from data_exports where id = $1',
    [exportId],
  );
  const result = row.rows[0];
  const folder = await mkdtemp(path.join(os.tmpdir(), 'capitune-bench-export-'));
  const copy = path.join(folder, 'export.zip');
  await pipeline(await storage.get(result?.blob_key as string), createWriteStream(copy));
  const entries = await zipEntries(copy);
  await rm(folder, { recursive: true, force: true });
  // The bench's export is not kept: the next run makes another.
  await storage.delete(result?.blob_key as string);
  await pool.query(`update data_exports set status = 'expired', blob_key = null where id = $1`, [exportId]);

  console.log('');
  console.log(`export of a member with ${MESSAGES} messages and ${FILES} files (status ${result?.status})`);
  console.log(`  wall time          ${seconds.toFixed(2)} s`);
  console.log(
    `  ZIP size           ${mib(result?.size_bytes ?? 0)} (${result?.size_bytes} bytes), ${entries} entries`,
  );
  console.log(`  heap used          ${mib(heapBefore)} before, peak ${mib(heapPeak)} sampled every 20 ms`);
  console.log(
    `  RSS                peak ${mib(rssPeak)} sampled; process maxRSS ${mib(rssBefore)} before the build, ${mib(rssAfter)} after`,
  );
} finally {
  await database.close();
}
