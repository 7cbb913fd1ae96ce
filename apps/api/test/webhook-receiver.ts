import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** One request the receiver got, verified or not. */
export interface ReceivedWebhook {
  id: string;
  headers: Record<string, string>;
  body: string;
  /** The secret whose signature matched, or null. */
  verifiedWith: string | null;
  /** What the receiver answered (0 when it hung up). */
  answered: number;
}

/**
 * A firm's tool in tests: an https server on 127.0.0.1 (the self-signed fixture certificate) that
 * verifies every request with the Standard Webhooks library against the secrets it is given, counts the
 * distinct `webhook-id`s it accepted (a receiver deduplicates on them), and can be told to answer 500 a
 * number of times, or to hang.
 */
export interface WebhookReceiver {
  /** `https://127.0.0.1:<port>/<path>`. */
  url: string;
  /** Every request, in order. */
  received: ReceivedWebhook[];
  /** The distinct `webhook-id`s accepted (verified and answered 2xx). */
  accepted: Set<string>;
  /** The secrets a request may be signed with; each is tried alone. */
  secrets: string[];
  /** The next `n` requests get 500. */
  failNext(n: number): void;
  /** Every request gets 500 until told otherwise. */
  failAlways(on: boolean): void;
  /** Requests are held without an answer until told otherwise. */
  hang(on: boolean): void;
  /** Whether a single secret verifies a request's signature. */
  verifies(request: ReceivedWebhook, secret: string): boolean;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secrets: string[] = []): Promise<WebhookReceiver> {
  let failures = 0;
  let failing = false;
  let hanging = false;
  const received: ReceivedWebhook[] = [];
  const accepted = new Set<string>();
  const receiver = { secrets } as { secrets: string[] };

  const verifies = (request: Pick<ReceivedWebhook, 'body' | 'headers'>, secret: string) => {
    try {
      new Webhook(secret).verify(request.body, request.headers);
      return true;
    } catch {
      return false;
    }
  };

  const server = https.createServer(
    {
      key: readFileSync(path.join(fixtures, 'loopback-tls.key')),
      cert: readFileSync(path.join(fixtures, 'loopback-tls.crt')),
    },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string') headers[name] = value;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        const entry: ReceivedWebhook = {
          id: headers['webhook-id'] ?? '',
          headers,
          body,
          verifiedWith: receiver.secrets.find((secret) => verifies({ body, headers }, secret)) ?? null,
          answered: 0,
        };
        received.push(entry);
        if (hanging) return;
        let status = 200;
        if (!entry.verifiedWith) status = 401;
        else if (failing) status = 500;
        else if (failures > 0) {
          failures -= 1;
          status = 500;
        }
        entry.answered = status;
        if (status === 200) accepted.add(entry.id);
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status === 200 ? 'ok' : 'no');
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}/hooks`,
    received,
    accepted,
    get secrets() {
      return receiver.secrets;
    },
    set secrets(value: string[]) {
      receiver.secrets = value;
    },
    failNext(n) {
      failures = n;
    },
    failAlways(on) {
      failing = on;
    },
    hang(on) {
      hanging = on;
    },
    verifies,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
