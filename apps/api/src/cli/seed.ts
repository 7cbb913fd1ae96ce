import { seedDemoData } from '../db/seed';
import { syncProgramCatalogue } from '../db/seed/programs';
import { connectDatabase } from '../platform/db/database';
import { openDatabaseServer } from '../platform/db/database-server';
import { runMigrations } from '../platform/db/migrate';
import { readConfigOrExit, say } from './config';

const config = readConfigOrExit();
const server = await openDatabaseServer(config, say);
const database = connectDatabase(server.url, { max: 2 });
try {
  await runMigrations(server.url);
  await syncProgramCatalogue(database.db);
  const { created, events } = await seedDemoData(database.db);
  say(`Demo data seeded (${created} new accounts, ${events} new webinars)`);
} finally {
  await database.close();
  await server.stop();
}
