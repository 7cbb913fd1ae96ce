import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAdmin } from '../modules/users';
import { connectDatabase } from '../platform/db/database';
import { openDatabaseServer } from '../platform/db/database-server';
import { runMigrations } from '../platform/db/migrate';
import { readConfigOrExit, say } from './config';

// npm run admin:create -- --email sophie@capitune.ca [--first-name Sophie --last-name Gagnon] [--promote]
// Prompts for the password (twice, not echoed); without a terminal, reads it from the first line of stdin.
const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    'first-name': { type: 'string', default: 'Admin' },
    'last-name': { type: 'string', default: 'CAPITUNE' },
    promote: { type: 'boolean', default: false },
  },
});
if (!values.email) {
  console.error(
    'Usage: npm run admin:create -- --email <email> [--first-name …] [--last-name …] [--promote]',
  );
  process.exit(2);
}

async function readPassword(prompt: string): Promise<string> {
  const terminal = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal });
  if (terminal) {
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
      if (text.includes(prompt)) process.stdout.write(prompt);
    };
  }
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  if (terminal) process.stdout.write('\n');
  return answer;
}

const config = readConfigOrExit();
let password = await readPassword('Password: ');
if (process.stdin.isTTY && (await readPassword('Password again: ')) !== password) {
  console.error('The two passwords differ.');
  process.exit(1);
}
password = password.trim();
const server = await openDatabaseServer(config, say);
const database = connectDatabase(server.url, { max: 1 });
try {
  await runMigrations(server.url);
  const result = await createAdmin(database.db, {
    email: values.email,
    password,
    firstName: values['first-name'] ?? 'Admin',
    lastName: values['last-name'] ?? 'CAPITUNE',
    promote: values.promote ?? false,
  });
  say(result === 'created' ? `Admin ${values.email} created` : `${values.email} is now an admin`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
  await server.stop();
}
