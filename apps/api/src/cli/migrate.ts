import { syncProgramCatalogue } from '../db/seed/programs';
import { connectDatabase } from '../platform/db/database';
import { openDatabaseServer } from '../platform/db/database-server';
import { runMigrations } from '../platform/db/migrate';
import { readConfigOrExit, say } from './config';

const config = readConfigOrExit();
const server = await openDatabaseServer(config, say);
try {
  await runMigrations(server.url);
  const database = connectDatabase(server.url, { max: 1 });
  await syncProgramCatalogue(database.db);
  await database.close();
  say('Migrations applied, programs catalogue up to date');
} finally {
  await server.stop();
}
