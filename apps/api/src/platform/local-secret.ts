import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A secret for embedded mode, generated on first start and kept in the data folder (mode 0600), so
 * that sessions survive a restart. Servers take theirs from the environment.
 */
export async function localSecret(dataDir: string, name: string): Promise<Uint8Array> {
  const file = path.join(dataDir, `${name}.secret`);
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' }).catch(
      (error) => {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      },
    );
  }
  return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
}
