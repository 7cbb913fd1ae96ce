/**
 * The recorded SQL of each module (see sql-recorder.ts), against the committed apps/api/queries/*.sql.
 * A statement sent by the tests but missing from every file is added to its module's file: `.ci/run` fails
 * when the tests leave apps/api/queries changed (commit it). One statement a line, whitespace collapsed. `RECORD_SQL=write` rewrites the files from this run alone: use it on a
 * full run (`npm run queries:record`), as statements no test sent are dropped.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const queriesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'queries');

const header = (module: string) =>
  `-- Every statement the ${module} ${module === 'platform' ? 'layer' : 'module'} sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),\n` +
  '-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.\n';

function readCommitted(module: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path.join(queriesDir, `${module}.sql`), 'utf8');
  } catch {
    return new Set();
  }
  return new Set(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('--'))
      .map((line) => line.replace(/;$/, '')),
  );
}

function write(module: string, statements: Set<string>) {
  const sorted = [...statements].sort();
  writeFileSync(
    path.join(queriesDir, `${module}.sql`),
    `${header(module)}${sorted.map((s) => `${s};\n`).join('')}`,
  );
}

/** Compares (or writes) the recordings of one run; returns what is missing from the committed files. */
export function checkRecordings(recordDir: string, mode: 'update' | 'write'): string[] {
  const byModule = new Map<string, Set<string>>();
  for (const file of readdirSync(recordDir)) {
    for (const line of readFileSync(path.join(recordDir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const [module, text] = JSON.parse(line) as [string, string];
      const statements = byModule.get(module) ?? new Set<string>();
      // One line each, whitespace collapsed: a diff shows the statements that changed.
      statements.add(text.replace(/\s+/g, ' ').trim().replace(/;$/, ''));
      byModule.set(module, statements);
    }
  }
  if (byModule.size === 0) return [];
  const missing: string[] = [];
  // A statement counts as committed in whichever module's file it is: which module a statement is
  // taken for can differ between runs (two modules sending the same text), its presence cannot.
  const everyCommitted = new Set(
    readdirSync(queriesDir)
      .filter((file) => file.endsWith('.sql'))
      .flatMap((file) => [...readCommitted(file.slice(0, -'.sql'.length))]),
  );
  for (const [module, recorded] of byModule) {
    if (mode === 'write') {
      write(module, recorded);
      continue;
    }
    const committed = readCommitted(module);
    const absent = [...recorded].filter((statement) => !everyCommitted.has(statement));
    if (absent.length === 0) continue;
    missing.push(...absent.map((statement) => `${module}: ${statement}`));
    write(module, new Set([...committed, ...absent]));
  }
  return missing;
}
