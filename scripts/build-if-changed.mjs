// `npm start` builds the web app and the API only when their sources changed since the last successful
// build: it hashes the build's inputs and compares them with the hash kept after that build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the builds read: a folder is read whole, a missing path is skipped. */
export const buildInputs = [
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  'apps/api/src',
  'apps/api/build.mjs',
  'apps/api/package.json',
  'apps/api/tsconfig.json',
  'packages/contracts/src',
  'packages/contracts/package.json',
  'packages/contracts/tsconfig.json',
];

/** What the builds write: if one is missing, build whatever the hash says. */
export const buildOutputs = ['apps/web/dist/index.html', 'apps/api/dist/main.js'];

/** Where the hash of the last successful build is kept (ignored by git, removed by `npm ci`). */
export const stampPath = 'node_modules/.cache/capitune/build-inputs.sha256';

// Tests are never bundled: editing one does not call for a build.
const isTest = (name) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(name);

async function filesUnder(root, path) {
  const full = join(root, path);
  let entries;
  try {
    entries = await readdir(full, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOTDIR') return [path];
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const files = [];
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(root, child)));
    else if (entry.isFile() && !isTest(entry.name)) files.push(child);
  }
  return files;
}

/** A SHA-256 over the paths and contents of every input file, in a stable order. */
export async function hashBuildInputs(root, inputs = buildInputs) {
  const files = (await Promise.all(inputs.map((input) => filesUnder(root, input)))).flat();
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(file.split(sep).join('/'));
    hash.update('\0');
    hash.update(await readFile(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether a build is needed, and the inputs' hash to keep once it has succeeded. */
export async function buildNeeded(root) {
  const current = await hashBuildInputs(root);
  const missing = buildOutputs.filter((output) => !existsSync(join(root, output)));
  if (missing.length > 0) return { needed: true, current, reason: `${missing.join(', ')} missing` };
  const last = await readFile(join(root, stampPath), 'utf8').catch(() => null);
  if (last === null) return { needed: true, current, reason: 'no build recorded' };
  if (last.trim() !== current)
    return { needed: true, current, reason: 'sources changed since the last build' };
  return { needed: false, current, reason: 'sources unchanged since the last build' };
}

export async function recordBuild(root, hash) {
  await mkdir(dirname(join(root, stampPath)), { recursive: true });
  await writeFile(join(root, stampPath), `${hash}\n`);
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { needed, current, reason } = await buildNeeded(root);
  if (!needed) {
    console.log(`[capitune] Build skipped: ${reason}`);
    return;
  }
  console.log(`[capitune] Building (${reason})`);
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // The hash of the sources as they were when the build started: an edit made meanwhile builds again.
  await recordBuild(root, current);
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') await main();
