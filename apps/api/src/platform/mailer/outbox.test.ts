import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { startSmtpReceiver } from '../../../test/smtp';
import { outbox } from '../../db/schema';
import { withTransaction } from '../db/transaction';

describe('outbox: sending a stored email', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const store = (to: string) =>
    withTransaction(t.database.pool, (tx) =>
      t.app.deps.outbox.enqueue(tx, {
        to,
        locale: 'fr',
        template: 'test.outbox',
        subject: 'Bonjour',
        text: 'Bonjour',
        html: '<p>Bonjour</p>',
      }),
    );

  it('sends once, then reports it sent', async () => {
    const id = await store('once@example.ca');
    expect(await t.app.deps.outbox.deliver(id)).toBe('sent');
    expect(await t.app.deps.outbox.deliver(id)).toBe('already-sent');
    expect(smtp.received.filter((email) => email.to.includes('once@example.ca'))).toHaveLength(1);
  });

  it('while another worker holds the email (a slow first try), asks for a retry instead of calling it sent', async () => {
    const id = await store('busy@example.ca');
    const other = await t.database.pool.connect();
    try {
      await other.query('begin');
      await other.query('select id from outbox where id = $1 for update', [id]);
      await expect(t.app.deps.outbox.deliver(id)).rejects.toThrow(/being sent by another worker/);
      // The first try fails after all (the relay hung up): the email is still to send, and the retry sends it.
      await other.query('rollback');
    } finally {
      other.release();
    }
    expect(await t.app.deps.outbox.deliver(id)).toBe('sent');
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(smtp.received.filter((email) => email.to.includes('busy@example.ca'))).toHaveLength(1);
  });
});
