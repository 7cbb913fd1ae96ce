import { verifyAuditChain } from '../modules/audit';
import { connectDatabase } from '../platform/db/database';
import { openDatabaseServer } from '../platform/db/database-server';
import { runMigrations } from '../platform/db/migrate';
import { readConfigOrExit, say } from './config';

// npm run audit:verify — walks the audit log's hash chain and prints whether it is intact, or the first
// entry where it breaks (an entry edited or removed behind the append-only trigger). Exits 1 when broken.
const config = readConfigOrExit();
const server = await openDatabaseServer(config, say);
const database = connectDatabase(server.url, { max: 2 });
try {
  await runMigrations(server.url);
  const status = await verifyAuditChain(database.db);
  console.log(JSON.stringify(status, null, 2));
  if (status.firstBreak) {
    const { seq, id, reason } = status.firstBreak;
    say(`Audit chain BROKEN at entry #${seq}${id === null ? '' : ` (id ${id})`}: ${reason}`);
    process.exitCode = 1;
  } else {
    say(`Audit chain intact: ${status.checked} entries verified, head #${status.lastSeq}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
  await server.stop();
}
