import { existsSync } from 'node:fs';
import { type Config, ConfigError, loadConfig } from '../config';

/**
 * The configuration for an entry point (server or command): variables from the environment, and from
 * `./.env` when there is one (the environment wins). A bad variable prints every problem and exits.
 */
export function readConfigOrExit(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export const say = (message: string) => console.log(`[capitune] ${message}`);
