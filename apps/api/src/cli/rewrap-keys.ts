import { systemClock } from '../platform/clock';
import { createKeyring, masterKeysOf } from '../platform/crypto/keyring';
import { resealTotpSecrets, rewrapDataKeys } from '../platform/crypto/rewrap';
import { connectDatabase } from '../platform/db/database';
import { openDatabaseServer } from '../platform/db/database-server';
import { runMigrations } from '../platform/db/migrate';
import { readConfigOrExit, say } from './config';

// npm run keys:rewrap — after a new master key was put first in ENCRYPTION_KEYS (the old ones kept after
// it): re-wraps the data keys of files and re-seals the authenticator secrets under the new key. Files
// are not rewritten. Safe to run again, and while the API serves. Exits 1 if something stays under a
// key that is not in ENCRYPTION_KEYS.
const config = readConfigOrExit();
const keyring = createKeyring(await masterKeysOf(config));
const server = await openDatabaseServer(config, say);
const database = connectDatabase(server.url, { max: 2 });
try {
  await runMigrations(server.url);
  say(`Current master key: "${keyring.currentKeyId}"`);
  const files = await rewrapDataKeys(database.pool, keyring, () => systemClock.now());
  say(`File data keys re-wrapped: ${files.done}; that could not be opened: ${files.failed.length}`);
  const secrets = await resealTotpSecrets(database.pool, keyring);
  say(`Authenticator secrets re-sealed: ${secrets.done}; that could not be opened: ${secrets.failed.length}`);
  if (files.failed.length + secrets.failed.length > 0) {
    say(
      'Keep every master key still named by those rows in ENCRYPTION_KEYS, or those files and secrets are lost:',
    );
    const listed = [
      ...files.failed.map((key) => `file ${key}`),
      ...secrets.failed.map((userId) => `authenticator of user ${userId}`),
    ];
    for (const line of listed.slice(0, 20)) say(`  ${line}`);
    if (listed.length > 20) say(`  … and ${listed.length - 20} more`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
  await server.stop();
}
