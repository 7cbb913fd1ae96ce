import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { stdSerializers } from 'pino';

/**
 * Fields of a log line that may carry personal data or secrets, whatever logged them: headers with
 * credentials, passwords and tokens, email addresses, message and email bodies. Pino replaces their value
 * with "[redacted]"; `*` stands for any one key (a request body logged as `{ body }`, a user as `{ user }`).
 */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  ...[
    'authorization',
    'cookie',
    'password',
    'currentPassword',
    'newPassword',
    'passwordHash',
    'token',
    'accessToken',
    'refreshToken',
    'secret',
    'email',
    'to',
    'body',
    'text',
    'html',
  ].flatMap((key) => [key, `*.${key}`]),
];

/** What a PostgreSQL error tells without the values involved (never `detail`, `where` or the message). */
const safeDatabaseFields = [
  'code',
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

const emailPattern = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** The frames of a stack without its first lines, which repeat the message. */
function framesOf(stack: string | undefined): string {
  return (stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}

function causesOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current instanceof Error && chain.length < 5; current = current.cause)
    chain.push(current);
  return chain;
}

interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

/**
 * Pino's `err` serializer, minus what identifies people. A failed query is logged by its driver code,
 * constraint, table and column: drizzle's error repeats the statement's parameters in its message (an
 * email, a password hash) and PostgreSQL's `detail` quotes the row. Any other error keeps pino's form,
 * with email addresses masked (an SMTP relay names the refused recipient).
 */
export function serializeError(error: Error): SerializedError {
  // Anything logged as `err` comes here, an Error or not.
  if (!(error instanceof Error)) return error;
  const chain = causesOf(error);
  const query = chain.find((item) => item instanceof DrizzleQueryError);
  const database = chain.find((item) => item instanceof pg.DatabaseError);
  if (!query && !database) {
    const serialized = stdSerializers.err(error);
    return {
      ...serialized,
      message: serialized.message.replace(emailPattern, '[email]'),
      stack: serialized.stack.replace(emailPattern, '[email]'),
    };
  }
  const driver = (database ?? query?.cause) as Record<string, unknown> | undefined;
  const fields = Object.fromEntries(
    safeDatabaseFields.filter((key) => driver?.[key] !== undefined).map((key) => [key, driver?.[key]]),
  );
  return {
    type: error.name,
    // The driver's own message (a connection refused, a timeout) when it is not the server's, which may
    // quote a value ("invalid input syntax for type uuid: …").
    message:
      driver instanceof Error && !(driver instanceof pg.DatabaseError)
        ? driver.message.replace(emailPattern, '[email]')
        : 'database error',
    ...fields,
    // The statement with its placeholders ($1…), never the values bound to them.
    ...(query ? { query: query.query.slice(0, 1000) } : {}),
    stack: framesOf(error.stack),
  };
}
