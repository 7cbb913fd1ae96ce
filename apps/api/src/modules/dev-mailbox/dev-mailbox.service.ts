import type { TDevEmail, TDevSms } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { latestOutboxRows, latestSmsRows } from './dev-mailbox.queries';

/** The latest 50 emails of the outbox, newest first, as the dev mailbox page shows them. */
export async function latestEmails(deps: AppDeps): Promise<TDevEmail[]> {
  const rows = await latestOutboxRows(deps.db, 50);
  return rows.map((row) => ({
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    text: row.text,
    html: row.html,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** The latest 50 text messages, newest first: in embedded mode SMS codes arrive here. */
export async function latestSms(deps: AppDeps): Promise<TDevSms[]> {
  const rows = await latestSmsRows(deps.db, 50);
  return rows.map((row) => ({
    id: row.id,
    to: row.to,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  }));
}
