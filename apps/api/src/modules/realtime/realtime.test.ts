import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn as signUp, type signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, makeAdmin, signUpPro } from '../../../test/dossier-helpers';
import { connectSocket, listen } from '../../../test/ws';
import { platformToday } from '../access';
import { unreadTotals } from '../messages';

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

describe('the socket’s errors', () => {
  let t: TestApp;
  let host: string;
  beforeAll(async () => {
    t = await createTestApp();
    host = await listen(t.app);
  });
  afterAll(() => t.close());

  it('tell the browser a stable code, never the database’s own', async () => {
    const ctx = await assignedDossier(t, 'express_entry_cec');
    const socket = await connectSocket(host, ctx.candidate.accessToken);
    const { deps } = t.app;
    const db = deps.db;
    // The next read fails as a broken statement would, with PostgreSQL's code for a missing table.
    const failure = Object.assign(new Error('relation "dossiers" does not exist'), { code: '42P01' });
    deps.db = new Proxy(db, {
      get: (target, key, receiver) =>
        key === 'select' || key === 'execute'
          ? () => {
              throw failure;
            }
          : Reflect.get(target, key, receiver),
    });
    try {
      socket.send({ type: 'subscribe', dossierId: ctx.dossierId });
      await socket.until(() => socket.of('error').length === 1);
    } finally {
      deps.db = db;
    }
    expect(socket.of('error')).toEqual([{ type: 'error', code: 'INTERNAL', dossierId: ctx.dossierId }]);

    // The socket works on: the same subscription, once the database answers.
    socket.send({ type: 'subscribe', dossierId: ctx.dossierId });
    await socket.until(() => socket.of('subscribed').length === 1);
    socket.close();
  });
});

describe('realtime over WebSocket', () => {
  let t: TestApp;
  let host: string;
  let ctx: Awaited<ReturnType<typeof conversation>>;
  beforeAll(async () => {
    t = await createTestApp();
    ctx = await conversation(t);
    host = await listen(t.app);
  });
  afterAll(() => t.close());

  it('delivers new messages, read receipts and typing to subscribed participants', async () => {
    const pro = await connectSocket(host, ctx.pro.accessToken);
    expect(pro.of('ready')).toHaveLength(1);
    pro.send({ type: 'subscribe', dossierId: ctx.dossierId });
    await pro.until(() => pro.of('subscribed').length === 1);
    const candidate = await connectSocket(host, ctx.candidate.accessToken);
    candidate.send({ type: 'subscribe', dossierId: ctx.dossierId });
    await candidate.until(() => candidate.of('subscribed').length === 1);

    candidate.send({ type: 'typing', dossierId: ctx.dossierId });
    await pro.until(() => pro.of('typing').length === 1);
    await post(t, ctx.candidate, ctx.dossierId, 'Bonjour en direct');
    await pro.until(() => pro.of('message').length === 1);
    expect(pro.of('message')[0]?.message).toMatchObject({ body: 'Bonjour en direct', seq: 1 });
    await pro.until(() => pro.of('unread').some((event) => event.total === 1));

    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/messages/read`,
      headers: ctx.pro.auth,
      payload: { upToSeq: 1 },
    });
    await candidate.until(() =>
      candidate.of('read').some((event) => event.userId === ctx.pro.userId && event.seq === 1),
    );
    pro.close();
    candidate.close();
  });

  it('refuses subscriptions to other dossiers and sockets without a valid token', async () => {
    const stranger = await signUp(t.app, t.database);
    const socket = await connectSocket(host, stranger.accessToken);
    socket.send({ type: 'subscribe', dossierId: ctx.dossierId });
    await socket.until(() => socket.of('error').length === 1);
    expect(socket.of('error')[0]).toEqual({ type: 'error', code: 'NOT_FOUND', dossierId: ctx.dossierId });
    await post(t, ctx.candidate, ctx.dossierId, 'privé');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.of('message')).toEqual([]);
    socket.close();

    const forged = await connectSocket(host, `${ctx.candidate.accessToken}x`);
    expect(forged.closed?.code).toBe(4001);
    const silent = await connectSocket(host);
    silent.send({ type: 'subscribe', dossierId: ctx.dossierId });
    await silent.until(() => silent.of('error').length === 1);
    expect(silent.of('error')[0]?.code).toBe('UNAUTHENTICATED');
    silent.close();
  });

  it('closes the socket when its session is revoked', async () => {
    const person = await signUp(t.app, t.database);
    const socket = await connectSocket(host, person.accessToken);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { capitune_refresh: person.refreshToken },
    });
    await socket.until(() => socket.closed !== null);
    expect(socket.closed?.code).toBe(4003);
    // A new socket with the same (still unexpired) token is refused too.
    const again = await connectSocket(host, person.accessToken);
    expect(again.closed?.code).toBe(4003);
  });

  it('pushes new notifications with the unread count', async () => {
    const socket = await connectSocket(host, ctx.candidate.accessToken);
    const otherPro = await signUpPro(t.app, t.database, 'Troisième cabinet');
    await t.app.inject({
      method: 'POST',
      url: '/api/dossiers/invitations',
      headers: otherPro.auth,
      payload: { email: ctx.candidate.body.email, programId: 'study_permit' },
    });
    await socket.until(() => socket.of('notification').length === 1);
    expect(socket.of('notification')[0]).toMatchObject({
      notification: { type: 'dossier_invitation' },
      unreadCount: expect.any(Number),
    });
    socket.close();
  });
});

describe('unread totals pushed over WebSocket', () => {
  let t: TestApp;
  let host: string;
  beforeAll(async () => {
    t = await createTestApp();
    host = await listen(t.app);
  });
  afterAll(() => t.close());

  /** Unread messages counted one by one, as the definition says: others' messages after one's read mark. */
  const counted = async (person: Person) => {
    const result = await t.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n
      from messages m
      join dossiers d on d.id = m.dossier_id
      join users u on u.id = ${person.userId}
      left join message_reads r on r.dossier_id = m.dossier_id and r.user_id = u.id
      where ((u.role = 'candidate' and d.owner_id = u.id) or (u.role = 'pro' and d.organisation_id = u.organisation_id))
        and m.author_id <> u.id and m.seq > coalesce(r.last_read_seq, 0)`);
    return result.rows[0]?.n;
  };
  const markRead = (person: Person, dossierId: string, upToSeq: number) =>
    t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/messages/read`,
      headers: person.auth,
      payload: { upToSeq },
    });
  const restTotal = async (person: Person) =>
    (await t.app.inject({ method: 'GET', url: '/api/messages/unread', headers: person.auth })).json().total;

  it('sends every receiver their own exact total: the candidate, two pros of the firm, every tab', async () => {
    // Firm F: Paul is in charge of Amina's and Bruno's dossiers; his colleague Claire sees them too.
    const one = await conversation(t);
    const paul = one.pro;
    const amina = one.candidate;
    const two = await assignedDossier(t, 'study_permit', paul);
    const bruno = two.candidate;
    const claire = await signUpPro(t.app, t.database, 'Cabinet Claire');
    await t.database.db.execute(
      sql`update users set organisation_id = (select organisation_id from users where id = ${paul.userId}) where id = ${claire.userId}`,
    );
    // Another firm's dossier, with unread messages that nobody in firm F may count.
    const other = await conversation(t);

    expect((await post(t, amina, one.dossierId, 'un')).statusCode).toBe(201);
    await post(t, amina, one.dossierId, 'deux');
    await post(t, paul, one.dossierId, 'trois'); // Paul has read up to his own message
    await post(t, bruno, two.dossierId, 'bonjour');
    await markRead(claire, two.dossierId, 1);
    await post(t, other.candidate, other.dossierId, 'ailleurs');
    await post(t, other.candidate, other.dossierId, 'ailleurs encore');

    const sockets = {
      amina: await connectSocket(host, amina.accessToken),
      paul1: await connectSocket(host, paul.accessToken),
      paul2: await connectSocket(host, paul.accessToken),
      claire: await connectSocket(host, claire.accessToken),
      bruno: await connectSocket(host, bruno.accessToken),
      otherPro: await connectSocket(host, other.pro.accessToken),
    };
    const people = {
      amina,
      paul1: paul,
      paul2: paul,
      claire,
      bruno,
      otherPro: other.pro,
    } satisfies Record<keyof typeof sockets, Person>;
    const totals = (name: keyof typeof sockets) => sockets[name].of('unread').map((event) => event.total);
    const settle = async (expected: Record<keyof typeof sockets, number[]>) => {
      for (const name of Object.keys(sockets) as (keyof typeof sockets)[]) {
        await sockets[name].until(() => totals(name).length >= expected[name].length);
      }
      await new Promise((resolve) => setTimeout(resolve, 200)); // nothing more arrives
      for (const name of Object.keys(sockets) as (keyof typeof sockets)[]) {
        expect({ name, totals: totals(name) }).toEqual({ name, totals: expected[name] });
        // The last total pushed is the one counted message by message, and the one the API gives.
        const last = expected[name].at(-1);
        expect(await counted(people[name])).toBe(last);
        expect(await restTotal(people[name])).toBe(last);
      }
    };

    // On connecting: Amina has Paul's message unread; Paul, Bruno's; Claire, all three of Amina's
    // dossier (she read Bruno's); the other firm's pro, two messages of his own firm.
    await settle({ amina: [1], paul1: [1], paul2: [1], claire: [3], bruno: [0], otherPro: [2] });

    // Amina writes: her own message is not unread for her, and posting read Paul's message.
    // Bruno and the other firm are not told anything.
    await post(t, amina, one.dossierId, 'quatre');
    await settle({
      amina: [1, 0],
      paul1: [1, 2],
      paul2: [1, 2],
      claire: [3, 4],
      bruno: [0],
      otherPro: [2],
    });

    // Paul reads Amina's dossier, then Claire writes in it: read messages are not counted again.
    expect((await markRead(paul, one.dossierId, 4)).json()).toEqual({ lastReadSeq: 4 });
    await post(t, claire, one.dossierId, 'cinq');
    await settle({
      amina: [1, 0, 1],
      paul1: [1, 2, 2],
      paul2: [1, 2, 2],
      claire: [3, 4, 0],
      bruno: [0],
      otherPro: [2],
    });
    for (const socket of Object.values(sockets)) socket.close();
  });

  it('counts in one query the totals of many people, each against their own read marks', async () => {
    const one = await conversation(t);
    const colleague = await signUpPro(t.app, t.database, 'Cabinet Collègue');
    await t.database.db.execute(
      sql`update users set organisation_id = (select organisation_id from users where id = ${one.pro.userId}) where id = ${colleague.userId}`,
    );
    const admin = await signUp(t.app, t.database);
    await makeAdmin(t.database, admin.userId);
    const loner = await signUpPro(t.app, t.database, 'Cabinet vide');
    const idle = await signUp(t.app, t.database);
    for (let i = 0; i < 6; i++) await post(t, i % 3 === 2 ? one.pro : one.candidate, one.dossierId, `m${i}`);
    await markRead(colleague, one.dossierId, 2);
    const elsewhere = await conversation(t); // another firm, in the same batch
    await post(t, elsewhere.candidate, elsewhere.dossierId, 'ailleurs');
    const viewers = await Promise.all(
      [one.candidate, one.pro, colleague, admin, loner, idle, elsewhere.pro, one.pro].map(async (person) => {
        const [row] = await t.database.db
          .execute<{ role: 'candidate' | 'pro' | 'admin'; organisation_id: string | null }>(
            sql`select role, organisation_id from users where id = ${person.userId}`,
          )
          .then((result) => result.rows);
        return {
          id: person.userId,
          role: row?.role ?? 'candidate',
          organisationId: row?.organisation_id ?? null,
          standing: 'verified' as const,
          outsideFirmNetwork: false,
        };
      }),
    );
    const today = platformToday(t.app.deps.clock.now());
    const totals = await unreadTotals(t.database.db, viewers, today);
    // Seq 1, 2 by the candidate, 3 by the pro, 4, 5 by the candidate, 6 by the pro.
    expect(Object.fromEntries(totals)).toEqual({
      [one.candidate.userId]: 1, // read up to 5 by posting it; 6 is the pro's
      [one.pro.userId]: 0, // read up to 6 by posting it
      [colleague.userId]: 4, // read up to 2: 3 to 6
      [admin.userId]: 0,
      [loner.userId]: 0,
      [idle.userId]: 0,
      [elsewhere.pro.userId]: 1,
    });
    for (const person of [one.candidate, one.pro, colleague, elsewhere.pro]) {
      expect(totals.get(person.userId)).toBe(await counted(person));
    }
    expect(await unreadTotals(t.database.db, [], today)).toEqual(new Map());
  });
});

describe('two API instances', () => {
  it('a client connected to instance B receives, in order, the messages posted through instance A', async () => {
    const a = await createTestApp();
    const b = await createTestApp({ sameDatabaseAs: a });
    try {
      const ctx = await conversation(a);
      const hostA = await listen(a.app);
      const hostB = await listen(b.app);
      const onB = await connectSocket(hostB, ctx.pro.accessToken);
      onB.send({ type: 'subscribe', dossierId: ctx.dossierId });
      await onB.until(() => onB.of('subscribed').length === 1);
      const texts = Array.from({ length: 25 }, (_, i) => `message ${i + 1}`);
      // Posted all at once: the order is the order of commits, and B must deliver in that order.
      const responses = await Promise.all(
        texts.map((text) =>
          fetch(`http://${hostA}/api/dossiers/${ctx.dossierId}/messages`, {
            method: 'POST',
            headers: { ...ctx.candidate.auth, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: randomUUID(), body: text }),
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(texts.map(() => 201));
      await onB.until(() => onB.of('message').length === texts.length);
      expect(onB.of('message').map((event) => event.message.seq)).toEqual(texts.map((_, i) => i + 1));
      expect(new Set(onB.of('message').map((event) => event.message.body))).toEqual(new Set(texts));
      onB.close();
      expect(hostA).not.toBe(hostB);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
