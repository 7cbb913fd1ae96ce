import { createECDH, createPublicKey, type ECDH, randomBytes, randomUUID, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A push service on 127.0.0.1 (https, the self-signed certificate of `fixtures/loopback-tls.*`), standing
 * in for FCM, Mozilla's autopush or Apple's: it records every request, answers 201 (or what a test asks
 * for one endpoint: 404, 410, 500…), and decrypts the `aes128gcm` bodies (RFC 8291) with the keys of
 * subscriptions the test made as a browser would (`subscribe`). The API reaches it only with
 * `WEBHOOKS_ALLOW_LOOPBACK=true`.
 */

const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer;
};

const fixtures = path.join(import.meta.dirname, 'fixtures');
/** The loopback certificate and key (P-256, CN and subjectAltName 127.0.0.1, valid a century). */
export const loopbackTls = {
  key: readFileSync(path.join(fixtures, 'loopback-tls.key')),
  cert: readFileSync(path.join(fixtures, 'loopback-tls.crt')),
};

/** A browser's subscription, as `PushSubscription.toJSON()` gives it, with the private half kept. */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The browser's P-256 key pair: decrypts what was sent to this subscription. */
  ecdh: ECDH;
  authSecret: Buffer;
}

/** What the `Authorization: vapid t=…, k=…` header held (RFC 8292), and whether its signature holds. */
export interface VapidClaim {
  publicKey: string;
  signatureValid: boolean;
  aud: string | undefined;
  sub: string | undefined;
  exp: number | undefined;
}

export interface RecordedPush {
  /** The endpoint's path: `/push/<id>`. */
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** What the stand-in answered. */
  status: number;
  vapid: VapidClaim | null;
}

export interface PushEndpoint {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedPush[];
  /** A new subscription on this service, keys generated as a browser does. */
  subscribe(): TestSubscription;
  /** From now on, requests to this endpoint get this status (201 by default). */
  answer(endpoint: string, status: number): void;
  /** The requests made to one endpoint. */
  requestsTo(endpoint: string): RecordedPush[];
  /** The plaintext of a recorded request, decrypted with the subscription's private keys. */
  decrypt(request: RecordedPush, subscription: TestSubscription): string;
  /** Resolves once `count` requests were recorded (fails after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedPush[]>;
  close(): Promise<void>;
}

function parseVapid(header: string | undefined): VapidClaim | null {
  const match = header?.match(/^vapid t=([\w-]+\.[\w-]+\.[\w-]+),\s*k=([\w-]+)$/);
  if (!match) return null;
  const [, token = '', publicKey = ''] = match;
  const [head = '', claims = '', signature = ''] = token.split('.');
  let signatureValid = false;
  let payload: { aud?: string; sub?: string; exp?: number } = {};
  try {
    const point = Buffer.from(publicKey, 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
    signatureValid = verify(
      'sha256',
      Buffer.from(`${head}.${claims}`),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
    payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
  } catch {
    signatureValid = false;
  }
  return { publicKey, signatureValid, aud: payload.aud, sub: payload.sub, exp: payload.exp };
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const requests: RecordedPush[] = [];
  const statuses = new Map<string, number>();
  const waiters: { count: number; resolve: () => void }[] = [];

  const server = https.createServer(loopbackTls, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const requestPath = request.url ?? '/';
      const status = statuses.get(requestPath) ?? 201;
      requests.push({
        path: requestPath,
        method: request.method ?? 'GET',
        headers: request.headers,
        body: Buffer.concat(chunks),
        status,
        vapid: parseVapid(request.headers.authorization),
      });
      for (const waiter of waiters.filter((entry) => requests.length >= entry.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      response.writeHead(status, status === 201 ? { location: `${requestPath}/${randomUUID()}` } : {});
      response.end(status >= 400 ? `status ${status}` : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pathOf = (endpoint: string) => new URL(endpoint).pathname;

  return {
    origin,
    requests,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      return {
        endpoint: `${origin}/push/${randomUUID()}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
        ecdh,
        authSecret,
      };
    },
    answer(endpoint, status) {
      statuses.set(pathOf(endpoint), status);
    },
    requestsTo(endpoint) {
      return requests.filter((request) => request.path === pathOf(endpoint));
    },
    decrypt(request, subscription) {
      return ece
        .decrypt(request.body, {
          version: 'aes128gcm',
          privateKey: subscription.ecdh,
          authSecret: subscription.authSecret,
        })
        .toString('utf8');
    },
    async waitForRequests(count, timeoutMs = 10_000) {
      if (requests.length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(new Error(`${requests.length} push requests after ${timeoutMs} ms, ${count} awaited`)),
            timeoutMs,
          );
          waiters.push({
            count,
            resolve: () => {
              clearTimeout(timer);
              resolve();
            },
          });
        });
      }
      return requests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
