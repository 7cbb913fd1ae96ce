#!/usr/bin/env node
// What a first-time visitor downloads for the home page: the entry chunk of apps/web plus every chunk it
// imports statically (dynamic imports, i.e. the other pages, are left out), JavaScript and CSS apart,
// raw and gzipped (level 9). Run after `npm run build -w @capitune/web`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'apps/web/dist');
const manifestPath = join(dist, '.vite/manifest.json');

if (!existsSync(manifestPath)) {
  console.error(`No manifest at ${manifestPath}: run \`npm run build -w @capitune/web\` first.`);
  process.exit(1);
}

/** @type {Record<string, { file: string, isEntry?: boolean, imports?: string[], css?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entryKey = manifest['index.html']
  ? 'index.html'
  : Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) {
  console.error('The manifest has no entry chunk.');
  process.exit(1);
}

// Walk the static import graph from the entry.
const js = new Set();
const css = new Set();
const seen = new Set();
const queue = [entryKey];
while (queue.length > 0) {
  const key = queue.shift();
  if (seen.has(key)) continue;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`Chunk ${key} is missing from the manifest`);
  if (chunk.file.endsWith('.js')) js.add(chunk.file);
  for (const file of chunk.css ?? []) css.add(file);
  queue.push(...(chunk.imports ?? []));
}

function measure(file) {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function table(title, files) {
  const rows = [...files].map(measure).sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip }), {
    raw: 0,
    gzip: 0,
  });
  const width = Math.max(title.length, 'total'.length, ...rows.map((row) => row.file.length));
  const line = (name, raw, gzip) => `${name.padEnd(width)}  ${raw.padStart(10)}  ${gzip.padStart(10)}`;
  console.log(line(title, 'raw', 'gzip'));
  console.log('-'.repeat(width + 24));
  for (const row of rows) console.log(line(row.file, kb(row.raw), kb(row.gzip)));
  console.log(line('total', kb(total.raw), kb(total.gzip)));
  console.log();
  return total;
}

console.log(`Home page (${entryKey}): entry chunk and its static imports\n`);
const jsTotal = table('JavaScript', js);
const cssTotal = table('CSS', css);
console.log(
  `Home page total: ${kb(jsTotal.gzip)} JS + ${kb(cssTotal.gzip)} CSS = ${kb(jsTotal.gzip + cssTotal.gzip)} gzipped ` +
    `(${kb(jsTotal.raw + cssTotal.raw)} raw)`,
);
