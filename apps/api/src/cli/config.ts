import { type Config, ConfigError, loadConfig } from '../config';

/** The configuration for a command-line entry point: a bad variable prints every problem and exits. */
export function readConfigOrExit(): Config {
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
