import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../database';
import { multipart, pdfBytes } from '../dossier-helpers';
import { startS3Server } from '../s3';
import { startSmtpReceiver, tokenFrom } from '../smtp';
import { connectSocket } from '../ws';
import {
  clusterEncryptionKeys,
  clusterSecret,
  type Instance,
  startInstance,
  startNginx,
  verifyPro,
} from './cluster';

const PASSWORD = 'Tournesol-Halifax-2031';

describe('two instances behind nginx, one PostgreSQL, an S3 store and an SMTP relay', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let a: Instance;
  let b: Instance;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let sql: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    s3 = await startS3Server();
    smtp = await startSmtpReceiver();
    const env = {
      DATABASE_URL: database.url,
      JWT_SECRET: clusterSecret(),
      ENCRYPTION_KEYS: clusterEncryptionKeys(),
      SMTP_URL: smtp.url,
      SEED_DEMO: 'false',
      ...s3.env,
    };
    [a, b] = await Promise.all([startInstance('a', env), startInstance('b', env)]);
    nginx = await startNginx([a, b]);
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await nginx?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await s3?.close();
    await database?.drop();
  });

  const json = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const refreshCookie = (response: Response) =>
    /capitune_refresh=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';

  async function account(email: string, role: 'candidate' | 'pro' = 'candidate', ip = '203.0.113.10') {
    const body = {
      role,
      email,
      password: PASSWORD,
      firstName: 'Nadia',
      lastName: 'Cluster',
      locale: 'fr',
      ...(role === 'pro' ? { licenceNumber: 'R700001', organisationName: 'Cabinet Nginx' } : {}),
    };
    const registered = await json('POST', `${nginx.url}/api/auth/register`, body, { 'x-forwarded-for': ip });
    expect(registered.status).toBe(201);
    const email_ = await smtp.waitFor(
      (received) => received.to.includes(email) && received.subject.includes('Confirmez'),
    );
    const verified = await json('POST', `${nginx.url}/api/auth/verify-email`, {
      token: tokenFrom(email_.text),
    });
    expect(verified.status).toBe(204);
    const login = await json(
      'POST',
      `${nginx.url}/api/auth/login`,
      { email, password: PASSWORD },
      { 'x-forwarded-for': ip },
    );
    expect(login.status).toBe(200);
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
    if (role === 'pro') await verifyPro(sql, user.id);
    return {
      id: user.id,
      accessToken,
      refresh: refreshCookie(login),
      auth: { authorization: `Bearer ${accessToken}` },
    };
  }

  it('sign-up, login and refresh work whichever instance answers', async () => {
    const person = await account('cluster-login@example.ca');
    // The session made through nginx is refreshed on A, then on B, then on A again: one shared store.
    let cookie = person.refresh;
    for (const instance of [a, b, a]) {
      const refreshed = await json('POST', `${instance.url}/api/auth/refresh`, undefined, {
        cookie: `capitune_refresh=${cookie}`,
      });
      expect(refreshed.status, instance.name).toBe(200);
      cookie = refreshCookie(refreshed);
    }
    for (const instance of [a, b]) {
      const me = await json('GET', `${instance.url}/api/me`, undefined, person.auth);
      expect(me.status).toBe(200);
      const sessions = (await (
        await json('GET', `${instance.url}/api/me/sessions`, undefined, person.auth)
      ).json()) as { items: unknown[] };
      expect(sessions.items).toHaveLength(1);
    }
    // Presenting an already-used token on the other instance still revokes the family.
    const reused = await json('POST', `${b.url}/api/auth/refresh`, undefined, {
      cookie: `capitune_refresh=${person.refresh}`,
    });
    expect(reused.status).toBe(401);
  });

  it('a rate limit holds whichever instance the client reaches', async () => {
    await account('cluster-limit@example.ca');
    const attempt = (instance: Instance) =>
      json('POST', `${instance.url}/api/auth/login`, {
        email: 'cluster-limit@example.ca',
        password: 'wrong-password',
      });
    // Three failures spread over both instances, then the next try must wait, on either instance.
    for (const instance of [a, b, a]) expect((await attempt(instance)).status).toBe(401);
    const fourth = await attempt(b);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('every email is sent exactly once though both instances run workers', async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `cluster-mail-${i}@example.ca`);
    await Promise.all(
      addresses.map((email, i) =>
        json(
          'POST',
          `${nginx.url}/api/auth/register`,
          {
            role: 'candidate',
            email,
            password: PASSWORD,
            firstName: 'N',
            lastName: 'C',
            locale: i % 2 ? 'en' : 'fr',
          },
          { 'x-forwarded-for': `203.0.113.${50 + i}` },
        ),
      ),
    );
    for (const email of addresses) await smtp.waitFor((received) => received.to.includes(email));
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // room for a duplicate to show up
    for (const email of addresses)
      expect(smtp.received.filter((received) => received.to.includes(email))).toHaveLength(1);
    const { rows } = await sql.query(`select count(*)::int as unsent from outbox where sent_at is null`);
    expect(rows[0]).toEqual({ unsent: 0 });
  });

  it('chat messages posted through one instance reach a socket on the other', async () => {
    const candidate = await account('cluster-candidate@example.ca', 'candidate', '203.0.113.20');
    const pro = await account('cluster-pro@example.ca', 'pro', '203.0.113.21');
    const dossier = (await (
      await json('POST', `${nginx.url}/api/dossiers`, { programId: 'express_entry_fsw' }, candidate.auth)
    ).json()) as { id: string; members: { id: string }[] };
    expect(
      (
        await json(
          'POST',
          `${a.url}/api/dossiers/${dossier.id}/assignment`,
          { proId: pro.id },
          candidate.auth,
        )
      ).status,
    ).toBe(202);
    expect(
      (
        await json(
          'POST',
          `${b.url}/api/dossiers/${dossier.id}/assignment/decision`,
          { decision: 'accept' },
          pro.auth,
        )
      ).status,
    ).toBe(204);

    const onA = await connectSocket(`127.0.0.1:${a.port}`, pro.accessToken);
    onA.send({ type: 'subscribe', dossierId: dossier.id });
    await onA.until(() => onA.of('subscribed').length === 1);
    const throughNginx = await connectSocket(nginx.host, pro.accessToken);
    throughNginx.send({ type: 'subscribe', dossierId: dossier.id });
    await throughNginx.until(() => throughNginx.of('subscribed').length === 1);
    const bodies = ['un', 'deux', 'trois', 'quatre', 'cinq'];
    for (const body of bodies) {
      expect(
        (
          await json(
            'POST',
            `${b.url}/api/dossiers/${dossier.id}/messages`,
            { clientId: randomUUID(), body },
            candidate.auth,
          )
        ).status,
      ).toBe(201);
    }
    await onA.until(() => onA.of('message').length === bodies.length);
    expect(onA.of('message').map((event) => event.message.body)).toEqual(bodies);
    await throughNginx.until(() => throughNginx.of('message').length === bodies.length);
    onA.close();
    throughNginx.close();

    // A file uploaded through A is downloaded through B: both use the S3 store.
    const content = pdfBytes('cluster upload');
    const form = multipart(
      { itemId: 'express_entry_fsw.passport', memberId: dossier.members[0]?.id ?? '' },
      { name: 'passeport.pdf', content },
    );
    const uploaded = await fetch(`${a.url}/api/dossiers/${dossier.id}/documents`, {
      method: 'POST',
      headers: { ...candidate.auth, ...form.headers },
      body: form.payload,
    });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    const downloaded = await fetch(`${b.url}/api/documents/${id}/download`, { headers: pro.auth });
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(content)).toBe(true);
  });
});
