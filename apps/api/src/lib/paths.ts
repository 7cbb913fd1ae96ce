import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvariantError } from './errors';

/** The API package's folder, found from this file whether it runs from `src/` or from the `dist/` bundle. */
function findApiRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new InvariantError('Cannot find the API package folder');
    dir = parent;
  }
  return dir;
}

export const apiRoot = findApiRoot();
export const migrationsDir = path.join(apiRoot, 'src/db/migrations');
export const defaultWebDistDir = path.resolve(apiRoot, '../web/dist');
