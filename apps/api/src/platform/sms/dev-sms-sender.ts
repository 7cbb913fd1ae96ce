import { devSmsMessages } from '../../db/schema';
import type { Database } from '../db/database';
import type { SmsSender } from './sms-sender';

/**
 * Embedded mode: text messages are kept in `dev_sms_messages` and shown by the dev mailbox, as emails
 * stay in the outbox. Nothing leaves the machine.
 */
export function createDevSmsSender(db: Database): SmsSender {
  return {
    available: true,
    async send(message) {
      await db.insert(devSmsMessages).values({ to: message.to, body: message.body });
    },
  };
}
