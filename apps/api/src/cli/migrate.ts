import { openDatabaseServer } from '../platform/db/database-server';
import { runMigrations } from '../platform/db/migrate';
import { readConfigOrExit, say } from './config';

const config = readConfigOrExit();
const server = await openDatabaseServer(config, say);
try {
  await runMigrations(server.url);
  say('Migrations applied');
} finally {
  await server.stop();
}
