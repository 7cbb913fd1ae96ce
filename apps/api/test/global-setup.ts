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
import { checkRecordings } from './sql-recordings';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to the server's maintenance database, to create and drop test databases. */
    testAdminUrl: string;
    /** The migrated database every test database is copied from. */
    testTemplateDatabase: string;
    /** The start of the name of every database this run creates (and drops at the end). */
    testDatabasePrefix: string;
    /** Where each test file writes the statements it saw sent (sql-recorder.ts). */
    sqlRecordDir: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * The databases of one run are named after DATABASE_URL's database and the run's process, so that runs
 * sharing a server (two checkouts, CI and a developer) never see, nor drop, each other's databases.
 */
function runPrefix(url: string | undefined): string {
  const base = url ? decodeURIComponent(new URL(url).pathname.slice(1)) : '';
  const safe =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, 30) || 'capitune';
  return `${safe}_t${process.pid}_`;
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
  const prefix = runPrefix(process.env.DATABASE_URL);
  const template = `${prefix}tpl`;
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
  await jobs.stop({ graceful: false });

  project.provide('testAdminUrl', adminUrl);
  project.provide('testTemplateDatabase', template);
  project.provide('testDatabasePrefix', prefix);
  const sqlRecordDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-sql-'));
  project.provide('sqlRecordDir', sqlRecordDir);

  return async () => {
    const mode = process.env.RECORD_SQL === 'write' ? 'write' : 'update';
    const missing = checkRecordings(sqlRecordDir, mode);
    await rm(sqlRecordDir, { recursive: true, force: true });
    // Test databases of this run that a crashed worker did not drop, and the template.
    const { rows } = await admin.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await admin.query(`drop database if exists ${admin.escapeIdentifier(datname)} with (force)`);
    }
    await admin.end();
    await embedded?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    // .ci/run fails when this leaves apps/api/queries changed.
    if (missing.length > 0)
      console.info(
        `apps/api/queries: ${missing.length} new statement(s) recorded; commit them:\n${missing.join('\n')}`,
      );
  };
}
