import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';

const fixture = fileURLToPath(new URL('../../../test/fixtures/start-embedded-postgres.ts', import.meta.url));

/** Running, as opposed to gone or a zombie waiting to be reaped. */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return /^\d+ \(.*\) [^ZX]/.test(stat);
}

function startInChild(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the child exited with ${code}`)));
  });
  return { child, ready };
}

describe('embedded PostgreSQL', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('comes back up, data intact, after the process that started it was killed with SIGKILL', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'capitune-embedded-'));
    const first = startInChild(dir);
    await first.ready;
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    // The orphaned server is still running and its pid file is still there.
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    const orphanPid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
    expect(await isRunning(orphanPid)).toBe(true);

    const server = await startEmbeddedPostgres(dir);
    try {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      const { rows } = await client.query('select note from survivor');
      await client.end();
      expect(rows).toEqual([{ note: 'written before the crash' }]);
      expect(await isRunning(orphanPid)).toBe(false);
    } finally {
      await server.stop();
    }
    expect(existsSync(pidFile)).toBe(false);
  }, 90_000);
});
