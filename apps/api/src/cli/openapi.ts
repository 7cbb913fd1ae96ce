/**
 * Writes the API's OpenAPI document to the file named by its argument, without a database or a server:
 * the app is built (routes and schemas) and never listens. `npm run lint:openapi` lints what it writes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { systemClock } from '../platform/clock';
import { connectDatabase } from '../platform/db/database';
import { unavailableSmsSender } from '../platform/sms/sms-sender';
import { createLocalDiskStore } from '../platform/storage/local-disk-store';

const target = process.argv[2];
if (!target) {
  console.error('usage: tsx apps/api/src/cli/openapi.ts <file.json>');
  process.exit(2);
}
// Nothing below connects: the pool is lazy and no request is served.
const url = 'postgres://openapi@127.0.0.1:1/openapi';
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: url,
  JWT_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEYS: `openapi:${Buffer.alloc(32).toString('base64')}`,
  LOG_LEVEL: 'silent',
});
const database = connectDatabase(url, { max: 1 });
const app = await buildApp({
  config: {
    ...config,
    jwtSecret: config.jwtSecret ?? new Uint8Array(32),
    encryptionKeys: config.encryptionKeys ?? [],
  },
  db: database.db,
  pool: database.pool,
  clock: systemClock,
  jobs: new PgBoss(url),
  mailer: null,
  storage: createLocalDiskStore(mkdtempSync(path.join(os.tmpdir(), 'capitune-openapi-'))),
  bus: {
    subscribe: () => () => undefined,
    publish: async () => undefined,
    publishing: () => sql`null`,
    close: async () => undefined,
  },
  sms: unavailableSmsSender,
});
await app.ready();
mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await database.close();
