import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { type PushEndpoint, startPushEndpoint } from '../../../test/push-endpoint';
import { localVapidKeys } from './vapid';
import { createWebPushSender } from './web-push-sender';

describe('the web-push sender', () => {
  let endpoint: PushEndpoint;
  const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:support@capitune.test' };
  const sender = createWebPushSender(vapid, { allowLoopback: true });

  beforeAll(async () => {
    endpoint = await startPushEndpoint();
  });
  afterAll(() => endpoint.close());

  it('sends a payload the browser’s keys decrypt (RFC 8291), signed with the VAPID key (RFC 8292)', async () => {
    const subscription = endpoint.subscribe();
    const payload = JSON.stringify({ title: 'Document demandé', body: 'Passeport « bleu » : à déposer' });
    const outcome = await sender.send(subscription, payload, {
      ttlSeconds: 86_400,
      urgency: 'high',
      topic: 'doc1',
    });
    expect(outcome).toEqual({ ok: true, statusCode: 201 });
    expect(sender.publicKey).toBe(vapid.publicKey);

    const [request] = endpoint.requestsTo(subscription.endpoint);
    if (!request) throw new Error('no request');
    expect(request.method).toBe('POST');
    expect(endpoint.decrypt(request, subscription)).toBe(payload);
    expect(request.headers).toMatchObject({
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: '86400',
      urgency: 'high',
      topic: 'doc1',
    });
    expect(request.vapid).toMatchObject({
      publicKey: vapid.publicKey,
      signatureValid: true,
      aud: endpoint.origin,
      sub: 'mailto:support@capitune.test',
    });
    // Someone else's keys do not open it.
    expect(() => endpoint.decrypt(request, endpoint.subscribe())).toThrow();
  });

  it('reports 404 and 410 as gone, other failures as passing', async () => {
    const answers: [number, boolean][] = [
      [404, true],
      [410, true],
      [429, false],
      [500, false],
      [503, false],
    ];
    for (const [status, gone] of answers) {
      const subscription = endpoint.subscribe();
      endpoint.answer(subscription.endpoint, status);
      const outcome = await sender.send(subscription, '{}', { ttlSeconds: 60 });
      expect(outcome).toMatchObject({ ok: false, gone, statusCode: status });
    }
  });

  it('counts an unreachable push service as a passing failure', async () => {
    const closed = await startPushEndpoint();
    const subscription = closed.subscribe();
    await closed.close();
    const outcome = await sender.send(subscription, '{}', { ttlSeconds: 60 });
    expect(outcome).toMatchObject({ ok: false, gone: false, statusCode: null });
  });

  it('refuses, when connecting, a host name that leads to loopback unless the policy allows it', async () => {
    const strict = createWebPushSender(vapid, { allowLoopback: false });
    const subscription = endpoint.subscribe();
    const byName = { ...subscription, endpoint: subscription.endpoint.replace('127.0.0.1', 'localhost') };
    const before = endpoint.requests.length;
    const outcome = await strict.send(byName, '{}', { ttlSeconds: 60 });
    expect(outcome).toMatchObject({ ok: false, gone: true, statusCode: null });
    expect(endpoint.requests.length).toBe(before);
  });

  it('never calls an address the policy refuses, even one stored before the policy changed', async () => {
    const strict = createWebPushSender(vapid, { allowLoopback: false });
    const before = endpoint.requests.length;
    for (const address of [
      endpoint.subscribe().endpoint,
      'https://10.0.0.1/push/1',
      'https://[::1]/push/1',
      'http://example.com/push',
    ]) {
      const outcome = await strict.send({ ...endpoint.subscribe(), endpoint: address }, '{}', {
        ttlSeconds: 60,
      });
      expect(outcome, address).toMatchObject({ ok: false, gone: true, statusCode: null });
    }
    expect(endpoint.requests.length).toBe(before);
  });

  it('gives up on a push service that does not answer in time', async () => {
    const slow = createWebPushSender(vapid, { allowLoopback: true }, { timeoutMs: 200 });
    const https = await import('node:https');
    const { loopbackTls } = await import('../../../test/push-endpoint');
    const server = https.createServer(loopbackTls, () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const subscription = endpoint.subscribe();
    const outcome = await slow.send(
      { ...subscription, endpoint: `https://127.0.0.1:${port}/push/slow` },
      '{}',
      { ttlSeconds: 60 },
    );
    expect(outcome).toMatchObject({ ok: false, gone: false, statusCode: null });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('the embedded mode’s VAPID keys', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'capitune-vapid-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('are generated once into DATA_DIR/vapid.json (mode 0600) and kept across starts', async () => {
    const first = await localVapidKeys(path.join(dataDir, 'data'), 'mailto:a@capitune.test');
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(first.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.subject).toBe('mailto:a@capitune.test');
    const file = path.join(dataDir, 'data', 'vapid.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await localVapidKeys(path.join(dataDir, 'data'), 'mailto:b@capitune.test');
    expect(again).toEqual({ ...first, subject: 'mailto:b@capitune.test' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      publicKey: first.publicKey,
      privateKey: first.privateKey,
    });
  });

  it('refuses a damaged file rather than replacing the key browsers subscribed with', async () => {
    const broken = path.join(dataDir, 'broken');
    await localVapidKeys(broken, 'mailto:a@capitune.test');
    await writeFile(path.join(broken, 'vapid.json'), '{"publicKey":');
    await expect(localVapidKeys(broken, 'mailto:a@capitune.test')).rejects.toThrow(/delete it/);
  });
});
