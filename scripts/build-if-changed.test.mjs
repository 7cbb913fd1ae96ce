import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNeeded, buildOutputs, recordBuild } from './build-if-changed.mjs';

describe('build-if-changed', () => {
  let root;
  const put = async (path, content) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  };
  /** A checkout that was built: sources, outputs, and the hash recorded after the build. */
  const built = async () => {
    for (const output of buildOutputs) await put(output, 'built');
    await recordBuild(root, (await buildNeeded(root)).current);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'capitune-build-'));
    await put('package-lock.json', '{}');
    await put('apps/web/index.html', '<!doctype html>');
    await put('apps/web/src/main.tsx', 'render()');
    await put('apps/api/src/main.ts', 'listen()');
    await put('packages/contracts/src/index.ts', 'export {}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('builds a fresh checkout, then skips while nothing changed', async () => {
    expect(await buildNeeded(root)).toMatchObject({ needed: true });
    await built();
    expect(await buildNeeded(root)).toMatchObject({ needed: false });
    // Touching a file (a checkout, a copy) is not a change.
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'apps/api/src/main.ts'), later, later);
    expect((await buildNeeded(root)).needed).toBe(false);
  });

  it.each([
    ['a web source', 'apps/web/src/main.tsx'],
    ['a new API source', 'apps/api/src/new-module.ts'],
    ['a contract', 'packages/contracts/src/index.ts'],
    ['the lock file', 'package-lock.json'],
    ['a TypeScript configuration', 'tsconfig.base.json'],
    ['the Vite configuration', 'apps/web/vite.config.ts'],
  ])('builds again after a change to %s', async (_, path) => {
    await built();
    await put(path, 'changed');
    expect(await buildNeeded(root)).toMatchObject({
      needed: true,
      reason: 'sources changed since the last build',
    });
  });

  it('skips after a change to a test only, and builds when an output is missing', async () => {
    await built();
    await put('apps/api/src/main.test.ts', 'it()');
    expect((await buildNeeded(root)).needed).toBe(false);
    await rm(join(root, 'apps/web/dist'), { recursive: true });
    expect(await buildNeeded(root)).toMatchObject({
      needed: true,
      reason: 'apps/web/dist/index.html missing',
    });
  });
});
