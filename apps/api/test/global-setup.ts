import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { syncProgramCatalogue } from '../src/db/seed/programs';
import { connectDatabase } from '../src/platform/db/database';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../src/platform/db/embedded-postgres';
import { runMigrations } from '../src/platform/db/migrate';
import { startJobs } from '../src/platform/jobs/jobs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to the server's maintenance database, to create and drop test databases. */
    testAdminUrl: string;
    /** The migrated database every test database is copied from. */
    testTemplateDatabase: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Once per run: a PostgreSQL server (the one of DATABASE_URL, or an embedded one in a temporary folder
 * when it is unset) and a template database with every migration applied.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgresHandle | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-test-pg-'));
    embedded = await startEmbeddedPostgres(tempDir, { persistent: false });
    adminUrl = embedded.adminUrl;
  }
  const template = `capitune_test_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await runMigrations(withDatabase(adminUrl, template));
  const templateDatabase = connectDatabase(withDatabase(adminUrl, template), { max: 1 });
  await syncProgramCatalogue(templateDatabase.db);
  await templateDatabase.close();
  // pg-boss's schema and queues too, so each test database starts ready for jobs.
  const jobs = await startJobs(withDatabase(adminUrl, template), { work: false });
  await jobs.stop({ graceful: false, wait: true });

  project.provide('testAdminUrl', adminUrl);
  project.provide('testTemplateDatabase', template);

  return async () => {
    // Test databases of this run that a crashed worker did not drop.
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'capitune_test_%'",
    );
    for (const { datname } of rows) {
      await admin.query(`drop database if exists ${admin.escapeIdentifier(datname)} with (force)`);
    }
    await admin.end();
    await embedded?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
}
