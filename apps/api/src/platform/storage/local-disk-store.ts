import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InvariantError } from '../../lib/errors';
import type { BlobStore } from './blob-store';

const PARTIAL = '.partial';

/**
 * Files on the local disk (embedded mode, single-server installs). Written to a temporary name first
 * (`<key>.partial`), renamed once complete.
 */
export function createLocalDiskStore(root: string): BlobStore {
  const fileOf = (key: string) => {
    const file = path.resolve(root, key);
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new InvariantError(`Invalid blob key: ${key}`);
    return file;
  };
  return {
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}${PARTIAL}`;
      try {
        await pipeline(body, createWriteStream(partial, { mode: 0o600 }));
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = fileOf(key);
      await access(file);
      // Reads of 256 KiB (the default is 64): a few encrypted segments each, fewer trips to the thread pool.
      return createReadStream(file, { highWaterMark: 256 * 1024 });
    },
    async delete(key) {
      const file = fileOf(key);
      // The journal of uploads (`pending_uploads`) names a key whose upload a crash cut: its partial file.
      await Promise.all([rm(file, { force: true }), rm(`${file}${PARTIAL}`, { force: true })]);
    },
    async exists(key) {
      return access(fileOf(key)).then(
        () => true,
        () => false,
      );
    },
    async sweepPartials(before) {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      let removed = 0;
      for (const entry of entries) {
        if (!entry.isFile() || !entry.name.endsWith(PARTIAL)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const modified = await stat(file).then(
          (info) => info.mtime,
          () => null,
        );
        if (modified && modified < before) {
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
