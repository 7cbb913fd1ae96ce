import type { TLocale } from '@capitune/contracts';
import { and, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { notificationDeliveries, outbox } from '../../db/schema';
import { InvariantError } from '../../lib/errors';
import type { Clock } from '../clock';
import { builtQuery } from '../db/built-query';
import type { Database } from '../db/database';
import { type Transaction, withTransaction } from '../db/transaction';
import { inTransaction, type Jobs } from '../jobs/jobs';
import { suppressedFor } from './email-suppression';
import type { EmailAttachment, Mailer } from './mailer';

/** An email that another worker is sending right now: the job is retried, and finds it sent. */
class EmailBusyError extends Error {
  override name = 'EmailBusyError';
}

export type { EmailAttachment };

export interface EmailToSend {
  to: string;
  locale: TLocale;
  /** Which template made it (`auth.verify_email`…): for the logs and the dev mailbox. */
  template: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
  /**
   * A non-essential email's one-click unsubscribe address (RFC 8058): sent as `List-Unsubscribe` with
   * `List-Unsubscribe-Post`. Absent for essential emails (security, account, legal).
   */
  listUnsubscribe?: string;
}

export interface Outbox {
  /** Stores the email in the caller's transaction and, when a relay is configured, queues its sending there too. */
  enqueue(tx: Transaction, email: EmailToSend): Promise<string>;
  /**
   * Sends one stored email unless it was sent already; throws when the relay refuses, or while another
   * worker is sending it, for the job to retry.
   */
  deliver(id: string): Promise<'sent' | 'already-sent' | 'suppressed'>;
}

export function createOutbox(deps: {
  pool: pg.Pool;
  jobs: Jobs;
  mailer: Mailer | null;
  clock: Clock;
  log: FastifyBaseLogger;
}): Outbox {
  const { pool, jobs, mailer, clock, log } = deps;
  return {
    async enqueue(tx, email) {
      const [row] = await builtQuery(tx.db, 'outbox.insert', (db) =>
        db
          .insert(outbox)
          .values({
            toAddress: sql.placeholder('to'),
            locale: sql.placeholder('locale'),
            template: sql.placeholder('template'),
            subject: sql.placeholder('subject'),
            text: sql.placeholder('text'),
            html: sql.placeholder('html'),
            attachments: sql.placeholder('attachments'),
            listUnsubscribe: sql.placeholder('listUnsubscribe'),
            createdAt: sql.placeholder('now'),
          })
          .returning({ id: outbox.id }),
      ).execute({
        to: email.to,
        locale: email.locale,
        template: email.template,
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: email.attachments ?? [],
        listUnsubscribe: email.listUnsubscribe ?? null,
        now: clock.now(),
      });
      if (!row) throw new InvariantError('outbox insert returned nothing');
      // Without a relay (embedded mode) the email stays in the outbox, shown by the dev mailbox.
      if (mailer) await jobs.send('email.send', { id: row.id }, inTransaction(tx.client));
      return row.id;
    },

    async deliver(id) {
      if (!mailer) throw new InvariantError('No SMTP relay is configured (SMTP_URL)');
      let failure: unknown;
      const outcome = await withTransaction(pool, async (tx) => {
        // The row lock makes two workers handling the same email (a retry racing a slow first try, whose
        // job expired while it was still talking to the relay) send it once: the second finds it sent, or
        // locked, and then tries again later, since the first try may still fail.
        const [email] = await tx.db
          .select()
          .from(outbox)
          .where(sql`${outbox.id} = ${id} and ${outbox.sentAt} is null`)
          .for('update', { skipLocked: true });
        if (!email) {
          const [unsent] = await tx.db
            .select({ id: outbox.id })
            .from(outbox)
            .where(sql`${outbox.id} = ${id} and ${outbox.sentAt} is null`);
          return unsent ? ('in-progress' as const) : ('already-sent' as const);
        }
        // A suppressed address (the provider's bounce or complaint, see email-suppression.ts): kept, not sent, not retried.
        if (
          email.suppressedAt ||
          (await suppressedFor(tx, email.toAddress, email.listUnsubscribe !== null, clock.now(), id))
        ) {
          return 'suppressed' as const;
        }
        try {
          await mailer.send({
            to: email.toAddress,
            subject: email.subject,
            text: email.text,
            html: email.html,
            attachments: email.attachments,
            listUnsubscribe: email.listUnsubscribe,
          });
        } catch (error) {
          failure = error;
          await tx.db
            .update(outbox)
            .set({ attempts: sql`${outbox.attempts} + 1`, lastError: String(error).slice(0, 1000) })
            .where(eq(outbox.id, id));
          await linkDeliveries(tx, id, { sentAt: null, reason: `relay: ${String(error).slice(0, 200)}` });
          return 'failed' as const;
        }
        await tx.db
          .update(outbox)
          .set({ sentAt: clock.now(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
          .where(eq(outbox.id, id));
        await linkDeliveries(tx, id, { sentAt: clock.now(), reason: null });
        return 'sent' as const;
      });
      if (outcome === 'failed') {
        log.warn({ err: failure, outboxId: id }, 'email not accepted by the relay, will retry');
        throw failure;
      }
      // Thrown for pg-boss to try again later: the other worker's outcome decides.
      if (outcome === 'in-progress') throw new EmailBusyError(`email ${id} is being sent by another worker`);
      return outcome;
    },
  };
}

/**
 * The notification delivery log's rows carried by this email (issue 19): sent with it, or one more
 * failed attempt with the relay's reason (they stay queued while the job retries).
 */
async function linkDeliveries(
  tx: Transaction,
  outboxId: string,
  outcome: { sentAt: Date | null; reason: string | null },
): Promise<void> {
  await tx.db
    .update(notificationDeliveries)
    .set({
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      reason: outcome.reason,
      ...(outcome.sentAt
        ? { status: 'sent' as const, sentAt: outcome.sentAt, updatedAt: outcome.sentAt }
        : {}),
    })
    .where(and(eq(notificationDeliveries.outboxId, outboxId), eq(notificationDeliveries.status, 'queued')));
}

/** Sent (or suppressed) emails are kept 30 days (their links are spent or expired by then), then deleted. */
export async function purgeSentEmails(db: Database, now: Date): Promise<number> {
  const before = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const deleted = await db
    .delete(outbox)
    .where(
      or(
        and(isNotNull(outbox.sentAt), lt(outbox.sentAt, before)),
        and(isNotNull(outbox.suppressedAt), lt(outbox.suppressedAt, before)),
      ),
    )
    .returning({ id: outbox.id });
  return deleted.length;
}
