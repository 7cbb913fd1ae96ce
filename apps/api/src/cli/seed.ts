import { seedDemoData } from '../db/seed';
import { syncProgramCatalogue } from '../db/seed/programs';
import { queueMissingReminders } from '../modules/live';
import { systemClock } from '../platform/clock';
import { createKeyring, masterKeysOf } from '../platform/crypto/keyring';
import { connectDatabase } from '../platform/db/database';
import { openDatabaseServer } from '../platform/db/database-server';
import { runMigrations } from '../platform/db/migrate';
import { startJobs } from '../platform/jobs/jobs';
import { createBlobStore } from '../platform/storage/create-blob-store';
import { readConfigOrExit, say } from './config';

const config = readConfigOrExit();
const server = await openDatabaseServer(config, say);
const database = connectDatabase(server.url, { max: 2 });
try {
  await runMigrations(server.url);
  await syncProgramCatalogue(database.db);
  const keyring = createKeyring(await masterKeysOf(config));
  const storage = createBlobStore(config, { db: database.db, keyring });
  const { created, events } = await seedDemoData(database.db, { storage });
  // The demo webinars' reminders, queued as publishing a webinar queues them.
  const jobs = await startJobs(server.url, { work: false, settings: config.jobs });
  try {
    await queueMissingReminders({ pool: database.pool, jobs, clock: systemClock });
  } finally {
    await jobs.stop({ graceful: false });
  }
  say(`Demo data seeded (${created} new accounts, ${events} new webinars)`);
} finally {
  await database.close();
  await server.stop();
}
