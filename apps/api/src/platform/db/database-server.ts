import type { Config } from '../../config';

const EMBEDDED_DATABASE = 'capitune';

export interface DatabaseServer {
  url: string;
  /** Stops the embedded server; nothing to do for an external one. */
  stop(): Promise<void>;
}

/** The PostgreSQL of `DATABASE_URL`, or the embedded one started for this process when it is unset. */
export async function openDatabaseServer(
  config: Config,
  log: (message: string) => void,
): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  log(`Starting the embedded PostgreSQL (data in ${config.dataDir})`);
  const { ensureDatabase, startEmbeddedPostgres } = await import('./embedded-postgres');
  const embedded = await startEmbeddedPostgres(config.dataDir, { log });
  await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  return { url: embedded.urlFor(EMBEDDED_DATABASE), stop: embedded.stop };
}
