import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, signUpAndLogIn as signUp, type signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, multipart, pdfBytes, signUpPro } from '../../../test/dossier-helpers';
import { ManualClock } from '../../platform/clock';
import { sendUnreadMessageEmails } from './unread-emails.service';

type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;

/** A candidate and the pro in charge of their dossier. */
const conversation = (t: TestApp) => assignedDossier(t, 'express_entry_cec');

const post = (t: TestApp, person: Person, dossierId: string, body: string, extra: object = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${dossierId}/messages`,
    headers: person.auth,
    payload: { clientId: randomUUID(), body, ...extra },
  });

describe('messages', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof conversation>>;
  beforeAll(async () => {
    t = await createTestApp();
    ctx = await conversation(t);
  });
  afterAll(() => t.close());

  it('posts and lists newest first, numbered without gaps, with read state', async () => {
    for (const [person, text] of [
      [ctx.candidate, 'Bonjour, j’ai reçu mon ITA !'],
      [ctx.pro, 'Excellente nouvelle. Envoyez votre passeport.'],
      [ctx.candidate, 'C’est fait.'],
    ] as const) {
      expect((await post(t, person, ctx.dossierId, text)).statusCode).toBe(201);
    }
    const page = (
      await t.app.inject({
        method: 'GET',
        url: `/api/dossiers/${ctx.dossierId}/messages`,
        headers: ctx.pro.auth,
      })
    ).json();
    expect(page.items.map((message: { seq: number }) => message.seq)).toEqual([3, 2, 1]);
    expect(page.items[0]).toMatchObject({
      body: 'C’est fait.',
      author: { firstName: 'Amina', role: 'candidate' },
    });
    expect(page.lastSeq).toBe(3);
    // Posting reads your own conversation up to your message.
    expect(page.readers).toEqual(
      expect.arrayContaining([
        { userId: ctx.candidate.userId, lastReadSeq: 3 },
        { userId: ctx.pro.userId, lastReadSeq: 2 },
      ]),
    );

    const older = (
      await t.app.inject({
        method: 'GET',
        url: `/api/dossiers/${ctx.dossierId}/messages?limit=2`,
        headers: ctx.pro.auth,
      })
    ).json();
    expect(older.nextBefore).toBe(2);
    const rest = (
      await t.app.inject({
        method: 'GET',
        url: `/api/dossiers/${ctx.dossierId}/messages?limit=2&before=2`,
        headers: ctx.pro.auth,
      })
    ).json();
    expect(rest.items.map((message: { seq: number }) => message.seq)).toEqual([1]);
    expect(rest.nextBefore).toBeNull();
    const after = (
      await t.app.inject({
        method: 'GET',
        url: `/api/dossiers/${ctx.dossierId}/messages?after=1`,
        headers: ctx.pro.auth,
      })
    ).json();
    expect(after.items.map((message: { seq: number }) => message.seq)).toEqual([2, 3]);
  });

  it('stores a retried post once', async () => {
    const clientId = randomUUID();
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/messages`,
      headers: ctx.candidate.auth,
      payload: { clientId, body: 'Une seule fois' },
    });
    const retried = await Promise.all(
      [1, 2, 3].map(() =>
        t.app.inject({
          method: 'POST',
          url: `/api/dossiers/${ctx.dossierId}/messages`,
          headers: ctx.candidate.auth,
          payload: { clientId, body: 'Une seule fois' },
        }),
      ),
    );
    expect(first.statusCode).toBe(201);
    for (const response of retried) {
      expect(response.statusCode).toBe(200);
      expect(response.json().id).toBe(first.json().id);
    }
    const count = await t.database.db.execute(
      sql`select count(*)::int as n from messages where client_id = ${clientId}`,
    );
    expect(count.rows[0]).toEqual({ n: 1 });
  });

  it('stores once when the same message arrives several times at the same moment, leaving no gap', async () => {
    const clientId = randomUUID();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${ctx.dossierId}/messages`,
        headers: ctx.pro.auth,
        payload: { clientId, body: 'Envoyé trois fois' },
      });
    const responses = await Promise.all([send(), send(), send(), send()]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 200, 200, 201]);
    const ids = new Set(responses.map((response) => response.json().id));
    expect(ids.size).toBe(1);
    const seq = responses[0]?.json().seq;
    for (const response of responses) expect(response.json()).toMatchObject({ seq, clientId });
    // The next message takes the next number: the duplicates used none.
    expect((await post(t, ctx.candidate, ctx.dossierId, 'Suivant')).json().seq).toBe(seq + 1);
    const state = await t.database.db.execute<{ last_seq: number; stored: number }>(
      sql`select c.last_seq, (select count(*)::int from messages m where m.dossier_id = c.dossier_id) as stored
            from dossier_chats c where c.dossier_id = ${ctx.dossierId}`,
    );
    expect(state.rows[0]?.last_seq).toBe(state.rows[0]?.stored);
  });

  it('keeps order under concurrent posts: gapless sequence numbers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(t, i % 2 ? ctx.pro : ctx.candidate, ctx.dossierId, `message ${i}`),
      ),
    );
    const rows = await t.database.db.execute<{ seq: number }>(
      sql`select seq from messages where dossier_id = ${ctx.dossierId} order by seq`,
    );
    expect(rows.rows.map((row) => row.seq)).toEqual(
      Array.from({ length: rows.rows.length }, (_, i) => i + 1),
    );
  });

  it('read receipts and unread counts', async () => {
    await post(t, ctx.candidate, ctx.dossierId, 'Avez-vous lu ?');
    const unread = (
      await t.app.inject({ method: 'GET', url: '/api/messages/unread', headers: ctx.pro.auth })
    ).json();
    expect(unread.total).toBeGreaterThan(0);
    expect(unread.dossiers).toEqual([{ dossierId: ctx.dossierId, unread: unread.total }]);
    const conversations = (
      await t.app.inject({ method: 'GET', url: '/api/conversations', headers: ctx.pro.auth })
    ).json();
    expect(conversations.items[0]).toMatchObject({
      dossierId: ctx.dossierId,
      counterpart: { firstName: 'Amina' },
      unread: unread.total,
    });
    expect(conversations.totalUnread).toBe(unread.total);

    const lastSeq = (
      await t.app.inject({
        method: 'GET',
        url: `/api/dossiers/${ctx.dossierId}/messages?limit=1`,
        headers: ctx.pro.auth,
      })
    ).json().lastSeq;
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/messages/read`,
      headers: ctx.pro.auth,
      payload: { upToSeq: lastSeq + 100 },
    });
    expect(read.json()).toEqual({ lastReadSeq: lastSeq });
    const back = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/messages/read`,
      headers: ctx.pro.auth,
      payload: { upToSeq: 1 },
    });
    expect(back.json()).toEqual({ lastReadSeq: lastSeq }); // never backwards
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/messages/unread', headers: ctx.pro.auth })).json()
        .total,
    ).toBe(0);
  });

  it('refuses empty, oversized and foreign-document messages with clear codes', async () => {
    const empty = await post(t, ctx.candidate, ctx.dossierId, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ path: 'body.body', code: 'too_small' });
    const huge = await post(t, ctx.candidate, ctx.dossierId, 'x'.repeat(5001));
    expect(huge.json().errors[0]).toMatchObject({ path: 'body.body', code: 'too_big' });
    expect((await post(t, ctx.candidate, ctx.dossierId, 'x'.repeat(5000))).statusCode).toBe(201);
    const noClientId = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/messages`,
      headers: ctx.candidate.auth,
      payload: { body: 'x' },
    });
    expect(noClientId.json().errors[0].path).toBe('body.clientId');

    // A document of another dossier cannot be referenced.
    const elsewhere = await conversation(t);
    const body = multipart(
      { itemId: 'express_entry_cec.passport', memberId: elsewhere.principalId },
      { name: 'p.pdf', content: pdfBytes() },
    );
    const foreignDocument = (
      await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${elsewhere.dossierId}/documents`,
        headers: { ...elsewhere.candidate.auth, ...body.headers },
        payload: body.payload,
      })
    ).json();
    const foreign = await post(t, ctx.candidate, ctx.dossierId, 'voir ce document', {
      documentIds: [foreignDocument.id],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('DOCUMENT_NOT_IN_DOSSIER');
    const own = await post(t, elsewhere.candidate, elsewhere.dossierId, 'voir ce document', {
      documentIds: [foreignDocument.id],
    });
    expect(own.json().documentIds).toEqual([foreignDocument.id]);
  });

  it('people outside the dossier can neither read, post nor mark read', async () => {
    const stranger = await signUp(t.app, t.database);
    const otherPro = await signUpPro(t.app, t.database, 'Autre cabinet');
    for (const person of [stranger, otherPro]) {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/dossiers/${ctx.dossierId}/messages`,
            headers: person.auth,
          })
        ).statusCode,
      ).toBe(404);
      expect((await post(t, person, ctx.dossierId, 'intrus')).statusCode).toBe(404);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/dossiers/${ctx.dossierId}/messages/read`,
            headers: person.auth,
            payload: { upToSeq: 1 },
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/conversations', headers: person.auth })).json().items,
      ).toEqual([]);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/dossiers/${ctx.dossierId}/messages` })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/messages/unread' })).statusCode).toBe(401);
  });
});

describe('unread-messages emails', () => {
  it('emails a message left unread for 10 minutes, once, at most one per dossier per hour, per preferences', async () => {
    const clock = new ManualClock('2026-11-25T12:00:00Z');
    const t = await createTestApp({ clock });
    try {
      const ctx = await conversation(t);
      const first = await post(t, ctx.pro, ctx.dossierId, 'Votre AOR est arrivé.');
      expect(first.statusCode).toBe(201);
      const toCandidate = async () =>
        (await emailsTo(t.database, ctx.candidate.body.email)).filter(
          (email) => email.template === 'messages.unread',
        );

      clock.advance(9 * 60_000);
      expect(await sendUnreadMessageEmails(t.app.deps)).toBe(0);
      clock.advance(2 * 60_000);
      expect(await sendUnreadMessageEmails(t.app.deps)).toBe(1);
      expect(await sendUnreadMessageEmails(t.app.deps)).toBe(0);
      const [email] = await toCandidate();
      expect(email?.subject).toBe('1 message non lu dans votre dossier');
      expect(email?.text).toContain('Votre AOR est arrivé.');

      // More messages within the hour: no second email until the hour has passed.
      const fresh = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: ctx.pro.body.email, password: ctx.pro.body.password },
      });
      const pro = { ...ctx.pro, auth: { authorization: `Bearer ${fresh.json().accessToken}` } };
      await post(t, pro, ctx.dossierId, 'Et la demande de biométrie.');
      clock.advance(20 * 60_000);
      expect(await sendUnreadMessageEmails(t.app.deps)).toBe(0); // 20 minutes after the first email
      clock.advance(40 * 60_000);
      expect(await sendUnreadMessageEmails(t.app.deps)).toBe(1);
      expect(await toCandidate()).toHaveLength(2);

      // Read messages are not emailed; nor are they when the person turned message emails off.
      const candidateLogin = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: ctx.candidate.body.email, password: ctx.candidate.body.password },
      });
      const candidateAuth = { authorization: `Bearer ${candidateLogin.json().accessToken}` };
      const preferences = (
        await t.app.inject({ method: 'GET', url: '/api/me/notification-preferences', headers: candidateAuth })
      ).json();
      await t.app.inject({
        method: 'PUT',
        url: '/api/me/notification-preferences',
        headers: candidateAuth,
        payload: { ...preferences, messages: { inApp: true, email: false } },
      });
      const proAgain = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: ctx.pro.body.email, password: ctx.pro.body.password },
      });
      const latest = await post(
        t,
        { ...pro, auth: { authorization: `Bearer ${proAgain.json().accessToken}` } },
        ctx.dossierId,
        'Encore un message.',
      );
      expect(latest.statusCode).toBe(201);
      clock.advance(2 * 60 * 60_000);
      await sendUnreadMessageEmails(t.app.deps);
      expect(await toCandidate()).toHaveLength(2);
      const inApp = await t.database.db.execute(
        sql`select count(*)::int as n from notifications where user_id = ${ctx.candidate.userId} and type = 'message_received'`,
      );
      expect(inApp.rows[0]).toEqual({ n: 3 });
    } finally {
      await t.close();
    }
  });
});
