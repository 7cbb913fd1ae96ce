// HTTP benchmark of a dossier document download: a file encrypted at rest beside the same file stored in
// clear, through the same route of the built API in server mode.
//
//   npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/documents-download.mjs
//
// DATABASE_URL names a PostgreSQL server where the script may create a database: it creates a fresh one
// (capitune_bench_documents_<pid>), dropped at the end. The script
//   1. starts one API instance (`node apps/api/dist/main.js`, NODE_ENV=production, logs at `warn` unless
//      LOG_LEVEL says otherwise, files on the local disk of a temporary DATA_DIR, as `npm run start:server`
//      starts it), which applies the migrations;
//   2. signs up a candidate through the API, marks the email verified in the database, signs in, opens a
//      dossier and uploads two PDFs of BENCH_FILE_BYTES (1 MiB) each: both are encrypted as every upload;
//      the second is then made what a file stored before encryption is (its plain bytes on disk, no data
//      key row), which the API serves as it is: the same route, access check and key lookup, without
//      the decryption;
//   3. checks that each download gives the exact bytes uploaded, then, with autocannon, downloads each one
//      as fast as it goes at BENCH_CONNECTIONS (10) connections for BENCH_DURATION (10) seconds, the
//      clear one, then the encrypted one, BENCH_ROUNDS (3) times in that order; prints the median run
//      of each (by requests/second): requests/second, MiB/s, latency p50/p90/p99 (autocannon's) and the CPU time the API process
//      spent per download (/proc/<pid>/stat: Linux only), a figure that other load on the machine
//      inflates much less than the others.
// Figures, never assertions: run it on a quiet machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    'bench/documents-download.mjs needs DATABASE_URL, a PostgreSQL server where it may create a database, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/documents-download.mjs',
  );
  process.exit(2);
}
if (!existsSync('apps/api/dist/main.js')) {
  console.error('Build first: npm run build');
  process.exit(2);
}
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FILE_BYTES = Number(process.env.BENCH_FILE_BYTES ?? 1024 * 1024);
const PORT = 3471;
const origin = `http://127.0.0.1:${PORT}`;
const log = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const databaseName = `capitune_bench_documents_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${databaseName}`);
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${databaseName}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-bench-documents-'));

const api = spawn(process.execPath, ['--max-semi-space-size=64', 'apps/api/dist/main.js'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.href,
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

/** A PDF of `bytes` bytes (file-type knows it by its first bytes), of random text that does not compress. */
function pdfOf(bytes) {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n% ');
  const tail = Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const body = Buffer.from(
    randomBytes(bytes)
      .toString('base64')
      .slice(0, bytes - head.length - tail.length),
  );
  return Buffer.concat([head, body, tail]);
}

async function call(method, route, { token, json, body, headers = {} } = {}) {
  const response = await fetch(`${origin}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: json ? JSON.stringify(json) : body,
  });
  if (!response.ok)
    throw new Error(`${method} ${route} answered ${response.status}: ${await response.text()}`);
  return response;
}

async function upload(token, dossier, content) {
  const form = new FormData();
  form.set('itemId', 'visitor_visa.passport');
  form.set('memberId', dossier.members[0].id);
  form.set('file', new Blob([content], { type: 'application/pdf' }), 'passport.pdf');
  return (await call('POST', `/api/dossiers/${dossier.id}/documents`, { token, body: form })).json();
}

/** CPU seconds the API process has used (Linux: /proc/<pid>/stat, user + system, in clock ticks of 10 ms). */
async function apiCpuSeconds() {
  const fields = (await readFile(`/proc/${api.pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One autocannon run, with the API's CPU time per request (which a busy machine does not inflate). */
async function run(route, token) {
  const cpuBefore = await apiCpuSeconds();
  const result = await new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${origin}${route}`,
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { authorization: `Bearer ${token}` },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  result.cpuMsPerRequest = (((await apiCpuSeconds()) - cpuBefore) * 1000) / result.requests.total;
  return result;
}

try {
  for (let ready = false, i = 0; !ready; i++) {
    if (i === 240 || api.exitCode !== null) throw new Error('the API did not become ready');
    ready = await fetch(`${origin}/api/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (!ready) await sleep(250);
  }
  log('signing up, uploading two files');
  const email = `bench-${process.pid}@bench.capitune.test`;
  const password = 'Capitune-Bench-2026-documents';
  await call('POST', '/api/auth/register', {
    json: { role: 'candidate', email, password, firstName: 'Amina', lastName: 'Diallo', locale: 'fr' },
  });
  const db = new pg.Client({ connectionString: databaseUrl.href });
  await db.connect();
  await db.query('update users set email_verified_at = now() where email = $1', [email]);
  const { accessToken: token } = await (
    await call('POST', '/api/auth/login', { json: { email, password } })
  ).json();
  const dossier = await (
    await call('POST', '/api/dossiers', { token, json: { programId: 'visitor_visa' } })
  ).json();
  const encryptedContent = pdfOf(FILE_BYTES);
  const clearContent = pdfOf(FILE_BYTES);
  const encrypted = await upload(token, dossier, encryptedContent);
  const clear = await upload(token, dossier, clearContent);
  const {
    rows: [{ blob_key: clearKey }],
  } = await db.query('select blob_key from documents where id = $1', [clear.id]);
  await writeFile(path.join(dataDir, 'files', clearKey), clearContent);
  await db.query('delete from blob_keys where blob_key = $1', [clearKey]);
  await db.end();

  const paths = {
    clear: `/api/documents/${clear.id}/download`,
    encrypted: `/api/documents/${encrypted.id}/download`,
  };
  for (const [name, content] of [
    ['clear', clearContent],
    ['encrypted', encryptedContent],
  ]) {
    const downloaded = Buffer.from(await (await call('GET', paths[name], { token })).arrayBuffer());
    if (!downloaded.equals(content)) throw new Error(`the ${name} download differs from the upload`);
  }

  const runs = { clear: [], encrypted: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const name of ['clear', 'encrypted']) {
      log(`${name}, run ${round}: ${CONNECTIONS} connections for ${DURATION} s`);
      const result = await run(paths[name], token);
      if (result.non2xx || result.errors)
        throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      runs[name].push(result);
    }
  }
  // The median run by requests/second.
  const best = Object.fromEntries(
    Object.entries(runs).map(([name, results]) => [
      name,
      results.sort((a, b) => a.requests.average - b.requests.average)[Math.floor(results.length / 2)],
    ]),
  );
  const mib = (FILE_BYTES / 1024 / 1024).toFixed(FILE_BYTES % (1024 * 1024) ? 2 : 0);
  console.log(
    `\nDownload of a ${mib} MiB PDF, ${CONNECTIONS} connections, ${DURATION} s (the median of ${ROUNDS} runs):\n`,
  );
  console.log('| file at rest | req/s | MiB/s | p50 | p90 | p99 (ms) | API CPU per download (ms) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, label] of [
    ['clear', 'in clear (stored before encryption)'],
    ['encrypted', 'encrypted (AES-256-GCM, 64 KiB segments)'],
  ]) {
    const result = best[name];
    console.log(
      `| ${label} | ${result.requests.average.toFixed(0)} | ${(result.throughput.average / 1024 / 1024).toFixed(0)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.cpuMsPerRequest.toFixed(1)} |`,
    );
  }
  console.log(
    `\nEncrypted ÷ clear: ${((100 * best.encrypted.requests.average) / best.clear.requests.average).toFixed(0)} % of the requests/second`,
  );
} finally {
  api.kill('SIGTERM');
  await new Promise((resolve) => (api.exitCode !== null ? resolve() : api.once('exit', resolve)));
  await admin.query(`drop database if exists ${databaseName}`);
  await admin.end();
  await rm(dataDir, { recursive: true, force: true });
}
