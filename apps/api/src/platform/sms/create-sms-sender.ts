import type { Config } from '../../config';
import type { Database } from '../db/database';
import { createDevSmsSender } from './dev-sms-sender';
import { type SmsSender, unavailableSmsSender } from './sms-sender';
import { createTwilioSmsSender } from './twilio-sms-sender';

/**
 * The SMS adapter the configuration asks for: Twilio when TWILIO_* is set, else the dev mailbox's table
 * in embedded mode, else none (server mode without a provider: SMS codes are not offered).
 */
export function createSmsSender(config: Pick<Config, 'twilio' | 'embedded'>, db: Database): SmsSender {
  if (config.twilio) return createTwilioSmsSender(config.twilio);
  if (config.embedded) return createDevSmsSender(db);
  return unavailableSmsSender;
}
