import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { findFreePort } from '../../src/platform/db/embedded-postgres';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const mainJs = path.join(repoRoot, 'apps/api/dist/main.js');

export interface Instance {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in time`);
}

/** Starts the built API (`apps/api/dist/main.js`) in server mode, as a deployment runs it. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [mainJs], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitFor(`${url}/api/ready`),
      exited.then((code) => {
        throw new Error(`${name} exited (${code}) at start: ${errors}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name,
    port,
    url,
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** nginx (Debian's package) in front of the instances, load-balancing HTTP and WebSocket traffic. */
export async function startNginx(upstreams: Instance[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'capitune-nginx-'));
  await chmod(dir, 0o777);
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(path.join(dir, sub), { mode: 0o777 });
    await chmod(path.join(dir, sub), 0o777);
  }
  const port = await findFreePort();
  const config = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream capitune_api {
    ${upstreams.map((instance) => `server 127.0.0.1:${instance.port} max_fails=1 fail_timeout=2s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 21m;
    location /api/ws {
      proxy_pass http://capitune_api;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
    }
    location / {
      proxy_pass http://capitune_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_request_buffering off;
    }
  }
}`;
  await writeFile(path.join(dir, 'nginx.conf'), config);
  const child = spawn('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`, 20_000);
  return {
    url,
    host: `127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGQUIT');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const clusterSecret = () => randomBytes(32).toString('hex');
/** Master keys for a cluster's instances (`ENCRYPTION_KEYS`), the same for each. */
export const clusterEncryptionKeys = () => `cluster:${randomBytes(32).toString('base64')}`;

/**
 * Makes a pro's licence verified directly in the database (the admin's decision is not the subject here):
 * their file, created at sign-up, or a new one for a pro inserted by hand (a random CICC licence).
 */
export async function verifyPro(sql: pg.Client, userId: string): Promise<void> {
  const licence = `R${String(randomInt(1_000_000)).padStart(6, '0')}`;
  await sql.query(
    `insert into pro_verifications (user_id, licence_number, licence_class, status, submitted_at,
       entitled_to_practise, checked_at, verified_since, renewal_date, next_check_date)
     values ($1, $2, 'L1', 'verified', now(), true, now(), now(), current_date + 365, current_date + 365)
     on conflict (user_id) do update set status = 'verified', submitted_at = now(), entitled_to_practise = true,
       checked_at = now(), verified_since = now(), renewal_date = current_date + 365,
       next_check_date = current_date + 365`,
    [userId, licence],
  );
}
