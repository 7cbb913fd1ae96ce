// The boundaries of .dependency-cruiser.cjs hold on the code, and each rule fails on a forbidden import
// (a fixture tree made here), so a rule that silently matches nothing cannot pass for a check.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const run = promisify(execFile);

/** The rules broken in `cwd`'s tree, as `rule: from → to` lines. */
async function violations(cwd, paths) {
  const { stdout } = await run(
    process.execPath,
    [cli, ...paths, '--config', path.join(cwd, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error) => error); // exits non-zero when something is violated; the JSON says what
  return JSON.parse(stdout).summary.violations.map(
    (violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`,
  );
}

describe('the boundaries of the code', () => {
  const fixture = mkdtempSync(path.join(os.tmpdir(), 'capitune-boundaries-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('hold on the API, the web app and the contracts', { timeout: 60_000 }, async () => {
    expect(
      await violations(root, ['apps/api/src', 'apps/api/test', 'apps/web/src', 'packages/contracts/src']),
    ).toEqual([]);
  });

  it('fail on each forbidden import', { timeout: 60_000 }, async () => {
    const files = {
      'apps/api/src/main.ts': "import { buildApp } from './app';\nexport const main = buildApp;",
      'apps/api/src/app.ts': "import { aRoutes } from './modules/a';\nexport const buildApp = () => aRoutes;",
      'apps/api/src/workers.ts':
        "import { work } from './modules/a/a.service';\nexport const workers = work;",
      'apps/api/src/db/schema/index.ts': 'export const table = 1;',
      'apps/api/src/modules/a/index.ts':
        "export { aRoutes } from './a.routes';\nexport { work } from './a.service';",
      'apps/api/src/modules/a/a.routes.ts':
        "import { read } from './a.queries';\nexport const aRoutes = read;",
      'apps/api/src/modules/a/a.service.ts':
        "import { table } from '../../db/schema';\nimport { helper } from '../b/b.service';\nimport { buildApp } from '../../app';\nexport const work = [table, helper, buildApp];",
      'apps/api/src/modules/a/a.queries.ts': 'export const read = 1;',
      'apps/api/src/modules/b/index.ts': "export { helper } from './b.service';",
      'apps/api/src/modules/b/b.service.ts':
        "import { work } from '../a';\nexport const helper = () => work;",
      'apps/web/src/features/x/page.tsx': "import { Other } from '../y/other';\nexport const Page = Other;",
      'apps/web/src/features/y/other.tsx': 'export const Other = 1;',
      'apps/web/src/lib/shared.ts': "import { Page } from '../features/x/page';\nexport const shared = Page;",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      writeFileSync(path.join(fixture, file), `${text}\n`);
    }
    cpSync(path.join(root, '.dependency-cruiser.cjs'), path.join(fixture, '.dependency-cruiser.cjs'));
    cpSync(path.join(root, 'tsconfig.base.json'), path.join(fixture, 'tsconfig.base.json'));
    cpSync(path.join(root, 'tsconfig.depcruise.json'), path.join(fixture, 'tsconfig.depcruise.json'));
    mkdirSync(path.join(fixture, 'packages/contracts/src'), { recursive: true });
    mkdirSync(path.join(fixture, 'apps/api/test'), { recursive: true });

    const found = await violations(fixture, ['apps']);
    expect(found).toEqual(
      expect.arrayContaining([
        'api-module-through-its-face: apps/api/src/modules/a/a.service.ts → apps/api/src/modules/b/b.service.ts',
        'api-outside-modules-through-faces: apps/api/src/workers.ts → apps/api/src/modules/a/a.service.ts',
        'nothing-imports-app: apps/api/src/modules/a/a.service.ts → apps/api/src/app.ts',
        'services-hold-no-sql: apps/api/src/modules/a/a.service.ts → apps/api/src/db/schema/index.ts',
        'routes-call-services: apps/api/src/modules/a/a.routes.ts → apps/api/src/modules/a/a.queries.ts',
        'web-feature-stays-in-its-folder: apps/web/src/features/x/page.tsx → apps/web/src/features/y/other.tsx',
        'web-shared-code-stays-generic: apps/web/src/lib/shared.ts → apps/web/src/features/x/page.tsx',
      ]),
    );
    // a → b (through b's internal file) and b → a (through a's face): a cycle, whichever way it is entered.
    expect(found.some((line) => line.startsWith('no-cycles: apps/api/src/modules/'))).toBe(true);
  });
});
