import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, signUpAndLogIn } from '../../../test/auth-helpers';
import { ManualClock } from '../../platform/clock';
import { selectRows } from '../../platform/db/rows';
import { withTransaction } from '../../platform/db/transaction';
import { renderEmail } from '../../platform/mailer/layout';
import { recordAudit } from '../audit';
import { latestNotificationsJson, ZNotificationJson } from './notifications.queries';
import { notify, pageOfNotifications } from './notifications.service';

describe('notifications', () => {
  let t: TestApp;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const send = (userId: string, type: 'document_approved' | 'post_commented', n = 0) =>
    withTransaction(t.app.deps.pool, (tx) =>
      notify(t.app.deps, tx, {
        userId,
        type,
        params: { document: `Passeport ${n}` },
        link: '/dossier',
        email: (recipient) => ({
          to: recipient.email,
          locale: recipient.locale,
          template: `test.${type}`,
          ...renderEmail(recipient.locale, {
            subject: `Sujet ${n}`,
            greeting: 'Bonjour',
            paragraphs: ['Texte'],
          }),
        }),
      }),
    );

  it('creates in-app and email notifications as the preferences say', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await send(person.userId, 'document_approved');
    clock.advance(1_000);
    await send(person.userId, 'post_commented'); // community replies: in-app only by default
    const emails = await emailsTo(t.database, person.body.email);
    expect(emails.map((email) => email.template).filter((name) => name.startsWith('test.'))).toEqual([
      'test.document_approved',
    ]);

    await t.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: person.auth,
      payload: {
        messages: { inApp: true, email: true },
        document_decisions: { inApp: false, email: false },
        webinar_reminders: { inApp: true, email: true },
        community_replies: { inApp: true, email: false },
      },
    });
    expect(await send(person.userId, 'document_approved')).toBeNull();
    const page = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: person.auth });
    expect(page.json().items.map((item: { type: string }) => item.type)).toEqual([
      'post_commented',
      'document_approved',
    ]);
    expect(page.json().unreadCount).toBe(2);
  });

  it('pages newest first without skipping or repeating, even with equal timestamps', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    for (let n = 0; n < 7; n++) {
      await send(person.userId, 'document_approved', n);
      if (n % 3 === 0) clock.advance(1_000); // several share a timestamp
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/notifications${query}`,
        headers: person.auth,
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      seen.push(...body.items.map((item: { params: { document: string } }) => item.params.document));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/notifications?cursor=garbage',
      headers: person.auth,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('marks read, only the user’s own', async () => {
    const owner = await signUpAndLogIn(t.app, t.database);
    const other = await signUpAndLogIn(t.app, t.database);
    const id = await send(owner.userId, 'document_approved');
    await send(owner.userId, 'document_approved');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: other.auth,
      payload: { ids: [id] },
    });
    expect(foreign.json().unreadCount).toBe(0);
    const ownerCount = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/unread-count',
      headers: owner.auth,
    });
    expect(ownerCount.json().unreadCount).toBe(2);
    const one = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: owner.auth,
      payload: { ids: [id] },
    });
    expect(one.json().unreadCount).toBe(1);
    const all = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: owner.auth,
      payload: { all: true },
    });
    expect(all.json().unreadCount).toBe(0);
    const otherList = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: other.auth });
    expect(otherList.json().items).toHaveLength(0);
  });

  it('builds in SQL (the dashboard’s list) the very objects the mapper gives', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await send(person.userId, 'document_approved', 1);
    clock.advance(1_234);
    const read = await send(person.userId, 'post_commented', 2);
    clock.advance(1_000);
    await withTransaction(t.app.deps.pool, (tx) =>
      notify(t.app.deps, tx, {
        userId: person.userId,
        type: 'document_approved',
        params: { document: 'Diplôme', count: 3, missing: null },
      }),
    );
    clock.advance(1_000);
    await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: person.auth,
      payload: { ids: [read] },
    });
    const [row] = await selectRows(
      t.database.db,
      z.object({ list: z.array(ZNotificationJson) }),
      sql`select ${latestNotificationsJson(person.userId, 10)} as list`,
      'latest notifications',
    );
    const mapped = await pageOfNotifications(t.app.deps, person.userId, { limit: 10 });
    expect(mapped.items).toHaveLength(3);
    // Every kind of field: a read one, one without a link, numbers and nulls among the params.
    expect(mapped.items.map((item) => [item.readAt !== null, item.link])).toEqual([
      [false, null],
      [true, '/dossier'],
      [false, '/dossier'],
    ]);
    expect(row?.list).toEqual(mapped.items);
  });

  it.each([
    ['GET', '/api/notifications'],
    ['GET', '/api/notifications/unread-count'],
    ['POST', '/api/notifications/read'],
  ] as const)('%s %s refuses anonymous users', async (method, url) => {
    const response = await t.app.inject({
      method,
      url,
      payload: method === 'POST' ? { all: true } : undefined,
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('audit log', () => {
  it('is append-only', async () => {
    const t = await createTestApp();
    try {
      await recordAudit(t.database.db, {
        actorId: null,
        action: 'test.happened',
        subjectType: 'test',
        ip: '127.0.0.1',
      });
      const rows = await t.database.db.execute(sql`select action, host(ip) as ip from audit_log`);
      expect(rows.rows).toEqual([{ action: 'test.happened', ip: '127.0.0.1' }]);
      // drizzle wraps the database's error; its cause carries PostgreSQL's message.
      const causeOf = (promise: Promise<unknown>) =>
        promise.then(
          () => 'allowed',
          (error: Error) => String(error.cause),
        );
      expect(await causeOf(t.database.db.execute(sql`update audit_log set action = 'rewritten'`))).toMatch(
        /append-only/,
      );
      expect(await causeOf(t.database.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    } finally {
      await t.close();
    }
  });
});
