import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, signUpPro, uploadDocument } from '../../../test/dossier-helpers';
import { createEvent, eventInput, type QuickUser, quickUser } from '../../../test/live-helpers';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/webhook-receiver';
import {
  auditLog,
  documents,
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { backoffMs, LEASE_SECONDS, runWebhookDeliveries } from './delivery.worker';
import { claimDueDeliveries } from './webhooks.queries';

type Auth = { authorization: string };

/** The emails' typography (as templates.test.ts checks every template): French no-break spaces, ’. */
function emailDisabledTypography(english: string, french: string): string[] {
  const withoutUrls = (text: string) => text.replace(/\b(?:https?|mailto):\S+/g, '');
  return [
    ...(withoutUrls(french).match(/.{0,20}([^\u00a0][:;!?»]|«[^\u00a0]|'|\u202f).{0,5}/g) ?? []),
    ...(withoutUrls(english).match(/.{0,20}(\s[:;!?]|').{0,5}/g) ?? []),
  ];
}
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const SECOND = 1000;
const HOUR = 3_600_000;

async function stepUp(t: TestApp, auth: Auth) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/step-up',
    headers: auth,
    payload: { method: 'password', password: STRONG_PASSWORD },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function firmOf(t: TestApp, userId: string): Promise<string> {
  const [row] = await t.database.db
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(eq(users.id, userId));
  return row?.organisationId as string;
}

function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  auth?: Auth,
  payload?: Record<string, unknown>,
) {
  return t.app.inject({
    method,
    url,
    ...(auth ? { headers: auth } : {}),
    ...(payload ? { payload } : {}),
  });
}

/** A licensee (verified) of a new firm, signed in with a token at the clock's time. */
async function licensee(t: TestApp, clock: ManualClock, locale: 'fr' | 'en' = 'fr') {
  const pro = await quickUser(t, clock, {
    role: 'pro',
    organisation: `Cabinet ${randomUUID().slice(0, 6)}`,
    locale,
  });
  return { ...pro, firmId: await firmOf(t, pro.userId) };
}

async function createEndpoint(
  t: TestApp,
  auth: Auth,
  firmId: string,
  url: string,
  eventTypes: string[] = ['document.uploaded'],
) {
  await stepUp(t, auth);
  const response = await call(t, 'POST', `/api/firms/${firmId}/webhooks`, auth, { url, eventTypes });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; secret: string; status: string };
}

async function deliveryRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

async function attemptsOf(t: TestApp, deliveryId: string) {
  return t.database.db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
}

describe('webhook endpoints: access and addresses (loopback not allowed)', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses anonymous (401), candidates, agents and other firms (403), unknown firms (404)', async () => {
    const owner = await licensee(t, clock);
    const other = await licensee(t, clock);
    const candidate = await quickUser(t, clock);
    const agent = await quickUser(t, clock, { role: 'pro', proVerified: false });
    await t.database.db.update(users).set({ organisationId: owner.firmId }).where(eq(users.id, agent.userId));
    const url = `/api/firms/${owner.firmId}/webhooks`;
    expect((await call(t, 'GET', url)).statusCode).toBe(401);
    expect(
      (
        await call(t, 'POST', url, undefined, {
          url: 'https://93.184.215.14/x',
          eventTypes: ['document.uploaded'],
        })
      ).statusCode,
    ).toBe(401);
    expect((await call(t, 'GET', url, await candidate.auth())).statusCode).toBe(403);
    expect((await call(t, 'GET', url, await other.auth())).statusCode).toBe(403);
    const asAgent = await call(t, 'GET', url, await agent.auth());
    expect(asAgent.statusCode).toBe(403);
    expect(asAgent.json().code).toBe('FORBIDDEN');
    expect((await call(t, 'GET', `/api/firms/${UNKNOWN}/webhooks`, await owner.auth())).statusCode).toBe(404);
    const list = await call(t, 'GET', url, await owner.auth());
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [] });
    // Each route refuses the others too.
    const created = await createEndpoint(t, await owner.auth(), owner.firmId, 'https://93.184.215.14/hook');
    const wid = created.id;
    for (const [method, path, payload] of [
      ['PATCH', `${url}/${wid}`, { description: 'x' }],
      ['DELETE', `${url}/${wid}`, undefined],
      ['POST', `${url}/${wid}/rotate-secret`, {}],
      ['POST', `${url}/${wid}/test`, undefined],
      ['GET', `${url}/${wid}/deliveries`, undefined],
      ['POST', `${url}/${wid}/deliveries/${UNKNOWN}/retry`, undefined],
    ] as const) {
      expect((await call(t, method, path, undefined, payload)).statusCode, `${method} ${path}`).toBe(401);
      expect((await call(t, method, path, await candidate.auth(), payload)).statusCode).toBe(403);
      expect((await call(t, method, path, await other.auth(), payload)).statusCode).toBe(403);
      expect((await call(t, method, path, await agent.auth(), payload)).statusCode).toBe(403);
    }
    // Another firm's endpoint through one's own firm: not found.
    const otherEndpoint = await createEndpoint(
      t,
      await other.auth(),
      other.firmId,
      'https://93.184.215.14/other',
    );
    const foreign = await call(t, 'PATCH', `${url}/${otherEndpoint.id}`, await owner.auth(), {
      description: 'x',
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await call(t, 'GET', `${url}/${otherEndpoint.id}/deliveries`, await owner.auth())).statusCode,
    ).toBe(404);
  });

  it('refuses http and private, link-local and loopback addresses (400 WEBHOOK_URL_NOT_ALLOWED)', async () => {
    const owner = await licensee(t, clock);
    const auth = await owner.auth();
    await stepUp(t, auth);
    for (const url of [
      'http://93.184.215.14/hook',
      'https://10.0.0.1/hook',
      'https://192.168.1.1/hook',
      'https://172.16.0.5/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://127.0.0.1/hook',
      'https://[::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://localhost/hook',
      'https://user:pass@93.184.215.14/hook',
      'not a url',
    ]) {
      const response = await call(t, 'POST', `/api/firms/${owner.firmId}/webhooks`, auth, {
        url,
        eventTypes: ['document.uploaded'],
      });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code, url).toBe('WEBHOOK_URL_NOT_ALLOWED');
    }
    expect(
      await t.database.db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.organisationId, owner.firmId)),
    ).toEqual([]);
  });

  it('creates (step-up, secret shown once and sealed), lists, updates, rotates, deletes, with audit', async () => {
    const owner = await licensee(t, clock);
    const base = `/api/firms/${owner.firmId}/webhooks`;
    const payload = {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['document.uploaded', 'message.received'],
      description: 'CRM',
    };
    const noStepUp = await call(t, 'POST', base, await owner.auth(), payload);
    expect(noStepUp.statusCode).toBe(401);
    expect(noStepUp.json().code).toBe('STEP_UP_REQUIRED');
    await stepUp(t, await owner.auth());
    const created = await call(t, 'POST', base, await owner.auth(), payload);
    expect(created.statusCode, created.body).toBe(201);
    const endpoint = created.json();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(endpoint.secret.slice(6), 'base64')).toHaveLength(24);
    expect(endpoint).toMatchObject({ status: 'active', description: 'CRM', previousSecretExpiresAt: null });
    const [stored] = await t.database.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(stored?.secret).not.toContain(endpoint.secret.slice(6));
    expect(t.app.deps.keyring.open(stored?.secret as string, `webhook-secret:${endpoint.id}`)).toBe(
      endpoint.secret,
    );

    const list = (await call(t, 'GET', base, await owner.auth())).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].secret).toBeUndefined();

    const patched = await call(t, 'PATCH', `${base}/${endpoint.id}`, await owner.auth(), {
      eventTypes: ['milestone.updated'],
      enabled: false,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      eventTypes: ['milestone.updated'],
      status: 'disabled',
      disabledReason: 'by_hand',
    });
    // A test delivery to a turned-off endpoint: 409.
    expect((await call(t, 'POST', `${base}/${endpoint.id}/test`, await owner.auth())).statusCode).toBe(409);
    const enabled = await call(t, 'PATCH', `${base}/${endpoint.id}`, await owner.auth(), { enabled: true });
    expect(enabled.json()).toMatchObject({ status: 'active', disabledReason: null });

    const rotated = await call(t, 'POST', `${base}/${endpoint.id}/rotate-secret`, await owner.auth(), {
      overlapHours: 2,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().secret).not.toBe(endpoint.secret);
    expect(rotated.json().previousSecretExpiresAt).toBe(
      new Date(clock.now().getTime() + 2 * HOUR).toISOString(),
    );

    // Sending a test, then "send again" while it is pending: 409.
    const test = await call(t, 'POST', `${base}/${endpoint.id}/test`, await owner.auth());
    expect(test.statusCode).toBe(202);
    expect(test.json()).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: [] });
    const retry = await call(
      t,
      'POST',
      `${base}/${endpoint.id}/deliveries/${test.json().id}/retry`,
      await owner.auth(),
    );
    expect(retry.statusCode).toBe(409);
    expect(retry.json().code).toBe('WEBHOOK_DELIVERY_PENDING');
    expect(
      (await call(t, 'POST', `${base}/${endpoint.id}/deliveries/${UNKNOWN}/retry`, await owner.auth()))
        .statusCode,
    ).toBe(404);
    const page = await call(t, 'GET', `${base}/${endpoint.id}/deliveries?limit=1`, await owner.auth());
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(1);
    expect(
      (await call(t, 'GET', `${base}/${endpoint.id}/deliveries?cursor=nope`, await owner.auth())).statusCode,
    ).toBe(400);

    expect((await call(t, 'DELETE', `${base}/${endpoint.id}`, await owner.auth())).statusCode).toBe(204);
    expect((await call(t, 'GET', base, await owner.auth())).json().items).toEqual([]);
    const actions = (
      await t.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.actorId, owner.userId))
        .orderBy(asc(auditLog.id))
    ).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'webhook.created',
        'webhook.disabled',
        'webhook.enabled',
        'webhook.secret_rotated',
        'webhook.deleted',
      ]),
    );
  });

  it('allows at most 10 endpoints per firm (409)', async () => {
    const owner = await licensee(t, clock);
    const auth = await owner.auth();
    await stepUp(t, auth);
    for (let i = 0; i < 10; i++) {
      const response = await call(t, 'POST', `/api/firms/${owner.firmId}/webhooks`, auth, {
        url: `https://93.184.215.14/hook/${i}`,
        eventTypes: ['document.uploaded'],
      });
      expect(response.statusCode).toBe(201);
    }
    const eleventh = await call(t, 'POST', `/api/firms/${owner.firmId}/webhooks`, auth, {
      url: 'https://93.184.215.14/hook/10',
      eventTypes: ['document.uploaded'],
    });
    expect(eleventh.statusCode).toBe(409);
  });
});

describe('webhook deliveries (loopback allowed by WEBHOOKS_ALLOW_LOOPBACK)', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WEBHOOKS_ALLOW_LOOPBACK: 'true' } });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  /** An endpoint on the receiver (its secret given to it), with nothing else of earlier tests left. */
  async function freshEndpoint(owner: QuickUser & { firmId: string }, eventTypes?: string[]) {
    await t.database.db.delete(webhookEndpoints);
    receiver.received.length = 0;
    receiver.accepted.clear();
    receiver.failAlways(false);
    receiver.failNext(0);
    receiver.hang(false);
    const endpoint = await createEndpoint(t, await owner.auth(), owner.firmId, receiver.url, eventTypes);
    receiver.secrets = [endpoint.secret];
    return endpoint;
  }

  async function sendTest(owner: QuickUser & { firmId: string }, endpointId: string): Promise<string> {
    const response = await call(
      t,
      'POST',
      `/api/firms/${owner.firmId}/webhooks/${endpointId}/test`,
      await owner.auth(),
    );
    expect(response.statusCode, response.body).toBe(202);
    return response.json().id;
  }

  it('still refuses private ranges when loopback is allowed', async () => {
    const owner = await licensee(t, clock);
    const auth = await owner.auth();
    await stepUp(t, auth);
    for (const url of [
      'https://10.0.0.1/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/',
      'http://127.0.0.1/hook',
    ]) {
      const response = await call(t, 'POST', `/api/firms/${owner.firmId}/webhooks`, auth, {
        url,
        eventTypes: ['document.uploaded'],
      });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('WEBHOOK_URL_NOT_ALLOWED');
    }
  });

  it('retries with backoff: fails twice, then delivered once; the log shows three attempts', async () => {
    const owner = await licensee(t, clock);
    const endpoint = await freshEndpoint(owner);
    const deliveryId = await sendTest(owner, endpoint.id);
    receiver.failNext(2);

    await runWebhookDeliveries(t.app.deps);
    let row = await deliveryRow(t, deliveryId);
    expect(row?.status).toBe('pending');
    expect(row?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    // Not due yet: nothing is sent.
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received).toHaveLength(1);

    clock.advance(30 * SECOND);
    await runWebhookDeliveries(t.app.deps);
    row = await deliveryRow(t, deliveryId);
    expect(row?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + 60 * SECOND);
    clock.advance(60 * SECOND);
    await runWebhookDeliveries(t.app.deps);

    expect(receiver.received.map((request) => request.answered)).toEqual([500, 500, 200]);
    expect(receiver.received.every((request) => request.verifiedWith === endpoint.secret)).toBe(true);
    expect(new Set(receiver.received.map((request) => request.id))).toEqual(new Set([`msg_${deliveryId}`]));
    expect(receiver.accepted.size).toBe(1);
    const body = JSON.parse(receiver.received[2]?.body as string);
    expect(body).toEqual({
      type: 'webhook.test',
      timestamp: expect.any(String),
      data: { endpointId: endpoint.id },
    });

    const log = await call(
      t,
      'GET',
      `/api/firms/${owner.firmId}/webhooks/${endpoint.id}/deliveries`,
      await owner.auth(),
    );
    expect(log.statusCode).toBe(200);
    const [delivery] = log.json().items;
    expect(delivery).toMatchObject({ id: deliveryId, status: 'delivered', nextAttemptAt: null });
    expect(delivery.attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([
      500, 500, 200,
    ]);

    // Delivered: never claimed again.
    clock.advance(HOUR);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received).toHaveLength(3);

    // "Send again": a new series with the same webhook-id; the receiver recognises it.
    const again = await call(
      t,
      'POST',
      `/api/firms/${owner.firmId}/webhooks/${endpoint.id}/deliveries/${deliveryId}/retry`,
      await owner.auth(),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pending' });
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received).toHaveLength(4);
    expect(receiver.received[3]?.id).toBe(`msg_${deliveryId}`);
    expect(receiver.accepted.size).toBe(1);
    expect((await deliveryRow(t, deliveryId))?.status).toBe('delivered');
  });

  it('signs with both secrets during a rotation’s overlap, then with the new one only', async () => {
    const owner = await licensee(t, clock);
    const endpoint = await freshEndpoint(owner);
    await stepUp(t, await owner.auth());
    const rotated = await call(
      t,
      'POST',
      `/api/firms/${owner.firmId}/webhooks/${endpoint.id}/rotate-secret`,
      await owner.auth(),
      { overlapHours: 1 },
    );
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().secret as string;
    receiver.secrets = [endpoint.secret, newSecret];

    const during = await sendTest(owner, endpoint.id);
    await runWebhookDeliveries(t.app.deps);
    const first = receiver.received.at(-1);
    expect(first?.id).toBe(`msg_${during}`);
    expect(first?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(receiver.verifies(first as never, endpoint.secret)).toBe(true);
    expect(receiver.verifies(first as never, newSecret)).toBe(true);

    const after = await sendTest(owner, endpoint.id);
    clock.advance(HOUR + SECOND);
    await runWebhookDeliveries(t.app.deps);
    const second = receiver.received.at(-1);
    expect(second?.id).toBe(`msg_${after}`);
    expect(second?.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(receiver.verifies(second as never, endpoint.secret)).toBe(false);
    expect(receiver.verifies(second as never, newSecret)).toBe(true);
    expect((await deliveryRow(t, after))?.status).toBe('delivered');
  });

  it('a worker killed mid-delivery: the lease passes, the delivery is taken again, delivered exactly once', async () => {
    const owner = await licensee(t, clock);
    const endpoint = await freshEndpoint(owner);
    const deliveryId = await sendTest(owner, endpoint.id);
    // The receiver got it and answered, but the worker dies before recording the answer.
    await expect(
      runWebhookDeliveries(t.app.deps, {
        afterSend: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(receiver.received).toHaveLength(1);
    let row = await deliveryRow(t, deliveryId);
    expect(row?.status).toBe('pending');
    expect(row?.leaseUntil).not.toBeNull();
    // Within the lease: nobody else takes it.
    clock.advance(30 * SECOND);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received).toHaveLength(1);
    // Past the lease: taken again, with the same webhook-id, and recorded.
    clock.advance(31 * SECOND);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received.map((request) => request.id)).toEqual([
      `msg_${deliveryId}`,
      `msg_${deliveryId}`,
    ]);
    expect(receiver.accepted.size).toBe(1);
    row = await deliveryRow(t, deliveryId);
    expect(row?.status).toBe('delivered');
    const attempts = await attemptsOf(t, deliveryId);
    expect(
      attempts.filter((attempt) => attempt.statusCode !== null && attempt.statusCode < 300),
    ).toHaveLength(1);
    expect(attempts.map((attempt) => attempt.error)).toEqual(['interrupted', null]);
    clock.advance(HOUR);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received).toHaveLength(2);
  });

  it('a worker killed after claiming, before sending: taken again once the lease passes', async () => {
    const owner = await licensee(t, clock);
    const endpoint = await freshEndpoint(owner);
    const deliveryId = await sendTest(owner, endpoint.id);
    // The claim (lease taken) and then nothing: the worker is gone.
    const claimed = await claimDueDeliveries(t.database.db, clock.now(), LEASE_SECONDS, 20);
    expect(claimed.map((delivery) => delivery.id)).toEqual([deliveryId]);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received).toHaveLength(0);
    clock.advance((LEASE_SECONDS + 1) * SECOND);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received.map((request) => request.id)).toEqual([`msg_${deliveryId}`]);
    expect((await deliveryRow(t, deliveryId))?.status).toBe('delivered');
    expect((await attemptsOf(t, deliveryId)).map((attempt) => attempt.statusCode)).toEqual([null, 200]);
  });

  it('a hanging receiver times out and is tried again', async () => {
    const owner = await licensee(t, clock);
    const endpoint = await freshEndpoint(owner);
    const deliveryId = await sendTest(owner, endpoint.id);
    receiver.hang(true);
    await runWebhookDeliveries(t.app.deps, { timeoutMs: 300 });
    const [attempt] = await attemptsOf(t, deliveryId);
    expect(attempt).toMatchObject({ statusCode: null, error: 'timeout' });
    expect((await deliveryRow(t, deliveryId))?.status).toBe('pending');
    receiver.hang(false);
    clock.advance(30 * SECOND);
    await runWebhookDeliveries(t.app.deps);
    expect((await deliveryRow(t, deliveryId))?.status).toBe('delivered');
  });

  it('24 hours of failures: the delivery fails, the endpoint is turned off and the licensees emailed', async () => {
    const owner = await licensee(t, clock, 'en');
    const colleague = await quickUser(t, clock, { role: 'pro', locale: 'fr' });
    await t.database.db
      .update(users)
      .set({ organisationId: owner.firmId })
      .where(eq(users.id, colleague.userId));
    const endpoint = await freshEndpoint(owner);
    const deliveryId = await sendTest(owner, endpoint.id);
    const start = clock.now().getTime();
    receiver.failAlways(true);
    for (let round = 0; round < 100; round++) {
      await runWebhookDeliveries(t.app.deps);
      const row = await deliveryRow(t, deliveryId);
      if (row?.status !== 'pending') break;
      clock.set(row.nextAttemptAt as Date);
    }
    const row = await deliveryRow(t, deliveryId);
    expect(row?.status).toBe('failed');
    const attempts = await attemptsOf(t, deliveryId);
    expect(attempts.length).toBeGreaterThan(20);
    expect(attempts.every((attempt) => attempt.statusCode === 500)).toBe(true);
    const last = attempts.at(-1)?.attemptedAt.getTime() as number;
    expect(last - start).toBe(24 * HOUR);
    // Exponential at first: 30 s, 1 min, 2 min, 4 min…
    const gaps = attempts
      .slice(1, 5)
      .map((attempt, i) => attempt.attemptedAt.getTime() - (attempts[i]?.attemptedAt.getTime() as number));
    expect(gaps).toEqual([30 * SECOND, 60 * SECOND, 120 * SECOND, 240 * SECOND]);
    const [stored] = await t.database.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(stored).toMatchObject({ status: 'disabled', disabledReason: 'failing_24h' });

    const [english] = await emailsTo(t.database, owner.email);
    expect(english?.subject).toBe(`Webhook turned off: 127.0.0.1:${new URL(receiver.url).port}`);
    expect(english?.template).toBe('webhooks.endpoint_disabled');
    const [french] = await emailsTo(t.database, colleague.email);
    expect(french?.subject).toMatch(/^Webhook désactivé\u00a0: /);
    expect(emailDisabledTypography(english?.text ?? '', french?.text ?? '')).toEqual([]);

    // Turned off: nothing new is queued for it, and nothing is tried.
    const received = receiver.received.length;
    const test = await call(
      t,
      'POST',
      `/api/firms/${owner.firmId}/webhooks/${endpoint.id}/test`,
      await owner.auth(),
    );
    expect(test.statusCode).toBe(409);
    // Send again (waits for the endpoint), turn it back on: delivered.
    receiver.failAlways(false);
    const again = await call(
      t,
      'POST',
      `/api/firms/${owner.firmId}/webhooks/${endpoint.id}/deliveries/${deliveryId}/retry`,
      await owner.auth(),
    );
    expect(again.statusCode).toBe(200);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received.length).toBe(received);
    const enabled = await call(
      t,
      'PATCH',
      `/api/firms/${owner.firmId}/webhooks/${endpoint.id}`,
      await owner.auth(),
      { enabled: true },
    );
    expect(enabled.json().status).toBe('active');
    await runWebhookDeliveries(t.app.deps);
    expect((await deliveryRow(t, deliveryId))?.status).toBe('delivered');
  });

  it('real actions emit events to the firm’s endpoints: ids and minimal data, never a file’s contents', async () => {
    await t.database.db.delete(webhookEndpoints);
    receiver.received.length = 0;
    const pro = await signUpPro(t.app, t.database);
    const firmId = await firmOf(t, pro.userId);
    const endpoint = await createEndpoint(t, pro.auth, firmId, receiver.url, [
      'dossier.assigned',
      'dossier.assignment_ended',
      'document.uploaded',
      'document.reviewed',
      'message.received',
      'milestone.updated',
    ]);
    receiver.secrets = [endpoint.secret];
    const { candidate, dossierId, principalId } = await assignedDossier(t, 'express_entry_fsw', pro);
    await uploadDocument(t, candidate, { id: dossierId, principalId }, 'express_entry_fsw.passport');
    const [document] = await t.database.db
      .select({ id: documents.id })
      .from(documents)
      .where(eq(documents.dossierId, dossierId));
    const reviewed = await call(t, 'POST', `/api/documents/${document?.id}/review`, pro.auth, {
      decision: 'approve',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const message = await call(t, 'POST', `/api/dossiers/${dossierId}/messages`, candidate.auth, {
      clientId: randomUUID(),
      body: 'Voici mon passeport, secret text',
      documentIds: [],
    });
    expect(message.statusCode, message.body).toBe(201);
    const milestone = await call(t, 'POST', `/api/dossiers/${dossierId}/milestones`, pro.auth, {
      kind: 'biometrics_requested',
    });
    expect(milestone.statusCode, milestone.body).toBe(201);
    // A candidate's dossier with no firm: nothing.
    const loner = await signUpAndLogIn(t.app, t.database);
    const own = await call(t, 'POST', '/api/dossiers', loner.auth, { programId: 'express_entry_fsw' });
    expect(own.statusCode).toBe(201);
    const ended = await call(t, 'DELETE', `/api/dossiers/${dossierId}/assignment`, candidate.auth);
    expect(ended.statusCode, ended.body).toBe(204);

    await runWebhookDeliveries(t.app.deps);
    const bodies = receiver.received
      .filter((request) => request.verifiedWith)
      .map((request) => JSON.parse(request.body) as { type: string; data: Record<string, unknown> });
    const types = bodies.map((body) => body.type).sort();
    expect(types).toEqual([
      'document.reviewed',
      'document.uploaded',
      'dossier.assigned',
      'dossier.assignment_ended',
      'message.received',
      'milestone.updated',
    ]);
    const uploaded = bodies.find((body) => body.type === 'document.uploaded');
    expect(uploaded?.data).toEqual({
      dossierId,
      documentId: expect.any(String),
      itemId: 'express_entry_fsw.passport',
      contentType: 'application/pdf',
      sizeBytes: expect.any(Number),
    });
    const everything = receiver.received.map((request) => request.body).join('\n');
    expect(everything).not.toContain('%PDF');
    expect(everything).not.toContain('secret text');
    expect(everything).not.toContain(candidate.body.email);
    const deliveries = await t.database.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id)))
      .orderBy(desc(webhookDeliveries.createdAt));
    expect(deliveries.every((delivery) => delivery.status === 'delivered')).toBe(true);
  });

  it('a webinar registration reaches the host’s firm', async () => {
    const host = await licensee(t, clock);
    const endpoint = await freshEndpoint(host, ['webinar.registration_created']);
    const event = await createEvent(t, host, eventInput(clock));
    const attendee = await quickUser(t, clock);
    const registered = await call(t, 'POST', `/api/events/${event.id}/registrations`, await attendee.auth());
    expect(registered.statusCode, registered.body).toBe(201);
    await runWebhookDeliveries(t.app.deps);
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(receiver.received[0]?.body as string);
    expect(body).toMatchObject({
      type: 'webinar.registration_created',
      data: { eventId: event.id, status: 'registered' },
    });
    expect(receiver.received[0]?.body).not.toContain(attendee.email);
    expect(endpoint.id).toBeTruthy();
  });
});
