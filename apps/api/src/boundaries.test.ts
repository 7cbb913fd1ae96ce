import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = path.dirname(fileURLToPath(import.meta.url));
const appFile = path.join(srcDir, 'app.ts');

/** Every source file of the API, tests left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The files a source file imports by a relative path (static imports, re-exports and `import()`). */
function relativeImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)].map(
    (match) => match[1] ?? '',
  );
  return specifiers.map((specifier) => {
    const target = path.resolve(path.dirname(file), specifier);
    return target.endsWith('.ts') || target.endsWith('.js') ? target : `${target}.ts`;
  });
}

describe('the boundaries of the API', () => {
  it('finds imports, so that the rules below can fail', () => {
    expect(relativeImports(path.join(srcDir, 'x.ts'), "import { buildApp } from './app';")).toEqual([
      appFile,
    ]);
    expect(
      relativeImports(path.join(srcDir, 'modules/m/m.ts'), "import type { A } from '../../app';"),
    ).toEqual([appFile]);
  });

  it('nothing imports app.ts but main.ts (and tests): the shared types live in deps.ts', () => {
    const importers = sourceFiles(srcDir)
      .filter((file) => file !== path.join(srcDir, 'main.ts'))
      .filter((file) => relativeImports(file).includes(appFile))
      .map((file) => path.relative(srcDir, file));
    expect(importers).toEqual([]);
  });
});
