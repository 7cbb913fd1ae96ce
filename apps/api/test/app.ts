import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { connectDatabase, type DatabaseHandle } from '../src/platform/db/database';
import { createTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

/**
 * The whole API on a fresh database, as `main.ts` builds it, for `app.inject` tests.
 * `env` overrides environment variables (as strings, like the real environment).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: BuildAppOptions & { beforeReady?: (app: FastifyInstance) => void | Promise<void> } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabase.url,
    WEB_DIST_DIR: '/nonexistent',
    ...env,
  });
  const database = connectDatabase(testDatabase.url, { max: 5 });
  const app = await buildApp({ config, db: database.db, pool: database.pool }, options);
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}
