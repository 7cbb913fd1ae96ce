import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../../test/app';
import { refreshCookie, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, multipart, pdfBytes, signUpPro } from '../../../test/dossier-helpers';
import { firmHelpers } from '../../../test/firm-helpers';
import { auditLog } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { addressInRanges, parseRange } from './firm-network.service';

type Auth = { authorization: string };
type Person = { userId: string; auth: Auth };

const UNKNOWN_FIRM = '00000000-0000-4000-8000-000000000000';
const MINUTE = 60_000;
const hasIpv6Loopback = Object.values(os.networkInterfaces())
  .flat()
  .some((entry) => entry?.family === 'IPv6' && entry.address === '::1');

/** A fresh proof of identity in the session of `auth` (these accounts have no factor: the password). */
async function stepUp(t: TestApp, auth: Auth) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/step-up',
    headers: auth,
    payload: { method: 'password', password: STRONG_PASSWORD },
  });
  expect(response.statusCode).toBe(200);
}

function allowlist(t: TestApp, auth: Auth | undefined, firmId: string, from = '127.0.0.1') {
  return t.app.inject({
    method: 'GET',
    url: `/api/firms/${firmId}/ip-allowlist`,
    ...(auth ? { headers: auth } : {}),
    remoteAddress: from,
  });
}

function putAllowlist(
  t: TestApp,
  auth: Auth | undefined,
  firmId: string,
  payload: Record<string, unknown>,
  from = '127.0.0.1',
) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/firms/${firmId}/ip-allowlist`,
    ...(auth ? { headers: auth } : {}),
    payload,
    remoteAddress: from,
  });
}

/** The firm's ranges set to `cidrs` and turned on, by a licensee stepping up from `from`. */
async function keepFirmTo(t: TestApp, licensee: Person, firmId: string, cidrs: string[], from: string) {
  await stepUp(t, licensee.auth);
  const ranges = cidrs.map((cidr) => ({ cidr, label: 'Bureau' }));
  const response = await putAllowlist(t, licensee.auth, firmId, { enabled: true, ranges }, from);
  expect(response.statusCode).toBe(200);
}

async function auditRows(t: TestApp, action: string, actorId: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorId, actorId)))
    .orderBy(desc(auditLog.id));
}

interface HttpAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the answers are read as the tests need them
  body: any;
}

/**
 * A real HTTP request to the listening app at `to`:`port`, sent from the local address `from` (any
 * address of 127.0.0.0/8 is the machine's own on Linux, and `::1` where IPv6 is up).
 */
function send(
  port: number,
  options: {
    from: string;
    to?: string;
    method?: string;
    path: string;
    auth?: Auth;
    headers?: Record<string, string>;
  },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: options.to ?? '127.0.0.1',
        port,
        localAddress: options.from,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { ...options.auth, ...options.headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const json = /json/.test(String(response.headers['content-type']));
          resolve({ status: response.statusCode ?? 0, body: json ? JSON.parse(text) : text });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function listen(t: TestApp, host: string): Promise<number> {
  await t.app.listen({ host, port: 0 });
  return (t.app.server.address() as AddressInfo).port;
}

describe('ranges as typed', () => {
  it('accepts IPv4 and IPv6 ranges and bare addresses, in canonical form', () => {
    expect(parseRange('203.0.113.0/24')).toEqual({ cidr: '203.0.113.0/24' });
    expect(parseRange('203.0.113.7')).toEqual({ cidr: '203.0.113.7/32' });
    expect(parseRange('2001:DB8:0::/48')).toEqual({ cidr: '2001:db8::/48' });
    expect(parseRange('::1')).toEqual({ cidr: '::1/128' });
    expect(parseRange('0.0.0.0/0')).toEqual({ cidr: '0.0.0.0/0' });
  });

  it('refuses garbage, bad prefixes, forms PostgreSQL reads otherwise, and bits set after the prefix', () => {
    for (const text of [
      'bureau',
      '10.0.0/8',
      '10.0.0.0/33',
      '2001:db8::/129',
      '10.0.0.0/8/8',
      '10.0.0.0/-1',
      '10.0.0.0/ 8',
      '010.0.0.0/8',
      '0x0a.0.0.0/8',
      'fe80::1%eth0',
      '2001:db8::g/64',
    ]) {
      expect(parseRange(text), text).toHaveProperty('refused');
    }
    expect(parseRange('10.0.0.1/8')).toEqual({ refused: expect.stringContaining('10.0.0.0/8') });
    expect(parseRange('2001:db8::1/32')).toEqual({ refused: expect.stringContaining('2001:db8::/32') });
    expect(parseRange('::ffff:10.0.0.0/104')).toEqual({ refused: expect.stringContaining('IPv4') });
  });

  it('finds an address in the ranges of its own family only', () => {
    expect(addressInRanges('10.1.2.3', ['192.0.2.0/24', '10.0.0.0/8'])).toBe(true);
    expect(addressInRanges('10.1.2.3', ['192.0.2.0/24'])).toBe(false);
    expect(addressInRanges('2001:db8::5', ['2001:db8::/32'])).toBe(true);
    expect(addressInRanges('10.1.2.3', ['::/0'])).toBe(false);
    expect(addressInRanges(null, ['0.0.0.0/0'])).toBe(false);
  });
});

describe('a firm’s ranges and two-factor rule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  const firms = firmHelpers(() => t);

  it('only a licensee of the firm reads its ranges', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Grève');
    const firmId = await firms.firmOf(boss.userId);
    const agent = await firms.agentOf(boss);
    const elsewhere = await signUpPro(t.app, t.database, 'Cabinet Ailleurs');
    const candidate = await signUpAndLogIn(t.app, t.database);

    expect((await allowlist(t, undefined, firmId)).statusCode).toBe(401);
    for (const person of [candidate, agent, elsewhere]) {
      const refused = await allowlist(t, person.auth, firmId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
    }
    const unknown = await allowlist(t, boss.auth, UNKNOWN_FIRM);
    expect(unknown.statusCode).toBe(404);
    expect((await allowlist(t, candidate.auth, UNKNOWN_FIRM)).statusCode).toBe(403);

    const shown = await allowlist(t, boss.auth, firmId, '203.0.113.9');
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      enabled: false,
      ranges: [],
      yourAddress: '203.0.113.9',
      yourAddressAllowed: false,
    });
  });

  it('a verified licensee replaces the ranges after a fresh proof of identity; audited', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Anse');
    const firmId = await firms.firmOf(boss.userId);
    const payload = {
      enabled: true,
      ranges: [
        { cidr: '203.0.113.0/24', label: 'Bureau de Québec' },
        { cidr: '2001:DB8::/32', label: 'Siège' },
        { cidr: ' 198.51.100.7 ' },
      ],
    };
    const unproven = await putAllowlist(t, boss.auth, firmId, payload, '203.0.113.9');
    expect(unproven.statusCode).toBe(401);
    expect(unproven.json().code).toBe('STEP_UP_REQUIRED');
    expect(unproven.json().methods).toContain('password');

    await stepUp(t, boss.auth);
    const saved = await putAllowlist(t, boss.auth, firmId, payload, '203.0.113.9');
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      enabled: true,
      ranges: [
        { id: expect.any(String), cidr: '203.0.113.0/24', label: 'Bureau de Québec' },
        { id: expect.any(String), cidr: '2001:db8::/32', label: 'Siège' },
        { id: expect.any(String), cidr: '198.51.100.7/32', label: '' },
      ],
      yourAddress: '203.0.113.9',
      yourAddressAllowed: true,
    });
    // Read back from elsewhere: the same list, and that address is outside it.
    const read = (await allowlist(t, boss.auth, firmId, '192.0.2.1')).json();
    expect(read.ranges.map((range: { cidr: string }) => range.cidr)).toEqual([
      '203.0.113.0/24',
      '2001:db8::/32',
      '198.51.100.7/32',
    ]);
    expect(read).toMatchObject({ enabled: true, yourAddress: '192.0.2.1', yourAddressAllowed: false });
    const myFirm = await t.app.inject({ method: 'GET', url: '/api/me/firm', headers: boss.auth });
    expect(myFirm.json()).toMatchObject({ id: firmId, ipAllowlistEnabled: true, requireTwoFactor: false });

    // Replaced as a whole, and turned off while kept.
    const replaced = await putAllowlist(
      t,
      boss.auth,
      firmId,
      { enabled: false, ranges: [{ cidr: '192.0.2.0/24', label: 'Nouveau bureau' }] },
      '203.0.113.9',
    );
    expect(replaced.json()).toMatchObject({
      enabled: false,
      ranges: [{ cidr: '192.0.2.0/24', label: 'Nouveau bureau' }],
    });

    const [last, first] = await auditRows(t, 'firm.ip_allowlist_changed', boss.userId);
    expect(first).toMatchObject({
      subjectType: 'organisation',
      subjectId: firmId,
      ip: '203.0.113.9',
      before: { enabled: false, ranges: [] },
      after: {
        enabled: true,
        ranges: [
          { cidr: '203.0.113.0/24', label: 'Bureau de Québec' },
          { cidr: '2001:db8::/32', label: 'Siège' },
          { cidr: '198.51.100.7/32', label: '' },
        ],
      },
    });
    expect(last).toMatchObject({
      before: { enabled: true, ranges: expect.arrayContaining([{ cidr: '2001:db8::/32', label: 'Siège' }]) },
      after: { enabled: false, ranges: [{ cidr: '192.0.2.0/24', label: 'Nouveau bureau' }] },
    });
  });

  it('refuses a malformed range with a field error on that range, before any proof is asked', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Cap');
    const firmId = await firms.firmOf(boss.userId);
    const cidrs = [
      '10.0.0.1/8', // bits set after the prefix (IPv4)
      '2001:db8::1/32', // the same in IPv6
      'bureau du centre-ville', // garbage
      '10.0.0.0/33',
      '2001:db8::/129',
      '192.0.2.0/24', // fine
      '::ffff:10.0.0.0/104',
      '192.0.2.0/24', // listed twice
    ];
    const refused = await putAllowlist(t, boss.auth, firmId, {
      enabled: false,
      ranges: cidrs.map((cidr) => ({ cidr })),
    });
    expect(refused.statusCode).toBe(400);
    const body = refused.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((error: { path: string; code: string }) => [error.path, error.code])).toEqual([
      ['body.ranges.0.cidr', 'cidr_invalid'],
      ['body.ranges.1.cidr', 'cidr_invalid'],
      ['body.ranges.2.cidr', 'cidr_invalid'],
      ['body.ranges.3.cidr', 'cidr_invalid'],
      ['body.ranges.4.cidr', 'cidr_invalid'],
      ['body.ranges.6.cidr', 'cidr_invalid'],
      ['body.ranges.7.cidr', 'duplicate'],
    ]);
    expect(body.errors[0].message).toContain('10.0.0.0/8');
    expect(body.errors[1].message).toContain('2001:db8::/32');
    // A control character inside, or a range too short to be one, is refused by the schema itself.
    const schema = await putAllowlist(t, boss.auth, firmId, {
      enabled: false,
      ranges: [{ cidr: '10.0.0.0\t/8' }, { cidr: '1' }],
    });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().errors.map((error: { path: string }) => error.path)).toEqual([
      'body.ranges.0.cidr',
      'body.ranges.1.cidr',
    ]);
    expect((await allowlist(t, boss.auth, firmId)).json().ranges).toEqual([]);
  });

  it('refuses to turn the list on empty, or without the licensee’s own address', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Baie');
    const firmId = await firms.firmOf(boss.userId);
    const empty = await putAllowlist(t, boss.auth, firmId, { enabled: true, ranges: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([
      expect.objectContaining({ path: 'body.ranges', code: 'ranges_required' }),
    ]);

    const lockedOut = await putAllowlist(
      t,
      boss.auth,
      firmId,
      { enabled: true, ranges: [{ cidr: '192.0.2.0/24' }, { cidr: '2001:db8::/32' }] },
      '198.51.100.20',
    );
    expect(lockedOut.statusCode).toBe(400);
    expect(lockedOut.json().errors).toEqual([
      expect.objectContaining({ path: 'body.ranges', code: 'locks_you_out' }),
    ]);
    expect(lockedOut.json().detail).toContain('198.51.100.20');
    // The same list, from inside it, or kept off: accepted.
    await stepUp(t, boss.auth);
    const inside = await putAllowlist(
      t,
      boss.auth,
      firmId,
      { enabled: true, ranges: [{ cidr: '192.0.2.0/24' }] },
      '192.0.2.44',
    );
    expect(inside.statusCode).toBe(200);
    const off = await putAllowlist(t, boss.auth, firmId, { enabled: false, ranges: [] }, '198.51.100.20');
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, ranges: [] });
  });

  it('refuses changes by agents, other firms’ pros, candidates and licensees not verified', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Rade');
    const firmId = await firms.firmOf(boss.userId);
    const agent = await firms.agentOf(boss);
    const pending = await firms.colleagueOf(boss, { proVerified: false });
    const elsewhere = await signUpPro(t.app, t.database, 'Cabinet Loin');
    const candidate = await signUpAndLogIn(t.app, t.database);
    const payload = { enabled: false, ranges: [{ cidr: '192.0.2.0/24' }] };

    expect((await putAllowlist(t, undefined, firmId, payload)).statusCode).toBe(401);
    for (const person of [agent, elsewhere, candidate]) {
      const refused = await putAllowlist(t, person.auth, firmId, payload);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
    }
    const unverified = await putAllowlist(t, pending.auth, firmId, payload);
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('PRO_NOT_VERIFIED');
    // A licensee not verified still reads the list.
    expect((await allowlist(t, pending.auth, firmId)).statusCode).toBe(200);
    expect((await putAllowlist(t, boss.auth, UNKNOWN_FIRM, payload)).statusCode).toBe(404);
    expect((await allowlist(t, boss.auth, firmId)).json().ranges).toEqual([]);
  });

  it('a licensee requires a second factor of every member, after a fresh proof; audited', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Havre');
    const firmId = await firms.firmOf(boss.userId);
    const agent = await firms.agentOf(boss);
    const candidate = await signUpAndLogIn(t.app, t.database);
    const url = `/api/firms/${firmId}/security-policy`;

    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    for (const person of [agent, candidate]) {
      expect((await t.app.inject({ method: 'GET', url, headers: person.auth })).statusCode).toBe(403);
      const put = await t.app.inject({
        method: 'PUT',
        url,
        headers: person.auth,
        payload: { requireTwoFactor: true },
      });
      expect(put.statusCode).toBe(403);
    }
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/firms/${UNKNOWN_FIRM}/security-policy`,
      headers: boss.auth,
    });
    expect(unknown.statusCode).toBe(404);
    const read = await t.app.inject({ method: 'GET', url, headers: boss.auth });
    expect(read.json()).toEqual({ requireTwoFactor: false });

    const change = () =>
      t.app.inject({ method: 'PUT', url, headers: boss.auth, payload: { requireTwoFactor: true } });
    const unproven = await change();
    expect(unproven.statusCode).toBe(401);
    expect(unproven.json().code).toBe('STEP_UP_REQUIRED');
    await stepUp(t, boss.auth);
    const set = await change();
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ requireTwoFactor: true });
    expect((await t.app.inject({ method: 'GET', url, headers: boss.auth })).json()).toEqual({
      requireTwoFactor: true,
    });
    const myFirm = await t.app.inject({ method: 'GET', url: '/api/me/firm', headers: agent.auth });
    expect(myFirm.json()).toMatchObject({ requireTwoFactor: true, ipAllowlistEnabled: false });
    // Setting it again changes nothing, and writes nothing.
    expect((await change()).statusCode).toBe(200);
    const entries = await auditRows(t, 'firm.security_policy_changed', boss.userId);
    expect(entries).toEqual([
      expect.objectContaining({
        subjectId: firmId,
        before: { requireTwoFactor: false },
        after: { requireTwoFactor: true },
      }),
    ]);
  });
});

describe('a firm’s dossiers from its networks only, over real connections', () => {
  let t: TestApp;
  let port: number;
  let boss: Awaited<ReturnType<typeof signUpPro>>;
  let agent: Person;
  let elsewhere: Awaited<ReturnType<typeof signUpPro>>;
  let candidate: Person;
  let firmId: string;
  let dossierId: string;
  let documentId: string;
  beforeAll(async () => {
    t = await createTestApp();
    port = await listen(t, '127.0.0.1');
    const firms = firmHelpers(() => t);
    boss = await signUpPro(t.app, t.database, 'Cabinet Réseau');
    firmId = await firms.firmOf(boss.userId);
    agent = await firms.agentOf(boss);
    elsewhere = await signUpPro(t.app, t.database, 'Cabinet Autre');
    const assigned = await assignedDossier(t, 'express_entry_fsw', boss);
    candidate = assigned.candidate;
    dossierId = assigned.dossierId;
    const body = multipart(
      { itemId: 'express_entry_fsw.photo', memberId: assigned.principalId },
      { name: 'photo.pdf', content: pdfBytes(), contentType: 'application/pdf' },
    );
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/documents`,
      headers: { ...candidate.auth, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    documentId = uploaded.json().id;
    await keepFirmTo(t, boss, firmId, ['127.0.0.2/32'], '127.0.0.2');
  });
  afterAll(async () => {
    await t.close();
  });

  const dossier = (from: string, person: Person) =>
    send(port, { from, path: `/api/dossiers/${dossierId}`, auth: person.auth });

  it('admits only the listed source address to the firm’s dossiers and lists', async () => {
    for (const person of [boss, agent]) {
      const inside = await dossier('127.0.0.2', person);
      expect(inside.status).toBe(200);
      expect(inside.body.id).toBe(dossierId);
      for (const from of ['127.0.0.3', '127.0.0.1']) {
        const outside = await dossier(from, person);
        expect(outside.status).toBe(403);
        expect(outside.body.code).toBe('IP_NOT_ALLOWED');
      }
    }
    const listed = await send(port, { from: '127.0.0.2', path: '/api/dossiers', auth: boss.auth });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([dossierId]);
    for (const path of [
      '/api/dossiers',
      '/api/conversations',
      `/api/dossiers/${dossierId}/messages`,
      `/api/documents/${documentId}/download`,
    ]) {
      const refused = await send(port, { from: '127.0.0.3', path, auth: boss.auth });
      expect([path, refused.status, refused.body.code]).toEqual([path, 403, 'IP_NOT_ALLOWED']);
    }
    const download = await send(port, {
      from: '127.0.0.2',
      path: `/api/documents/${documentId}/download`,
      auth: boss.auth,
    });
    expect(download.status).toBe(200);
  });

  it('leaves the firm’s dossiers out of the dashboard outside its networks', async () => {
    const inside = await send(port, { from: '127.0.0.2', path: '/api/dashboard', auth: boss.auth });
    expect(inside.status).toBe(200);
    expect(inside.body.dossiers.map((item: { id: string }) => item.id)).toEqual([dossierId]);
    expect(inside.body.nextActions).toEqual([expect.objectContaining({ documentId })]);
    const outside = await send(port, { from: '127.0.0.3', path: '/api/dashboard', auth: boss.auth });
    expect(outside.status).toBe(200);
    expect(outside.body).toMatchObject({ dossiers: [], nextActions: [] });
  });

  it('counts no unread message of the firm’s dossiers outside its networks, without refusing the badge', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/messages`,
      headers: candidate.auth,
      payload: { clientId: randomUUID(), body: 'Bonjour, voici ma photo.' },
    });
    expect(sent.statusCode).toBe(201);
    const inside = await send(port, { from: '127.0.0.2', path: '/api/messages/unread', auth: boss.auth });
    expect([inside.status, inside.body.total]).toEqual([200, 1]);
    const outside = await send(port, { from: '127.0.0.3', path: '/api/messages/unread', auth: boss.auth });
    expect([outside.status, outside.body]).toEqual([200, { total: 0, dossiers: [] }]);
  });

  it('audits each refusal with the address, a refused write too', async () => {
    const before = await auditRows(t, 'firm.ip_refused', boss.userId);
    expect((await dossier('127.0.0.3', boss)).status).toBe(403);
    // A write checks access in its transaction, which the refusal rolls back: the entry stays.
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}`,
      headers: boss.auth,
      payload: { fileNumber: 'QC-2026-1' },
      remoteAddress: '127.0.0.4',
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('IP_NOT_ALLOWED');
    const after = await auditRows(t, 'firm.ip_refused', boss.userId);
    expect(after.length).toBe(before.length + 2);
    expect(after[1]).toMatchObject({
      subjectType: 'organisation',
      subjectId: firmId,
      dossierId,
      ip: '127.0.0.3',
      after: { address: '127.0.0.3', path: `/api/dossiers/${dossierId}` },
    });
    expect(after[0]).toMatchObject({ dossierId, ip: '127.0.0.4' });
    const unchanged = await dossier('127.0.0.2', boss);
    expect(unchanged.body.fileNumber).toBeNull();
  });

  it('never holds the candidate who owns the dossier to the firm’s networks', async () => {
    const owner = await dossier('127.0.0.3', candidate);
    expect(owner.status).toBe(200);
    const list = await send(port, { from: '127.0.0.3', path: '/api/dossiers', auth: candidate.auth });
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([dossierId]);
    expect(await auditRows(t, 'firm.ip_refused', candidate.userId)).toEqual([]);
  });

  it('keeps the socket of a pro outside the networks open, without the firm’s dossiers', async () => {
    /** The first answer of the socket, from `from`, to `auth` then a subscription to the dossier. */
    async function subscribeFrom(from: string) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { localAddress: from });
      const events: { type: string; code?: string }[] = [];
      socket.on('message', (data) => events.push(JSON.parse(String(data))));
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.send(JSON.stringify({ type: 'auth', token: boss.accessToken }));
      socket.send(JSON.stringify({ type: 'subscribe', dossierId }));
      const deadline = Date.now() + 5_000;
      while (!events.some((event) => event.type === 'subscribed' || event.type === 'error')) {
        if (Date.now() > deadline) throw new Error(`no answer: ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      socket.close();
      return events;
    }
    const inside = await subscribeFrom('127.0.0.2');
    expect(inside.map((event) => event.type)).toEqual(['ready', 'unread', 'subscribed']);
    const outside = await subscribeFrom('127.0.0.3');
    expect(outside.map((event) => event.type)).toEqual(['ready', 'unread', 'error']);
    expect(outside[2]?.code).toBe('IP_NOT_ALLOWED');
  });

  it('tells a pro of another firm nothing more than before, from anywhere', async () => {
    for (const from of ['127.0.0.2', '127.0.0.3']) {
      const refused = await dossier(from, elsewhere);
      expect(refused.status).toBe(404);
    }
  });

  it('with TRUST_PROXY false, a forged X-Forwarded-For is ignored', async () => {
    const forged = await send(port, {
      from: '127.0.0.3',
      path: `/api/dossiers/${dossierId}`,
      auth: boss.auth,
      headers: { 'x-forwarded-for': '127.0.0.2' },
    });
    expect(forged.status).toBe(403);
    const listed = await send(port, {
      from: '127.0.0.2',
      path: `/api/dossiers/${dossierId}`,
      auth: boss.auth,
      headers: { 'x-forwarded-for': '127.0.0.3' },
    });
    expect(listed.status).toBe(200);
  });

  it('with TRUST_PROXY set to the proxy’s address, X-Forwarded-For decides, from that proxy only', async () => {
    const behindProxy = await createTestApp({ sameDatabaseAs: t, env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      const proxied = await listen(behindProxy, '127.0.0.1');
      const through = (from: string, forwardedFor: string) =>
        send(proxied, {
          from,
          path: `/api/dossiers/${dossierId}`,
          auth: boss.auth,
          headers: { 'x-forwarded-for': forwardedFor },
        });
      expect((await through('127.0.0.1', '127.0.0.2')).status).toBe(200);
      const outside = await through('127.0.0.1', '127.0.0.3');
      expect([outside.status, outside.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
      // Each proxy appends the address it saw: the last untrusted one is the client's.
      expect((await through('127.0.0.1', '127.0.0.3, 127.0.0.2')).status).toBe(200);
      // From a peer that is not the proxy, the header is the client's own word: ignored.
      expect((await through('127.0.0.3', '127.0.0.2')).status).toBe(403);
      // A header that names no address leaves the request with none: outside every range, no error.
      const garbage = await through('127.0.0.1', 'bureau');
      expect([garbage.status, garbage.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
      const [entry] = await auditRows(t, 'firm.ip_refused', boss.userId);
      expect(entry?.ip).toBeNull();
    } finally {
      await behindProxy.close();
    }
  });

  it.skipIf(!hasIpv6Loopback)('checks IPv6 ranges, and IPv4 clients of an IPv6 socket as IPv4', async () => {
    await keepFirmTo(t, boss, firmId, ['127.0.0.2/32', '::1/128'], '127.0.0.2');
    const dualStack = await createTestApp({ sameDatabaseAs: t });
    try {
      const v6 = await listen(dualStack, '::');
      const from = (address: string, to: string) =>
        send(v6, { from: address, to, path: `/api/dossiers/${dossierId}`, auth: boss.auth });
      expect((await from('::1', '::1')).status).toBe(200);
      // Arrives as ::ffff:127.0.0.2 on this socket.
      expect((await from('127.0.0.2', '127.0.0.1')).status).toBe(200);
      const refused = await from('127.0.0.3', '127.0.0.1');
      expect([refused.status, refused.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
      const [entry] = await auditRows(t, 'firm.ip_refused', boss.userId);
      expect(entry?.ip).toBe('127.0.0.3');
      const seen = await send(v6, {
        from: '::1',
        to: '::1',
        path: `/api/firms/${firmId}/ip-allowlist`,
        auth: boss.auth,
      });
      expect(seen.body).toMatchObject({ yourAddress: '::1', yourAddressAllowed: true });
      // Without ::1 in the list, IPv6 is outside like any other address.
      await keepFirmTo(t, boss, firmId, ['127.0.0.2/32'], '127.0.0.2');
      expect((await from('::1', '::1')).status).toBe(403);
    } finally {
      await dualStack.close();
    }
  });
});

describe('the emergency bypass', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let port: number;
  const firms = firmHelpers(() => t);
  beforeAll(async () => {
    t = await createTestApp({ clock });
    port = await listen(t, '127.0.0.1');
  });
  afterAll(async () => {
    await t.close();
  });

  /** Another session of the same account, signed in from `from`. */
  async function signIn(email: string, from: string) {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: STRONG_PASSWORD },
      remoteAddress: from,
    });
    expect(login.statusCode).toBe(200);
    return {
      auth: { authorization: `Bearer ${login.json().accessToken}` },
      cookie: refreshCookie(login) as string,
    };
  }

  /** A new access token of the same session, through its refresh cookie. */
  async function refreshed(session: { auth: Auth; cookie: string }) {
    const renewed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { capitune_refresh: session.cookie },
    });
    expect(renewed.statusCode).toBe(200);
    session.auth = { authorization: `Bearer ${renewed.json().accessToken}` };
    session.cookie = refreshCookie(renewed) as string;
  }

  const bypass = (auth: Auth | undefined, firmId: string, reason: unknown, from = '127.0.0.3') =>
    t.app.inject({
      method: 'POST',
      url: `/api/firms/${firmId}/ip-allowlist/bypass`,
      ...(auth ? { headers: auth } : {}),
      payload: { reason },
      remoteAddress: from,
    });

  it('opens the firm’s dossiers to one session for an hour, after a fresh proof; audited', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Urgence');
    const firmId = await firms.firmOf(boss.userId);
    const { dossierId } = await assignedDossier(t, 'express_entry_fsw', boss);
    await keepFirmTo(t, boss, firmId, ['127.0.0.2/32'], '127.0.0.2');
    const travelling = await signIn(boss.body.email, '127.0.0.3');
    const read = (auth: Auth) => send(port, { from: '127.0.0.3', path: `/api/dossiers/${dossierId}`, auth });
    expect((await read(travelling.auth)).status).toBe(403);

    const reason = 'Audience demain matin, réseau du bureau en panne';
    const unproven = await bypass(travelling.auth, firmId, reason);
    expect(unproven.statusCode).toBe(401);
    expect(unproven.json().code).toBe('STEP_UP_REQUIRED');
    await stepUp(t, travelling.auth);
    const opened = await bypass(travelling.auth, firmId, reason);
    expect(opened.statusCode).toBe(200);
    const until = new Date(clock.now().getTime() + 60 * MINUTE).toISOString();
    expect(opened.json()).toEqual({ until });

    expect((await read(travelling.auth)).status).toBe(200);
    // The account's other session is still held to the firm's networks.
    const other = await read(boss.auth);
    expect([other.status, other.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
    const [entry] = await auditRows(t, 'firm.ip_bypass', boss.userId);
    expect(entry).toMatchObject({
      subjectType: 'organisation',
      subjectId: firmId,
      ip: '127.0.0.3',
      after: { reason, address: '127.0.0.3', until },
    });

    clock.advance(59 * MINUTE);
    await refreshed(travelling);
    expect((await read(travelling.auth)).status).toBe(200);
    clock.advance(2 * MINUTE);
    await refreshed(travelling);
    const expired = await read(travelling.auth);
    expect([expired.status, expired.body.code]).toEqual([403, 'IP_NOT_ALLOWED']);
  });

  it('is for members of the firm only, with a reason', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Secours');
    const firmId = await firms.firmOf(boss.userId);
    const agent = await firms.agentOf(boss);
    const elsewhere = await signUpPro(t.app, t.database, 'Cabinet Tiers');
    const candidate = await signUpAndLogIn(t.app, t.database);
    const reason = 'Rendez-vous client à l’extérieur';

    expect((await bypass(undefined, firmId, reason)).statusCode).toBe(401);
    for (const person of [elsewhere, candidate]) {
      await stepUp(t, person.auth);
      const refused = await bypass(person.auth, firmId, reason);
      expect(refused.statusCode).toBe(403);
    }
    expect((await bypass(boss.auth, UNKNOWN_FIRM, reason)).statusCode).toBe(404);
    const short = await bypass(boss.auth, firmId, 'oups');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].path).toBe('body.reason');
    // An agent of the firm may open it too.
    await stepUp(t, agent.auth);
    expect((await bypass(agent.auth, firmId, reason)).statusCode).toBe(200);
    expect(await auditRows(t, 'firm.ip_bypass', elsewhere.userId)).toEqual([]);
  });
});
